import Foundation

/// A closed trade of a backtest. `pnl` is net of both commissions.
package struct BacktestTrade: Codable, Hashable, Sendable {
    package enum ExitReason: String, Codable, Hashable, Sendable {
        case signal
        case stopLoss = "stop_loss"
        case takeProfit = "take_profit"
        case maxHold = "max_hold"
    }

    package var ticker: String
    package var entryDate: Day
    package var entryPrice: Double
    package var exitDate: Day
    package var exitPrice: Double
    package var shares: Int
    package var pnl: Double
    package var pnlPct: Double
    package var daysHeld: Int
    package var exitReason: ExitReason
    package var fees: Double

    package init(
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
package struct OpenPosition: Codable, Hashable, Sendable {
    package var ticker: String
    package var entryDate: Day
    package var entryPrice: Double
    package var shares: Int
    package var lastClose: Double
    package var unrealizedPnl: Double

    package init(ticker: String, entryDate: Day, entryPrice: Double, shares: Int, lastClose: Double, unrealizedPnl: Double) {
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
package struct EquityPoint: Codable, Hashable, Sendable {
    package var date: Day
    package var equity: Double
    package var cash: Double
    package var positionsValue: Double

    package init(date: Day, equity: Double, cash: Double, positionsValue: Double) {
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
package struct BacktestAssumptions: Codable, Hashable, Sendable {
    package var data: String
    package var universe: String
    package var fill: String
    package var commissionPct: Double
    package var slippageBps: Double
    package var stopTargetRule: String
    package var benchmark: String
    package var skippedBars: Int

    package init(
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
package struct StrategyBacktest: Codable, Hashable, Sendable {
    package var strategyId: String?
    package var strategyVersion: Int?
    package var backtestId: String?
    package var startDate: Day
    package var endDate: Day
    package var initialCapital: Double

    package var totalTrades: Int
    package var winningTrades: Int
    package var losingTrades: Int
    package var winRate: Double

    package var totalReturnPct: Double
    package var totalReturnDollars: Double
    package var cagrPct: Double?
    package var benchmarkReturnPct: Double?
    package var exposurePct: Double

    package var avgWinPct: Double?
    package var avgLossPct: Double?
    /// Gross profit over gross loss; nil with `profitFactorNote` saying why when there is no loss.
    package var profitFactor: Double?
    package var profitFactorNote: String?
    package var expectancyPct: Double?
    package var bestTradePct: Double?
    package var worstTradePct: Double?
    package var avgDaysHeld: Double?

    package var maxDrawdownPct: Double
    package var maxDrawdownDays: Int
    package var sharpeRatio: Double?
    package var sortinoRatio: Double?
    package var calmarRatio: Double?
    package var alphaPct: Double?
    package var beta: Double?
    package var feesPaid: Double

    package var trades: [BacktestTrade]
    package var openPositions: [OpenPosition]
    package var equityCurve: [EquityPoint]
    /// Benchmark close on each equity day, for charts (empty when there is no benchmark data).
    package var benchmarkCurve: [EquityPoint]
    package var warnings: [String]
    package var assumptions: BacktestAssumptions

    package init(
        strategyId: String? = nil, strategyVersion: Int? = nil, backtestId: String? = nil,
        startDate: Day, endDate: Day, initialCapital: Double,
        totalTrades: Int = 0, winningTrades: Int = 0, losingTrades: Int = 0, winRate: Double = 0,
        totalReturnPct: Double = 0, totalReturnDollars: Double = 0, cagrPct: Double? = nil,
        benchmarkReturnPct: Double? = nil, exposurePct: Double = 0, avgWinPct: Double? = nil,
        avgLossPct: Double? = nil, profitFactor: Double? = nil, profitFactorNote: String? = nil,
        expectancyPct: Double? = nil, bestTradePct: Double? = nil, worstTradePct: Double? = nil,
        avgDaysHeld: Double? = nil, maxDrawdownPct: Double = 0, maxDrawdownDays: Int = 0,
        sharpeRatio: Double? = nil, sortinoRatio: Double? = nil, calmarRatio: Double? = nil,
        alphaPct: Double? = nil, beta: Double? = nil, feesPaid: Double = 0,
        trades: [BacktestTrade] = [], openPositions: [OpenPosition] = [], equityCurve: [EquityPoint] = [],
        benchmarkCurve: [EquityPoint] = [], warnings: [String] = [], assumptions: BacktestAssumptions
    ) {
        self.strategyId = strategyId
        self.strategyVersion = strategyVersion
        self.backtestId = backtestId
        self.startDate = startDate
        self.endDate = endDate
        self.initialCapital = initialCapital
        self.totalTrades = totalTrades
        self.winningTrades = winningTrades
        self.losingTrades = losingTrades
        self.winRate = winRate
        self.totalReturnPct = totalReturnPct
        self.totalReturnDollars = totalReturnDollars
        self.cagrPct = cagrPct
        self.benchmarkReturnPct = benchmarkReturnPct
        self.exposurePct = exposurePct
        self.avgWinPct = avgWinPct
        self.avgLossPct = avgLossPct
        self.profitFactor = profitFactor
        self.profitFactorNote = profitFactorNote
        self.expectancyPct = expectancyPct
        self.bestTradePct = bestTradePct
        self.worstTradePct = worstTradePct
        self.avgDaysHeld = avgDaysHeld
        self.maxDrawdownPct = maxDrawdownPct
        self.maxDrawdownDays = maxDrawdownDays
        self.sharpeRatio = sharpeRatio
        self.sortinoRatio = sortinoRatio
        self.calmarRatio = calmarRatio
        self.alphaPct = alphaPct
        self.beta = beta
        self.feesPaid = feesPaid
        self.trades = trades
        self.openPositions = openPositions
        self.equityCurve = equityCurve
        self.benchmarkCurve = benchmarkCurve
        self.warnings = warnings
        self.assumptions = assumptions
    }

    enum CodingKeys: String, CodingKey {
        case strategyId = "strategy_id"
        case strategyVersion = "strategy_version"
        case backtestId = "backtest_id"
        case startDate = "start_date"
        case endDate = "end_date"
        case initialCapital = "initial_capital"
        case totalTrades = "total_trades"
        case winningTrades = "winning_trades"
        case losingTrades = "losing_trades"
        case winRate = "win_rate"
        case totalReturnPct = "total_return_pct"
        case totalReturnDollars = "total_return_dollars"
        case cagrPct = "cagr_pct"
        case benchmarkReturnPct = "benchmark_return_pct"
        case exposurePct = "exposure_pct"
        case avgWinPct = "avg_win_pct"
        case avgLossPct = "avg_loss_pct"
        case profitFactor = "profit_factor"
        case profitFactorNote = "profit_factor_note"
        case expectancyPct = "expectancy_pct"
        case bestTradePct = "best_trade_pct"
        case worstTradePct = "worst_trade_pct"
        case avgDaysHeld = "avg_days_held"
        case maxDrawdownPct = "max_drawdown_pct"
        case maxDrawdownDays = "max_drawdown_days"
        case sharpeRatio = "sharpe_ratio"
        case sortinoRatio = "sortino_ratio"
        case calmarRatio = "calmar_ratio"
        case alphaPct = "alpha_pct"
        case beta
        case feesPaid = "fees_paid"
        case trades
        case openPositions = "open_positions"
        case equityCurve = "equity_curve"
        case benchmarkCurve = "benchmark_curve"
        case warnings, assumptions
    }

    /// Writes optional metrics as explicit `null`, so the JSON always has every key.
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(strategyId, forKey: .strategyId)
        try c.encode(strategyVersion, forKey: .strategyVersion)
        try c.encode(backtestId, forKey: .backtestId)
        try c.encode(startDate, forKey: .startDate)
        try c.encode(endDate, forKey: .endDate)
        try c.encode(initialCapital, forKey: .initialCapital)
        try c.encode(totalTrades, forKey: .totalTrades)
        try c.encode(winningTrades, forKey: .winningTrades)
        try c.encode(losingTrades, forKey: .losingTrades)
        try c.encode(winRate, forKey: .winRate)
        try c.encode(totalReturnPct, forKey: .totalReturnPct)
        try c.encode(totalReturnDollars, forKey: .totalReturnDollars)
        try c.encode(cagrPct, forKey: .cagrPct)
        try c.encode(benchmarkReturnPct, forKey: .benchmarkReturnPct)
        try c.encode(exposurePct, forKey: .exposurePct)
        try c.encode(avgWinPct, forKey: .avgWinPct)
        try c.encode(avgLossPct, forKey: .avgLossPct)
        try c.encode(profitFactor, forKey: .profitFactor)
        try c.encode(profitFactorNote, forKey: .profitFactorNote)
        try c.encode(expectancyPct, forKey: .expectancyPct)
        try c.encode(bestTradePct, forKey: .bestTradePct)
        try c.encode(worstTradePct, forKey: .worstTradePct)
        try c.encode(avgDaysHeld, forKey: .avgDaysHeld)
        try c.encode(maxDrawdownPct, forKey: .maxDrawdownPct)
        try c.encode(maxDrawdownDays, forKey: .maxDrawdownDays)
        try c.encode(sharpeRatio, forKey: .sharpeRatio)
        try c.encode(sortinoRatio, forKey: .sortinoRatio)
        try c.encode(calmarRatio, forKey: .calmarRatio)
        try c.encode(alphaPct, forKey: .alphaPct)
        try c.encode(beta, forKey: .beta)
        try c.encode(feesPaid, forKey: .feesPaid)
        try c.encode(trades, forKey: .trades)
        try c.encode(openPositions, forKey: .openPositions)
        try c.encode(equityCurve, forKey: .equityCurve)
        try c.encode(benchmarkCurve, forKey: .benchmarkCurve)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(assumptions, forKey: .assumptions)
    }
}
