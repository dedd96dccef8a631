import Foundation

/// A position the person holds through an acted signal, watched for exits.
package struct HeldPosition: Codable, Hashable, Sendable {
    package var ticker: String
    package var entryPrice: Double
    /// The day the position counts from for `max_hold_days` (calendar days, as in backtests).
    package var entryDay: Day
    /// The acted entry signal it came from.
    package var signalId: String?

    package init(ticker: String, entryPrice: Double, entryDay: Day, signalId: String? = nil) {
        self.ticker = ticker
        self.entryPrice = entryPrice
        self.entryDay = entryDay
        self.signalId = signalId
    }
}

/// What signal generation knows beyond the bars: the strategy, its last backtest and the person's positions.
package struct SignalContext: Sendable {
    package var strategy: StoredStrategy
    package var backtest: StrategyBacktest?
    /// Field names whose data is the synthetic sample.
    package var synthetic: Set<String>
    /// Positions held through this strategy's acted signals, by ticker: watched for exits.
    package var positions: [String: HeldPosition]
    /// Tickers held any other way (other strategies, imported trades): no entry signal for them.
    package var heldElsewhere: Set<String>
    /// The person's last closed trade per ticker, as its return in percent, for "similar to your past trade".
    package var pastTrades: [String: Double]
    package var generatedAt: Date

    package init(
        strategy: StoredStrategy, backtest: StrategyBacktest? = nil, synthetic: Set<String> = [],
        positions: [String: HeldPosition] = [:], heldElsewhere: Set<String> = [], pastTrades: [String: Double] = [:],
        generatedAt: Date
    ) {
        self.strategy = strategy
        self.backtest = backtest
        self.synthetic = synthetic
        self.positions = positions
        self.heldElsewhere = heldElsewhere
        self.pastTrades = pastTrades
        self.generatedAt = generatedAt
    }
}
