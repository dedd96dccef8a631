import Foundation
import StrategyCore

extension MarketData {
    /// The embedded set and period that can test `strategy` when no universe or dates were given, with the
    /// one-line reason (see `DefaultDataChoice`); nil when the embedded cross-section is not among the sources.
    package func defaultChoice(for strategy: TradingStrategy) -> DefaultDataChoice.Choice? {
        let embedded = sources.compactMap { $0 as? EmbeddedSource }
        guard let cross = embedded.first(where: { $0.info.name == EmbeddedSource.name }),
              let crossCandidate = Self.candidate(cross, universe: "sample", hasAlternativeData: true,
                                                  label: { "the \($0)-stock 2009-2010 cross-section" }) else { return nil }
        let long = embedded.first { $0.info.name == EmbeddedSource.longHistoryName }.flatMap {
            Self.candidate($0, universe: EmbeddedSource.longHistoryName, hasAlternativeData: false,
                           label: { "the \($0)-ticker long history" })
        }
        let fields = strategy.fieldsUsed.compactMap(Field.init(name:))
        let longest = fields.max { FieldRegistry.spec(for: $0).lookback.bars ?? 0 < FieldRegistry.spec(for: $1).lookback.bars ?? 0 }
        let needsAlternative = fields.contains { DataKind(family: $0.family).map { $0 != .prices } ?? false }
        return DefaultDataChoice.choose(
            lookbackBars: FieldRegistry.maxLookbackBars(for: strategy) + 1, lookbackField: longest?.name,
            needsAlternativeData: needsAlternative, crossSection: crossCandidate, longHistory: long)
    }

    /// A set's universe as a candidate: the span most members share and the trading days a typical member has
    /// in it (the median, so one member with a longer stitched history does not speak for the rest).
    static func candidate(_ source: EmbeddedSource, universe: String, hasAlternativeData: Bool,
                          label: (Int) -> String) -> DefaultDataChoice.Candidate? {
        guard let span = source.info.universeSpans.first(where: { $0.name == universe }),
              let first = span.typicalFirst, let last = span.typicalLast,
              let tickers = source.info.universes[universe] else { return nil }
        let days = source.typicalTradingDays[universe] ?? 0
        return DefaultDataChoice.Candidate(universe: universe, label: label(tickers.count), first: first, last: last,
                                           tradingDays: days, hasAlternativeData: hasAlternativeData)
    }
}
