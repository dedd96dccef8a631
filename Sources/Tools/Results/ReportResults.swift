import AgentLoop
import Foundation
import StrategyCore

/// A figure rounded for the model, which reads 34.21 rather than 34.2103398; not finite, it is absent (null).
func modelFigure(_ value: Double?, _ places: Int = 2) -> Double? {
    guard let value, value.isFinite else { return nil }
    let scale = pow(10.0, Double(places))
    return (value * scale).rounded() / scale
}

/// What `backtest_strategy` returns (and `stratchat backtest --json` prints): metrics, best and worst trades,
/// caveats; no equity curve.
package struct BacktestResult: DescribedResult, Decodable, Hashable, Sendable {
    package var backtestId: String
    package var strategyId: String
    package var strategyName: String
    package var strategyVersion: Int
    package var startDate: String
    package var endDate: String
    package var initialCapital: Double?
    package var universe: String
    package var tickers: Int
    package var metrics: Metrics
    package var warnings: [String]
    package var rangeNotes: [String]
    package var assumptions: [String]
    package var syntheticData: [String]
    /// What the Sharpe ratio means after the trials counted, in plain words.
    package var sharpeNote: String
    /// Left out of the JSON when absent, as are the best and worst trades.
    package var profitFactorNote: String?
    package var bestTrade: Trade?
    package var worstTrade: Trade?

    package struct Metrics: ModelResult, Decodable, Hashable, Sendable {
        package var totalReturnPct, totalReturnDollars, cagrPct, benchmarkReturnPct: Double?
        package var totalTrades, winningTrades, losingTrades: Int
        package var winRate, profitFactor, avgWinPct, avgLossPct, expectancyPct, maxDrawdownPct: Double?
        package var maxDrawdownDays: Int
        package var sharpeRatio, sortinoRatio, calmarRatio, alphaPct, beta, exposurePct, avgDaysHeld, feesPaid: Double?
        package var openPositions: Int
        /// The Sharpe ratio against luck: PSR against zero, DSR given the strategy's trials, and the minimum
        /// track record length; null when the equity never moved.
        package var probabilisticSharpeRatio, deflatedSharpeRatio, minTrackRecordLength: Double?
        package var trials: Int

        package init(_ m: BacktestMetrics, openPositions: Int, sharpe: SharpeStatistics.Summary?, trials: Int) {
            totalReturnPct = modelFigure(m.totalReturnPct)
            totalReturnDollars = modelFigure(m.totalReturnDollars)
            cagrPct = modelFigure(m.cagrPct)
            benchmarkReturnPct = modelFigure(m.benchmarkReturnPct)
            totalTrades = m.totalTrades
            winningTrades = m.winningTrades
            losingTrades = m.losingTrades
            winRate = modelFigure(m.winRate)
            profitFactor = modelFigure(m.profitFactor)
            avgWinPct = modelFigure(m.avgWinPct)
            avgLossPct = modelFigure(m.avgLossPct)
            expectancyPct = modelFigure(m.expectancyPct)
            maxDrawdownPct = modelFigure(m.maxDrawdownPct)
            maxDrawdownDays = m.maxDrawdownDays
            sharpeRatio = modelFigure(m.sharpeRatio)
            sortinoRatio = modelFigure(m.sortinoRatio)
            calmarRatio = modelFigure(m.calmarRatio)
            alphaPct = modelFigure(m.alphaPct)
            beta = modelFigure(m.beta)
            exposurePct = modelFigure(m.exposurePct)
            avgDaysHeld = modelFigure(m.avgDaysHeld, 1)
            feesPaid = modelFigure(m.feesPaid)
            self.openPositions = openPositions
            probabilisticSharpeRatio = modelFigure(sharpe?.probabilisticSharpeRatio, 4)
            deflatedSharpeRatio = modelFigure(sharpe?.deflatedSharpeRatio, 4)
            minTrackRecordLength = modelFigure(sharpe?.minTrackRecordLength, 1)
            self.trials = trials
        }

        enum CodingKeys: String, CodingKey {
            case totalReturnPct = "total_return_pct", totalReturnDollars = "total_return_dollars", cagrPct = "cagr_pct"
            case benchmarkReturnPct = "benchmark_return_pct", totalTrades = "total_trades", winningTrades = "winning_trades"
            case losingTrades = "losing_trades", winRate = "win_rate", profitFactor = "profit_factor", avgWinPct = "avg_win_pct"
            case avgLossPct = "avg_loss_pct", expectancyPct = "expectancy_pct", maxDrawdownPct = "max_drawdown_pct"
            case maxDrawdownDays = "max_drawdown_days", sharpeRatio = "sharpe_ratio", sortinoRatio = "sortino_ratio"
            case calmarRatio = "calmar_ratio", alphaPct = "alpha_pct", beta, exposurePct = "exposure_pct"
            case avgDaysHeld = "avg_days_held", feesPaid = "fees_paid", openPositions = "open_positions"
            case probabilisticSharpeRatio = "probabilistic_sharpe_ratio", deflatedSharpeRatio = "deflated_sharpe_ratio"
            case minTrackRecordLength = "min_track_record_length", trials
        }

        /// A figure that is not finite is `null`.
        static let schema = ObjectSchema(required: [
            "total_trades": .integer, "winning_trades": .integer, "losing_trades": .integer, "max_drawdown_days": .integer,
            "open_positions": .integer, "trials": .integer,
        ], nullable: [
            "total_return_pct": .number, "total_return_dollars": .number, "cagr_pct": .number, "benchmark_return_pct": .number,
            "win_rate": .number, "profit_factor": .number, "avg_win_pct": .number, "avg_loss_pct": .number,
            "expectancy_pct": .number, "max_drawdown_pct": .number, "sharpe_ratio": .number, "sortino_ratio": .number,
            "calmar_ratio": .number, "alpha_pct": .number, "beta": .number, "exposure_pct": .number,
            "avg_days_held": .number, "fees_paid": .number, "probabilistic_sharpe_ratio": .number,
            "deflated_sharpe_ratio": .number, "min_track_record_length": .number,
        ])
    }

    /// A closed trade, rounded for the model.
    package struct Trade: ModelResult, Decodable, Hashable, Sendable {
        package var ticker, entryDate, exitDate: String
        package var entryPrice, exitPrice, pnl, pnlPct: Double?
        package var daysHeld: Int
        package var exitReason: String

        package init(_ t: BacktestTrade) {
            ticker = t.ticker
            entryDate = t.entryDate.iso
            exitDate = t.exitDate.iso
            entryPrice = modelFigure(t.entryPrice)
            exitPrice = modelFigure(t.exitPrice)
            pnl = modelFigure(t.pnl)
            pnlPct = modelFigure(t.pnlPct)
            daysHeld = t.daysHeld
            exitReason = t.exitReason.rawValue
        }

        enum CodingKeys: String, CodingKey {
            case ticker, entryDate = "entry_date", exitDate = "exit_date", entryPrice = "entry_price", exitPrice = "exit_price"
            case pnl, pnlPct = "pnl_pct", daysHeld = "days_held", exitReason = "exit_reason"
        }

        static let schema = ObjectSchema(required: [
            "ticker": .string, "entry_date": .string, "exit_date": .string, "days_held": .integer, "exit_reason": .string,
        ], nullable: ["entry_price": .number, "exit_price": .number, "pnl": .number, "pnl_pct": .number])
    }

    package init(_ outcome: BacktestOutcome) {
        let (r, strategy, plan) = (outcome.result, outcome.strategy, outcome.plan)
        backtestId = r.backtestId ?? ""
        (strategyId, strategyVersion) = StrategyToolbox.idAndVersion(strategy)
        strategyName = strategy.name
        startDate = r.startDate.iso
        endDate = r.endDate.iso
        initialCapital = modelFigure(r.initialCapital)
        universe = plan.universe.name
        tickers = plan.universe.tickers.count
        metrics = Metrics(r.metrics, openPositions: r.openPositions.count, sharpe: outcome.sharpeStatistics, trials: outcome.trials.trials)
        warnings = r.warnings
        rangeNotes = plan.rangeNotes
        assumptions = BacktestPresenter.assumptionLines(r)
        syntheticData = plan.external.syntheticLabels
        sharpeNote = outcome.sharpeStatistics?.note ?? BacktestPresenter.noSharpeNote
        profitFactorNote = r.profitFactorNote
        bestTrade = BacktestPresenter.bestTrade(r).map(Trade.init)
        worstTrade = BacktestPresenter.worstTrade(r).map(Trade.init)
    }

    enum CodingKeys: String, CodingKey {
        case backtestId = "backtest_id", strategyId = "strategy_id", strategyName = "strategy_name"
        case strategyVersion = "strategy_version", startDate = "start_date", endDate = "end_date"
        case initialCapital = "initial_capital", universe, tickers, metrics, warnings, rangeNotes = "range_notes"
        case assumptions, syntheticData = "synthetic_data", sharpeNote = "sharpe_note", profitFactorNote = "profit_factor_note"
        case bestTrade = "best_trade", worstTrade = "worst_trade"
    }

    package static let outputSchema = ValueSchema.object(ObjectSchema(required: [
        "backtest_id": .string, "strategy_id": .string, "strategy_name": .string, "strategy_version": .integer,
        "start_date": .string, "end_date": .string, "universe": .string, "tickers": .integer, "metrics": .object(Metrics.schema),
        "warnings": .array(.string), "range_notes": .array(.string), "assumptions": .array(.string),
        "synthetic_data": .array(.string), "sharpe_note": .string,
    ], nullable: ["initial_capital": .number], optional: [
        "profit_factor_note": .string, "best_trade": .object(Trade.schema),
        "worst_trade": .object(Trade.schema),
    ]))

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(backtestId, forKey: .backtestId)
        try c.encode(strategyId, forKey: .strategyId)
        try c.encode(strategyName, forKey: .strategyName)
        try c.encode(strategyVersion, forKey: .strategyVersion)
        try c.encode(startDate, forKey: .startDate)
        try c.encode(endDate, forKey: .endDate)
        try c.encodeIfPresent(initialCapital, forKey: .initialCapital)
        try c.encode(universe, forKey: .universe)
        try c.encode(tickers, forKey: .tickers)
        try c.encode(metrics, forKey: .metrics)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(rangeNotes, forKey: .rangeNotes)
        try c.encode(assumptions, forKey: .assumptions)
        try c.encode(syntheticData, forKey: .syntheticData)
        try c.encode(sharpeNote, forKey: .sharpeNote)
        if let profitFactorNote { try c.encode(profitFactorNote, forKey: .profitFactorNote) }
        if let bestTrade { try c.encode(bestTrade, forKey: .bestTrade) }
        if let worstTrade { try c.encode(worstTrade, forKey: .worstTrade) }
    }
}

