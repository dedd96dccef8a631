import Foundation

/// A position the person holds through an acted signal, watched for exits.
public struct HeldPosition: Codable, Hashable, Sendable {
    public var ticker: String
    public var entryPrice: Double
    /// The day the position counts from for `max_hold_days` (calendar days, as in backtests).
    public var entryDay: Day
    /// The acted entry signal it came from.
    public var signalId: String?

    public init(ticker: String, entryPrice: Double, entryDay: Day, signalId: String? = nil) {
        self.ticker = ticker
        self.entryPrice = entryPrice
        self.entryDay = entryDay
        self.signalId = signalId
    }
}

/// What signal generation knows beyond the bars: the strategy, its last backtest and the person's positions.
public struct SignalContext: Sendable {
    public var strategy: TradingStrategy
    public var backtest: StrategyBacktest?
    /// Field names whose data is the synthetic sample.
    public var synthetic: Set<String>
    /// Positions held through this strategy's acted signals, by ticker: watched for exits.
    public var positions: [String: HeldPosition]
    /// Tickers held any other way (other strategies, imported trades): no entry signal for them.
    public var heldElsewhere: Set<String>
    /// The person's last closed trade per ticker, as its return in percent, for "similar to your past trade".
    public var pastTrades: [String: Double]
    public var generatedAt: Date

    public init(
        strategy: TradingStrategy, backtest: StrategyBacktest? = nil, synthetic: Set<String> = [],
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
