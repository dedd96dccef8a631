import Foundation
import Store
import StrategyCore

/// Imported bars live in the SQLite store, shared by all users (market data is not personal).
extension StratStore: BarStorage {
    package func storedBars(source: String, ticker: String) throws -> PriceSeries? {
        try bars(source: source, ticker: ticker, from: nil, to: nil)
    }

    package func storedSummaries() throws -> [StoredBarsSummary] {
        try storedSeries().map {
            StoredBarsSummary(source: $0.source, ticker: $0.ticker, count: $0.count, first: $0.first, last: $0.last)
        }
    }
}