/// What `get_strategy_signals` returns: the signals of the last day of the data, the first ones listed.
package struct SignalsResult: DescribedResult, Decodable, Hashable, Sendable {
    /// Signals listed; the rest are counted.
    package static let listLimit = 20

    package var strategyId, strategyName, today, todayNote, universe: String
    package var tickersScanned, tickersWithoutDataToday, signalCount, entrySignals, exitSignals: Int
    package var signals: [Signal]
    package var signalsNotListed, belowMinConfidence: Int
    package var confidenceFormula: String
    package var capitalNeededEstimate, capitalPerEntry, expectedValueEstimate: Double?
    package var notes, warnings: [String]

    package struct Signal: ModelResult, Decodable, Hashable, Sendable {
        package var signalId, ticker, type: String
        package var priceAtSignal, confidenceScore, targetPrice, stopPrice: Double?
        package var reasoning: [String]

        package init(_ s: StrategySignal) {
            signalId = s.signalId ?? ""
            ticker = s.ticker
            type = s.signalType.rawValue
            priceAtSignal = modelFigure(s.priceAtSignal)
            confidenceScore = modelFigure(s.confidenceScore, 1)
            targetPrice = modelFigure(s.targetPrice)
            stopPrice = modelFigure(s.stopPrice)
            reasoning = s.reasoning.components(separatedBy: "\n")
        }

        enum CodingKeys: String, CodingKey {
            case signalId = "signal_id", ticker, type, priceAtSignal = "price_at_signal", confidenceScore = "confidence_score"
            case targetPrice = "target_price", stopPrice = "stop_price", reasoning
        }

        static let schema = ObjectSchema(required: [
            "signal_id": .string, "ticker": .string, "type": .string, "reasoning": .array(.string),
        ], nullable: ["price_at_signal": .number, "confidence_score": .number, "target_price": .number, "stop_price": .number])
    }

    package init(_ r: SignalReport) {
        strategyId = r.strategyId
        strategyName = r.strategyName
        today = r.day.iso
        todayNote = r.todayNote
        universe = r.universe
        tickersScanned = r.tickersScanned
        tickersWithoutDataToday = r.tickersWithoutBar
        signalCount = r.signals.count
        entrySignals = r.entries.count
        exitSignals = r.exits.count
        signals = r.signals.prefix(Self.listLimit).map(Signal.init)
        signalsNotListed = max(0, r.signals.count - Self.listLimit)
        belowMinConfidence = r.belowMinConfidence
        confidenceFormula = SignalConfidence.formula
        capitalNeededEstimate = modelFigure(r.capitalNeeded)
        capitalPerEntry = modelFigure(r.capitalPerEntry)
        expectedValueEstimate = modelFigure(r.expectedValue)
        notes = r.notes
        warnings = r.warnings
    }

    enum CodingKeys: String, CodingKey {
        case strategyId = "strategy_id", strategyName = "strategy_name", today, todayNote = "today_note", universe
        case tickersScanned = "tickers_scanned", tickersWithoutDataToday = "tickers_without_data_today"
        case signalCount = "signal_count", entrySignals = "entry_signals", exitSignals = "exit_signals", signals
        case signalsNotListed = "signals_not_listed", belowMinConfidence = "below_min_confidence"
        case confidenceFormula = "confidence_formula", capitalNeededEstimate = "capital_needed_estimate"
        case capitalPerEntry = "capital_per_entry", expectedValueEstimate = "expected_value_estimate", notes, warnings
    }

    package static let outputSchema = ValueSchema.object(ObjectSchema(required: [
        "strategy_id": .string, "strategy_name": .string, "today": .string, "today_note": .string, "universe": .string,
        "tickers_scanned": .integer, "tickers_without_data_today": .integer, "signal_count": .integer,
        "entry_signals": .integer, "exit_signals": .integer, "signals": .array(.object(Signal.schema)),
        "signals_not_listed": .integer, "below_min_confidence": .integer, "confidence_formula": .string,
        "notes": .array(.string), "warnings": .array(.string),
    ], nullable: ["capital_needed_estimate": .number, "capital_per_entry": .number, "expected_value_estimate": .number]))
}

