import Foundation

/// A closed trade of a backtest. `pnl` is net of both commissions.
public struct BacktestTrade: Codable, Hashable, Sendable {
    public enum ExitReason: String, Codable, Hashable, Sendable {
        case signal
        case stopLoss = "stop_loss"
        case takeProfit = "take_profit"
        case maxHold = "max_hold"
    }

    public var ticker: String
    public var entryDate: Day
    public var entryPrice: Double
    public var exitDate: Day
    public var exitPrice: Double
    public var shares: Int
    public var pnl: Double
    public var pnlPct: Double
    public var daysHeld: Int
    public var exitReason: ExitReason
    public var fees: Double

    public init(
        ticker: String, entryDate: Day, entryPrice: Double, exitDate: Day, exitPrice: Double, shares: Int,
        pnl: Double, pnlPct: Double, daysHeld: Int, exitReason: ExitReason, fees: Double
    ) {
        self.ticker = ticker
        self.entryDate = entryDate
        self.entryPrice = entryPrice
        self.exitDate = exitDate
        self.exitPrice = exitPrice
        self.shares = shares
        self.pnl = pnl
        self.pnlPct = pnlPct
        self.daysHeld = daysHeld
        self.exitReason = exitReason
        self.fees = fees
    }

    enum CodingKeys: String, CodingKey {
        case ticker
        case entryDate = "entry_date"
        case entryPrice = "entry_price"
        case exitDate = "exit_date"
        case exitPrice = "exit_price"
        case shares, pnl
        case pnlPct = "pnl_pct"
        case daysHeld = "days_held"
        case exitReason = "exit_reason"
        case fees
    }
}

/// A position still open when the backtest ended, marked to the last close.
public struct OpenPosition: Codable, Hashable, Sendable {
    public var ticker: String
    public var entryDate: Day
    public var entryPrice: Double
    public var shares: Int
    public var lastClose: Double
    public var unrealizedPnl: Double

    public init(ticker: String, entryDate: Day, entryPrice: Double, shares: Int, lastClose: Double, unrealizedPnl: Double) {
        self.ticker = ticker
        self.entryDate = entryDate
        self.entryPrice = entryPrice
        self.shares = shares
        self.lastClose = lastClose
        self.unrealizedPnl = unrealizedPnl
    }

    enum CodingKeys: String, CodingKey {
        case ticker
        case entryDate = "entry_date"
        case entryPrice = "entry_price"
        case shares
        case lastClose = "last_close"
        case unrealizedPnl = "unrealized_pnl"
    }
}

/// Equity at one close.
public struct EquityPoint: Codable, Hashable, Sendable {
    public var date: Day
    public var equity: Double
    public var cash: Double
    public var positionsValue: Double

    public init(date: Day, equity: Double, cash: Double, positionsValue: Double) {
        self.date = date
        self.equity = equity
        self.cash = cash
        self.positionsValue = positionsValue
    }

    enum CodingKeys: String, CodingKey {
        case date, equity, cash
        case positionsValue = "positions_value"
    }
}

/// What a backtest assumed, stated with every result.
public struct BacktestAssumptions: Codable, Hashable, Sendable {
    public var data: String
    public var universe: String
    public var fill: String
    public var commissionPct: Double
    public var slippageBps: Double
    public var stopTargetRule: String
    public var benchmark: String
    public var skippedBars: Int

    public init(
        data: String, universe: String, fill: String, commissionPct: Double, slippageBps: Double,
        stopTargetRule: String, benchmark: String, skippedBars: Int = 0
    ) {
        self.data = data
        self.universe = universe
        self.fill = fill
        self.commissionPct = commissionPct
        self.slippageBps = slippageBps
        self.stopTargetRule = stopTargetRule
        self.benchmark = benchmark
        self.skippedBars = skippedBars
    }

    enum CodingKeys: String, CodingKey {
        case data, universe, fill
        case commissionPct = "commission_pct"
        case slippageBps = "slippage_bps"
        case stopTargetRule = "stop_target_rule"
        case benchmark
        case skippedBars = "skipped_bars"
    }
}

