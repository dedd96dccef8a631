import Foundation
import MarketData
import StrategyCore

/// Bars and alternative-data columns for a strategy's universe, as signal generation needs them.
public struct SignalMarketData: Sendable {
    public var series: [PriceSeries]
    /// `[ticker: [field: column]]` aligned with each series.
    public var external: ExternalColumns
    /// Field names whose data is the synthetic sample.
    public var synthetic: Set<String>
    public var warnings: [String]
    /// Where the bars come from, as results state it.
    public var dataLabel: String
    public var universeLabel: String

    public init(series: [PriceSeries], external: ExternalColumns = [:], synthetic: Set<String> = [], warnings: [String] = [],
                dataLabel: String, universeLabel: String) {
        self.series = series
        self.external = external
        self.synthetic = synthetic
        self.warnings = warnings
        self.dataLabel = dataLabel
        self.universeLabel = universeLabel
    }

    /// "Today" for signals: the latest day through which at least half the tickers have bars, so one
    /// ticker with a longer history (the sample's MSFT runs past its peers) does not move the day.
    public var lastDay: Day? { DataSpan(series)?.typicalLast }

    /// Every day some ticker has a bar, in order.
    public var tradingDays: [Day] {
        Array(Set(series.flatMap(\.days))).sorted()
    }
}

/// Where signal generation gets its data. `MarketDataFeed` is the program's; tests hand in fixed series.
public protocol SignalDataFeed: Sendable {
    /// Bars up to `through` (all when nil) for the universe, with the strategy's alternative-data columns.
    func load(strategy: TradingStrategy, universe: String, through: Day?) async throws -> SignalMarketData
}

/// The market-data facade as a signal feed.
public struct MarketDataFeed: SignalDataFeed {
    public let market: MarketData

    public init(market: MarketData) {
        self.market = market
    }

    public func load(strategy: TradingStrategy, universe: String, through: Day?) async throws -> SignalMarketData {
        let resolved = try market.resolve(universe: universe)
        let series = try await market.bars(for: resolved, to: through)
        let external = try await market.externalColumns(for: strategy, series: series)
        let synthetic = Set(external.syntheticLabels.compactMap { $0.split(separator: ":").first.map(String.init) })
        let owners = Set(resolved.members.map(\.source)).sorted().joined(separator: ", ")
        return SignalMarketData(
            series: series, external: external.columns, synthetic: synthetic,
            warnings: resolved.notes + external.warnings, dataLabel: "daily bars from \(owners)",
            universeLabel: resolved.name)
    }
}

/// Fixed series handed in directly: hand-built test data, or data already loaded by the caller.
public struct FixedDataFeed: SignalDataFeed {
    public var data: SignalMarketData

    public init(_ data: SignalMarketData) {
        self.data = data
    }

    public func load(strategy: TradingStrategy, universe: String, through: Day?) async throws -> SignalMarketData {
        guard let through else { return data }
        var cut = data
        cut.series = data.series.map { $0.slice(to: through) }
        for s in data.series {
            let n = s.firstIndex(onOrAfter: through.adding(days: 1))
            cut.external[s.ticker] = data.external[s.ticker]?.mapValues { Array($0.prefix(n)) }
        }
        return cut
    }
}