/// What `compare_strategies` returns: the leaderboard of one window with its rules.
package struct LeaderboardResult: DescribedResult, Decodable, Hashable, Sendable {
    package var timeframe, window: String
    package var strategies: [Row]
    package var rankingRule, returns, decayCheck, insight: String

    package struct Row: ModelResult, Decodable, Hashable, Sendable {
        package var rank: Int
        package var strategyId, name: String
        package var signals: Int
        package var winRate: Double?
        package var winRateOf: String
        package var actualTrades: Int
        package var actualReturnPct: Double?
        package var hypotheticalTrades: Int
        package var hypotheticalReturnPct: Double?
        package var paperTrades: Int
        package var paperReturnPct, lastBacktestReturnPct, lastBacktestSharpe, decayPValue: Double?
        package var decayFlag: Bool?
        package var paperDecayPValue: Double?
        package var paperDecayFlag: Bool?
        package var status: String

        package init(_ r: LeaderboardRow) {
            rank = r.rank
            strategyId = r.strategyId
            name = r.name
            signals = r.signals
            winRate = modelFigure(r.winRatePct, 1)
            winRateOf = r.winRateSource
            actualTrades = r.actualTrades
            actualReturnPct = modelFigure(r.actualReturnPct)
            hypotheticalTrades = r.hypotheticalTrades
            hypotheticalReturnPct = modelFigure(r.hypotheticalReturnPct)
            paperTrades = r.paperTrades
            paperReturnPct = modelFigure(r.paperReturnPct)
            lastBacktestReturnPct = modelFigure(r.backtestReturnPct)
            lastBacktestSharpe = modelFigure(r.backtestSharpe)
            decayPValue = modelFigure(r.decay?.pValue, 6)
            decayFlag = r.decay?.decayed
            paperDecayPValue = modelFigure(r.paperDecay?.pValue, 6)
            paperDecayFlag = r.paperDecay?.decayed
            status = r.status
        }

        enum CodingKeys: String, CodingKey {
            case rank, strategyId = "strategy_id", name, signals, winRate = "win_rate", winRateOf = "win_rate_of"
            case actualTrades = "actual_trades", actualReturnPct = "actual_return_pct", hypotheticalTrades = "hypothetical_trades"
            case hypotheticalReturnPct = "hypothetical_return_pct", lastBacktestReturnPct = "last_backtest_return_pct"
            case paperTrades = "paper_trades", paperReturnPct = "paper_return_pct"
            case lastBacktestSharpe = "last_backtest_sharpe", decayPValue = "decay_p_value", decayFlag = "decay_flag", status
            case paperDecayPValue = "paper_decay_p_value", paperDecayFlag = "paper_decay_flag"
        }

        static let schema = ObjectSchema(required: [
            "rank": .integer, "strategy_id": .string, "name": .string, "signals": .integer, "win_rate_of": .string,
            "actual_trades": .integer, "hypothetical_trades": .integer, "paper_trades": .integer, "status": .string,
        ], nullable: [
            "paper_return_pct": .number, "paper_decay_p_value": .number, "paper_decay_flag": .boolean,
            "win_rate": .number, "actual_return_pct": .number, "hypothetical_return_pct": .number,
            "last_backtest_return_pct": .number, "last_backtest_sharpe": .number, "decay_p_value": .number,
            "decay_flag": .boolean,
        ])
    }

    package init(_ t: LeaderboardTable) {
        timeframe = t.window.rawValue
        window = LeaderboardPresenter.window(t)
        strategies = t.rows.map(Row.init)
        rankingRule = Leaderboard.sortRule
        returns = Leaderboard.returnRule
        decayCheck = Leaderboard.decayRule
        insight = t.insight
    }

    enum CodingKeys: String, CodingKey {
        case timeframe, window, strategies, rankingRule = "ranking_rule", returns, decayCheck = "decay_check", insight
    }

    package static let outputSchema = ValueSchema.object(ObjectSchema(required: [
        "timeframe": .string, "window": .string, "strategies": .array(.object(Row.schema)), "ranking_rule": .string,
        "returns": .string, "decay_check": .string, "insight": .string,
    ]))
}
