import Foundation
import StrategyCore

/// The default source: embedded real prices, with synthetic-sample insider, Reddit, fundamental and analyst data.
package struct EmbeddedSource: MarketDataSource {
    package static let name = "embedded"
    /// The long-history set's name, which is also its universe's.
    package static let longHistoryName = "long-history"

    package let dataSet: EmbeddedDataSet
    package let info: SourceInfo
    private let lazyAlternative: LazyAlternative
    /// False for the long history, which holds prices only.
    private let hasSample: Bool
    /// Per universe, the trading days a typical member has within the span most members share (the median),
    /// counted once here since every default data choice reads it.
    package let typicalTradingDays: [String: Int]

    /// The synthetic sample, generated on first use (about a quarter of a second), since price-only work never needs it.
    package var alternative: SyntheticAltData { lazyAlternative.value }

    /// Loads the shared embedded set and generates its synthetic alternative data once.
    package static func shared() throws -> EmbeddedSource {
        try cached.get()
    }

    /// The long history (26 large US stocks and the S&P 500 index, 1990-2023), prices only, loaded once.
    package static func longHistory() throws -> EmbeddedSource {
        try cachedLong.get()
    }

    private static let cached: Result<EmbeddedSource, MarketDataError> = Result {
        EmbeddedSource(dataSet: try EmbeddedDataSet.shared())
    }.mapError { $0 as? MarketDataError ?? .embeddedCorrupt($0.localizedDescription) }

    private static let cachedLong: Result<EmbeddedSource, MarketDataError> = Result {
        EmbeddedSource(pricesOnly: try EmbeddedDataSet.shared(.longHistory), name: longHistoryName)
    }.mapError { $0 as? MarketDataError ?? .embeddedCorrupt($0.localizedDescription) }

    /// A set served with its prices alone: no synthetic alternative data.
    package init(pricesOnly dataSet: EmbeddedDataSet, name: String) {
        self.dataSet = dataSet
        hasSample = false
        lazyAlternative = LazyAlternative(series: [], seed: SyntheticAltData.defaultSeed)
        let series = dataSet.tickers.compactMap { dataSet.series[$0] }
        let closeOnly = series.filter { $0.closeOnlyCount > 0 }.map(\.ticker)
        let spans = Self.spans(dataSet)
        info = SourceInfo(
            name: name, tickers: dataSet.tickers,
            coverage: [.init(kind: .prices, tickerCount: dataSet.tickers.count, first: series.compactMap(\.firstDay).min(),
                             last: series.compactMap(\.lastDay).max(), isSynthetic: false)],
            universes: dataSet.universes,
            notes: dataSet.notes + dataSet.sources.map { "\($0.file): \($0.note) (\($0.package), \($0.licence) licence)" }
                + (closeOnly.isEmpty ? [] : ["Close-only bars in: \(closeOnly.joined(separator: ", "))."])
                + ["Prices only: no insider, Reddit, fundamental or analyst data."],
            universeSpans: spans)
        typicalTradingDays = Self.typicalTradingDays(dataSet, spans: spans)
    }

    package init(dataSet: EmbeddedDataSet, seed: UInt64 = SyntheticAltData.defaultSeed) {
        self.dataSet = dataSet
        hasSample = true
        let series = dataSet.tickers.compactMap { dataSet.series[$0] }
        lazyAlternative = LazyAlternative(series: series, seed: seed)
        let first = series.compactMap(\.firstDay).min(), last = series.compactMap(\.lastDay).max()
        let stocks = dataSet.tickers.filter { !$0.hasPrefix("^") }
        let stockSeries = stocks.compactMap { dataSet.series[$0] }
        // Synthetic data covers each stock over its price history.
        let span = (stockSeries.compactMap(\.firstDay).min(), stockSeries.compactMap(\.lastDay).max())
        let (ins, men, fun, ana) = (span, span, span, span)
        let sources = dataSet.sources.map { "\($0.file): \($0.note) (\($0.package), \($0.licence) licence)" }
        let spans = Self.spans(dataSet)
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
            universeSpans: spans)
        typicalTradingDays = Self.typicalTradingDays(dataSet, spans: spans)
    }

    static func typicalTradingDays(_ dataSet: EmbeddedDataSet, spans: [SourceInfo.UniverseSpan]) -> [String: Int] {
        var days: [String: Int] = [:]
        for span in spans {
            guard let first = span.typicalFirst, let last = span.typicalLast, let tickers = dataSet.universes[span.name] else { continue }
            let counts = tickers.compactMap { dataSet.series[$0] }.map { s in
                s.firstIndex(onOrAfter: last.adding(days: 1)) - s.firstIndex(onOrAfter: first)
            }.sorted()
            days[span.name] = counts.isEmpty ? 0 : counts[counts.count / 2]
        }
        return days
    }

    static func spans(_ dataSet: EmbeddedDataSet) -> [SourceInfo.UniverseSpan] {
        dataSet.universes.keys.sorted().map { name in
            let members = dataSet.universes[name]!.compactMap { dataSet.series[$0] }
            let firsts = members.compactMap(\.firstDay).sorted(), lasts = members.compactMap(\.lastDay).sorted()
            return .init(name: name, tickerCount: members.count, first: firsts.first, last: lasts.last,
                         typicalFirst: firsts.isEmpty ? nil : firsts[firsts.count / 2],
                         typicalLast: lasts.isEmpty ? nil : lasts[lasts.count / 2])
        }
    }

    package func bars(tickers: [String], from: Day?, to: Day?) async throws -> [PriceSeries] {
        let missing = tickers.filter { dataSet.series[$0] == nil }
        guard missing.isEmpty else { throw MarketDataError.unknownTickers(missing, source: "The embedded data set") }
        return tickers.compactMap { dataSet.series[$0]?.slice(from: from, to: to) }
    }

    package func insiderFilings(tickers: [String], from: Day?, to: Day?) async throws -> [InsiderFiling] {
        guard hasSample else { return [] }
        let wanted = Set(tickers)
        return alternative.insider.filter { wanted.contains($0.ticker) && within($0.filingDate, from, to) }
    }

    package func mentions(tickers: [String], from: Day?, to: Day?) async throws -> [MentionObservation] {
        guard hasSample else { return [] }
        let wanted = Set(tickers)
        return alternative.mentions.filter { wanted.contains($0.ticker) && within($0.day, from, to) }
    }

    package func fundamentals(tickers: [String], from: Day?, to: Day?) async throws -> [FundamentalSnapshot] {
        guard hasSample else { return [] }
        let wanted = Set(tickers)
        return alternative.fundamentals.filter { wanted.contains($0.ticker) && within($0.filingDate, from, to) }
    }

    package func analystGrades(tickers: [String], from: Day?, to: Day?) async throws -> [AnalystGrade] {
        guard hasSample else { return [] }
        let wanted = Set(tickers)
        return alternative.grades.filter { wanted.contains($0.ticker) && within($0.day, from, to) }
    }

    package func priceSpan(ticker: String) -> ClosedRange<Day>? {
        guard let series = dataSet.series[ticker], let first = series.firstDay, let last = series.lastDay else { return nil }
        return first...last
    }

    /// Synthetic data covers a stock from its first bar on (its fundamentals open with a report filed earlier);
    /// indices have none.
    package func coverageStart(kind: DataKind, ticker: String) -> Day? {
        guard let series = dataSet.series[ticker] else { return nil }
        if kind == .prices { return series.firstDay }
        return ticker.hasPrefix("^") || !hasSample ? nil : series.firstDay
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
