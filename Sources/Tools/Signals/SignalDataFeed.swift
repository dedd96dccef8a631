import Foundation
import MarketData
import StrategyCore

/// Where signal generation gets its data. `MarketDataFeed` is the program's; tests hand in fixed series.
package protocol SignalDataFeed: Sendable {
    /// Bars up to `through` (all when nil) for the universe, with the strategy's alternative-data columns.
    func load(strategy: TradingStrategy, universe: String, through: Day?) async throws -> SignalMarketData
    /// The set and period that can test `strategy` when no universe was asked for (`DefaultDataChoice`, as for a
    /// backtest); nil when the feed has no choice to offer.
    func defaultChoice(for strategy: TradingStrategy) -> DefaultDataChoice.Choice?
}

extension SignalDataFeed {
    package func defaultChoice(for strategy: TradingStrategy) -> DefaultDataChoice.Choice? { nil }
}

/// The market-data facade as a signal feed.
package struct MarketDataFeed: SignalDataFeed {
    package let market: MarketData

    package init(market: MarketData) {
        self.market = market
    }

    package func load(strategy: TradingStrategy, universe: String, through: Day?) async throws -> SignalMarketData {
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

    package func defaultChoice(for strategy: TradingStrategy) -> DefaultDataChoice.Choice? {
        market.defaultChoice(for: strategy)
    }
}

/// Fixed series handed in directly: hand-built test data, or data already loaded by the caller.
package struct FixedDataFeed: SignalDataFeed {
    package var data: SignalMarketData

    package init(_ data: SignalMarketData) {
        self.data = data
    }

    package func load(strategy: TradingStrategy, universe: String, through: Day?) async throws -> SignalMarketData {
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
