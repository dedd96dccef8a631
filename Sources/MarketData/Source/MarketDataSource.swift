import Foundation
import StrategyCore

/// One place market data comes from: the embedded set, an imported CSV folder, a live service.
///
/// Ranges are inclusive and nil means unbounded. Alternative data is filtered by the day it became
/// known (filing date, observation day), which is also how the engine reads it point in time.
/// A kind the source does not hold answers with an empty list; `info` says which kinds it holds.
package protocol MarketDataSource: Sendable {
    var info: SourceInfo { get }
    func bars(tickers: [String], from: Day?, to: Day?) async throws -> [PriceSeries]
    func insiderFilings(tickers: [String], from: Day?, to: Day?) async throws -> [InsiderFiling]
    func mentions(tickers: [String], from: Day?, to: Day?) async throws -> [MentionObservation]
    func fundamentals(tickers: [String], from: Day?, to: Day?) async throws -> [FundamentalSnapshot]
    func analystGrades(tickers: [String], from: Day?, to: Day?) async throws -> [AnalystGrade]
    /// The first day the source can answer for a kind and ticker; before it, fields read "no value".
    func coverageStart(kind: DataKind, ticker: String) -> Day?
    /// The first and last day of a ticker's prices, when the source knows them without fetching; nil otherwise.
    func priceSpan(ticker: String) -> ClosedRange<Day>?
}

extension MarketDataSource {
    package func insiderFilings(tickers: [String], from: Day?, to: Day?) async throws -> [InsiderFiling] { [] }
    package func mentions(tickers: [String], from: Day?, to: Day?) async throws -> [MentionObservation] { [] }
    package func fundamentals(tickers: [String], from: Day?, to: Day?) async throws -> [FundamentalSnapshot] { [] }
    package func analystGrades(tickers: [String], from: Day?, to: Day?) async throws -> [AnalystGrade] { [] }
    package func coverageStart(kind: DataKind, ticker: String) -> Day? {
        info.holds(ticker) ? info.coverage(of: kind)?.first : nil
    }
    package func priceSpan(ticker: String) -> ClosedRange<Day>? { nil }
}

/// Whether a day lies in an inclusive range with open ends.
func within(_ day: Day, _ from: Day?, _ to: Day?) -> Bool {
    (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
}
