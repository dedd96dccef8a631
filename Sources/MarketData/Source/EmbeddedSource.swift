import Foundation
import StrategyCore

/// The default source: embedded real prices, with synthetic-sample insider, Reddit, fundamental and analyst data.
package struct EmbeddedSource: MarketDataSource {
    package static let name = "embedded"

    package let dataSet: EmbeddedDataSet
    package let info: SourceInfo
    private let lazyAlternative: LazyAlternative

    /// The synthetic sample, generated on first use (about a quarter of a second), since price-only work never needs it.
    package var alternative: SyntheticAltData { lazyAlternative.value }

    /// Loads the shared embedded set and generates its synthetic alternative data once.
    package static func shared() throws -> EmbeddedSource {
        try cached.get()
    }

    private static let cached: Result<EmbeddedSource, MarketDataError> = {
        do {
            return .success(EmbeddedSource(dataSet: try EmbeddedDataSet.shared()))
        } catch let error as MarketDataError {
            return .failure(error)
        } catch {
            return .failure(.embeddedCorrupt(error.localizedDescription))
        }
    }()

    package init(dataSet: EmbeddedDataSet, seed: UInt64 = SyntheticAltData.defaultSeed) {
        self.dataSet = dataSet
        let series = dataSet.tickers.compactMap { dataSet.series[$0] }
        lazyAlternative = LazyAlternative(series: series, seed: seed)
        let first = series.compactMap(\.firstDay).min(), last = series.compactMap(\.lastDay).max()
        let stocks = dataSet.tickers.filter { !$0.hasPrefix("^") }
        let stockSeries = stocks.compactMap { dataSet.series[$0] }
        // Synthetic data covers each stock over its price history.
        let span = (stockSeries.compactMap(\.firstDay).min(), stockSeries.compactMap(\.lastDay).max())
        let (ins, men, fun, ana) = (span, span, span, span)
        let sources = dataSet.sources.map { "\($0.file): \($0.note) (\($0.package), \($0.licence) licence)" }
        info = SourceInfo(
            name: Self.name, tickers: dataSet.tickers,
            coverage: [
                .init(kind: .prices, tickerCount: dataSet.tickers.count, first: first, last: last, isSynthetic: false),
                .init(kind: .insider, tickerCount: stocks.count, first: ins.0, last: ins.1, isSynthetic: true),
                .init(kind: .mentions, tickerCount: stocks.count, first: men.0, last: men.1, isSynthetic: true),
                .init(kind: .fundamentals, tickerCount: stocks.count, first: fun.0, last: fun.1, isSynthetic: true),
                .init(kind: .analyst, tickerCount: stocks.count, first: ana.0, last: ana.1, isSynthetic: true),
            ],
            universes: dataSet.universes,
            notes: dataSet.notes + sources + [
                "Insider trades, Reddit mentions, fundamentals and analyst grades are a \(SyntheticAltData.label), generated from the prices; they are not real filings. Each stock has them over its own price history (the sample stocks 2009-08-21 … 2010-08-20, MSFT 1986 … 2017).",
            ],
            universeSpans: dataSet.universes.keys.sorted().map { name in
                let members = dataSet.universes[name]!.compactMap { dataSet.series[$0] }
                let firsts = members.compactMap(\.firstDay).sorted(), lasts = members.compactMap(\.lastDay).sorted()
                return .init(name: name, tickerCount: members.count, first: firsts.first, last: lasts.last,
                             typicalFirst: firsts.isEmpty ? nil : firsts[firsts.count / 2],
                             typicalLast: lasts.isEmpty ? nil : lasts[lasts.count / 2])
            })
    }

    package func bars(tickers: [String], from: Day?, to: Day?) async throws -> [PriceSeries] {
        let missing = tickers.filter { dataSet.series[$0] == nil }
        guard missing.isEmpty else { throw MarketDataError.unknownTickers(missing, source: "The embedded data set") }
        return tickers.compactMap { dataSet.series[$0]?.slice(from: from, to: to) }
    }

    package func insiderFilings(tickers: [String], from: Day?, to: Day?) async throws -> [InsiderFiling] {
        let wanted = Set(tickers)
        return alternative.insider.filter { wanted.contains($0.ticker) && within($0.filingDate, from, to) }
    }

    package func mentions(tickers: [String], from: Day?, to: Day?) async throws -> [MentionObservation] {
        let wanted = Set(tickers)
        return alternative.mentions.filter { wanted.contains($0.ticker) && within($0.day, from, to) }
    }

    package func fundamentals(tickers: [String], from: Day?, to: Day?) async throws -> [FundamentalSnapshot] {
        let wanted = Set(tickers)
        return alternative.fundamentals.filter { wanted.contains($0.ticker) && within($0.filingDate, from, to) }
    }

    package func analystGrades(tickers: [String], from: Day?, to: Day?) async throws -> [AnalystGrade] {
        let wanted = Set(tickers)
        return alternative.grades.filter { wanted.contains($0.ticker) && within($0.day, from, to) }
    }

    /// Synthetic data covers a stock from its first bar on (its fundamentals open with a report filed earlier);
    /// indices have none.
    package func coverageStart(kind: DataKind, ticker: String) -> Day? {
        guard let series = dataSet.series[ticker] else { return nil }
        if kind == .prices { return series.firstDay }
        return ticker.hasPrefix("^") ? nil : series.firstDay
    }
}

/// Generates the synthetic sample once, on first use, for every copy of the source that shares it.
private final class LazyAlternative: @unchecked Sendable {
    private let lock = NSLock()
    private let series: [PriceSeries]
    private let seed: UInt64
    private var generated: SyntheticAltData?

    init(series: [PriceSeries], seed: UInt64) {
        self.series = series
        self.seed = seed
    }

    var value: SyntheticAltData {
        lock.lock()
        defer { lock.unlock() }
        if let generated { return generated }
        let made = SyntheticAltData.generate(for: series, seed: seed)
        generated = made
        return made
    }
}