/// The result of a backtest: the original design's `StrategyBacktest` keys plus the added metrics.
/// Percent fields are percent points; drawdown is positive.
///
/// The figures live in `metrics`, declared once in `BacktestMetrics`; they read as if they were this
/// type's own (`backtest.sharpeRatio`) and are written flat into its JSON, so the keys stay the original's.
@dynamicMemberLookup
public struct StrategyBacktest: Codable, Hashable, Sendable {
    public var strategyId: String?
    public var strategyVersion: Int?
    public var backtestId: String?
    public var startDate: Day
    public var endDate: Day
    public var initialCapital: Double
    public var metrics: BacktestMetrics
    public var trades: [BacktestTrade]
    public var openPositions: [OpenPosition]
    public var equityCurve: [EquityPoint]
    /// Benchmark close on each equity day, for charts (empty when there is no benchmark data).
    public var benchmarkCurve: [EquityPoint]
    public var warnings: [String]
    public var assumptions: BacktestAssumptions

    public init(
        strategyId: String? = nil, strategyVersion: Int? = nil, backtestId: String? = nil,
        startDate: Day, endDate: Day, initialCapital: Double, metrics: BacktestMetrics = BacktestMetrics(),
        trades: [BacktestTrade] = [], openPositions: [OpenPosition] = [], equityCurve: [EquityPoint] = [],
        benchmarkCurve: [EquityPoint] = [], warnings: [String] = [], assumptions: BacktestAssumptions
    ) {
        self.strategyId = strategyId
        self.strategyVersion = strategyVersion
        self.backtestId = backtestId
        self.startDate = startDate
        self.endDate = endDate
        self.initialCapital = initialCapital
        self.metrics = metrics
        self.trades = trades
        self.openPositions = openPositions
        self.equityCurve = equityCurve
        self.benchmarkCurve = benchmarkCurve
        self.warnings = warnings
        self.assumptions = assumptions
    }

    /// A metric, as if it were declared here.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<BacktestMetrics, Value>) -> Value {
        get { metrics[keyPath: keyPath] }
        set { metrics[keyPath: keyPath] = newValue }
    }

    enum CodingKeys: String, CodingKey {
        case strategyId = "strategy_id"
        case strategyVersion = "strategy_version"
        case backtestId = "backtest_id"
        case startDate = "start_date"
        case endDate = "end_date"
        case initialCapital = "initial_capital"
        case trades
        case openPositions = "open_positions"
        case equityCurve = "equity_curve"
        case benchmarkCurve = "benchmark_curve"
        case warnings, assumptions
    }

    /// Reads the metrics from the same flat object as the rest.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        strategyId = try c.decodeIfPresent(String.self, forKey: .strategyId)
        strategyVersion = try c.decodeIfPresent(Int.self, forKey: .strategyVersion)
        backtestId = try c.decodeIfPresent(String.self, forKey: .backtestId)
        startDate = try c.decode(Day.self, forKey: .startDate)
        endDate = try c.decode(Day.self, forKey: .endDate)
        initialCapital = try c.decode(Double.self, forKey: .initialCapital)
        metrics = try BacktestMetrics(from: decoder)
        trades = try c.decode([BacktestTrade].self, forKey: .trades)
        openPositions = try c.decode([OpenPosition].self, forKey: .openPositions)
        equityCurve = try c.decode([EquityPoint].self, forKey: .equityCurve)
        benchmarkCurve = try c.decode([EquityPoint].self, forKey: .benchmarkCurve)
        warnings = try c.decode([String].self, forKey: .warnings)
        assumptions = try c.decode(BacktestAssumptions.self, forKey: .assumptions)
    }

    /// Writes the metrics flat beside the rest, and absent ids as explicit `null`, so the JSON always has every key.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(strategyId, forKey: .strategyId)
        try c.encode(strategyVersion, forKey: .strategyVersion)
        try c.encode(backtestId, forKey: .backtestId)
        try c.encode(startDate, forKey: .startDate)
        try c.encode(endDate, forKey: .endDate)
        try c.encode(initialCapital, forKey: .initialCapital)
        try metrics.encode(to: encoder)
        try c.encode(trades, forKey: .trades)
        try c.encode(openPositions, forKey: .openPositions)
        try c.encode(equityCurve, forKey: .equityCurve)
        try c.encode(benchmarkCurve, forKey: .benchmarkCurve)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(assumptions, forKey: .assumptions)
    }
}
