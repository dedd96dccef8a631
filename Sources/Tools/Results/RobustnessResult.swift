import AgentLoop
import Foundation
import Store
import StrategyCore

/// What `analyze_strategy_robustness` returns (and `stratchat robustness --json` prints): the backtest judged,
/// its deflated Sharpe among its trials, the Monte Carlo percentiles of its trades and its days, and its
/// metrics per benchmark regime.
package struct RobustnessResult: DescribedResult, Decodable, Hashable, Sendable {
    /// The strategy, dates, universe and data notes of the backtest judged.
    package var run: RunHeader
    package var totalReturnPct, maxDrawdownPct, sharpeRatio: Double?
    package var totalTrades: Int
    package var probabilisticSharpeRatio, deflatedSharpeRatio, minTrackRecordLength: Double?
    package var trials: Int
    package var sharpeNote: String
    package var monteCarlo: MonteCarloSection
    package var regimes: Regimes?
    package var note: String
    /// Left out of the JSON when absent.
    package var regimesProblem: String?
    package var holdout: HoldoutSection?

    /// The strategy's reserved last days and every look at them.
    package struct HoldoutSection: ModelResult, Decodable, Hashable, Sendable {
        /// The first reserved day.
        package var startDate: String
        /// What was asked for: "30%" or a date.
        package var spec: String
        /// Whether this check tested the hold-out (and so counted as an opening).
        package var opened: Bool
        package var openings: Int
        package var looks: [Look]

        package struct Look: ModelResult, Decodable, Hashable, Sendable {
            package var version: Int
            package var startDate, endDate: String
            package var sharpeRatio, totalReturnPct: Double?

            enum CodingKeys: String, CodingKey {
                case version, startDate = "start_date", endDate = "end_date", sharpeRatio = "sharpe_ratio", totalReturnPct = "total_return_pct"
            }

            static let schema = ObjectSchema(required: ["version": .integer, "start_date": .string, "end_date": .string],
                                             nullable: ["sharpe_ratio": .number, "total_return_pct": .number])
        }

        init(_ h: StrategyHoldout, opened: Bool) {
            startDate = h.start.iso
            spec = h.spec
            self.opened = opened
            openings = h.openings.count
            looks = h.openings.map {
                Look(version: $0.version, startDate: $0.start.iso, endDate: $0.end.iso, sharpeRatio: modelFigure($0.sharpeRatio),
                     totalReturnPct: modelFigure($0.totalReturnPct))
            }
        }

        enum CodingKeys: String, CodingKey { case startDate = "start_date", spec, opened, openings, looks }

        static let schema = ObjectSchema(required: ["start_date": .string, "spec": .string, "opened": .boolean, "openings": .integer,
                                                    "looks": .array(.object(Look.schema))])
    }

    /// Both resamplings under one seed and run count.
    package struct MonteCarloSection: ModelResult, Decodable, Hashable, Sendable {
        package var runs: Int
        package var seed: UInt64
        /// Closed trades drawn with replacement; null without a closed trade.
        package var trades: Simulation?
        /// Daily returns rebuilt from blocks of consecutive days; null without a day.
        package var dailyBlocks: Simulation?

        enum CodingKeys: String, CodingKey { case runs, seed, trades, dailyBlocks = "daily_blocks" }

        static let schema = ObjectSchema(required: ["runs": .integer, "seed": .integer],
                                         nullable: ["trades": .object(Simulation.schema), "daily_blocks": .object(Simulation.schema)])
    }

    package struct Simulation: ModelResult, Decodable, Hashable, Sendable {
        /// Trades or days per run.
        package var steps: Int
        package var blockLength: Int?
        package var finalReturnPct, maxDrawdownPct: Spread
        package var probabilityOfLoss: Double

        init(_ r: MonteCarlo.Result) {
            steps = r.steps
            blockLength = r.blockLength
            finalReturnPct = Spread(r.finalReturnPct)
            maxDrawdownPct = Spread(r.maxDrawdownPct)
            probabilityOfLoss = modelFigure(r.probabilityOfLoss, 4) ?? 0
        }

        enum CodingKeys: String, CodingKey {
            case steps, blockLength = "block_length", finalReturnPct = "final_return_pct", maxDrawdownPct = "max_drawdown_pct"
            case probabilityOfLoss = "probability_of_loss"
        }

        static let schema = ObjectSchema(required: [
            "steps": .integer, "final_return_pct": .object(Spread.schema), "max_drawdown_pct": .object(Spread.schema),
            "probability_of_loss": .number,
        ], nullable: ["block_length": .integer])
    }

    /// The 5th, 50th and 95th percentiles, in percent points (a drawdown positive).
    package struct Spread: ModelResult, Decodable, Hashable, Sendable {
        package var p5, p50, p95: Double?

        init(_ s: MonteCarlo.Spread) {
            p5 = modelFigure(s.p5)
            p50 = modelFigure(s.p50)
            p95 = modelFigure(s.p95)
        }

        static let schema = ObjectSchema(required: [:], nullable: ["p5": .number, "p50": .number, "p95": .number])
    }

    package struct Regimes: ModelResult, Decodable, Hashable, Sendable {
        /// Above, then below the benchmark's 200-day average.
        package var trend: [Regime]
        /// High, then low 60-day volatility of the benchmark, split at the median.
        package var volatility: [Regime]
        package var unclassifiedTrendDays, unclassifiedVolatilityDays: Int
        /// The median 60-day volatility of the benchmark's daily returns, in percent.
        package var volatilityMedianPct: Double?

        init(_ r: RegimeAnalysis.Result) {
            trend = r.trend.map(Regime.init)
            volatility = r.volatility.map(Regime.init)
            unclassifiedTrendDays = r.unclassifiedTrendDays
            unclassifiedVolatilityDays = r.unclassifiedVolatilityDays
            volatilityMedianPct = modelFigure(r.volatilityMedian.map { $0 * 100 }, 4)
        }

        enum CodingKeys: String, CodingKey {
            case trend, volatility, unclassifiedTrendDays = "unclassified_trend_days"
            case unclassifiedVolatilityDays = "unclassified_volatility_days", volatilityMedianPct = "volatility_median_pct"
        }

        static let schema = ObjectSchema(required: [
            "trend": .array(.object(Regime.schema)), "volatility": .array(.object(Regime.schema)),
            "unclassified_trend_days": .integer, "unclassified_volatility_days": .integer,
        ], nullable: ["volatility_median_pct": .number])
    }

    package struct Regime: ModelResult, Decodable, Hashable, Sendable {
        package var regime: String
        package var days: Int
        package var sharePct, totalReturnPct: Double?
        package var sharpeRatio, sortinoRatio: Double?
        package var maxDrawdownPct, winningDaysPct, benchmarkReturnPct: Double?

        init(_ m: RegimeAnalysis.Metrics) {
            regime = m.regime.rawValue
            days = m.days
            sharePct = modelFigure(m.sharePct)
            totalReturnPct = modelFigure(m.totalReturnPct)
            sharpeRatio = modelFigure(m.sharpeRatio)
            sortinoRatio = modelFigure(m.sortinoRatio)
            maxDrawdownPct = modelFigure(m.maxDrawdownPct)
            winningDaysPct = modelFigure(m.winningDaysPct)
            benchmarkReturnPct = modelFigure(m.benchmarkReturnPct)
        }

        enum CodingKeys: String, CodingKey {
            case regime, days, sharePct = "share_pct", totalReturnPct = "total_return_pct", sharpeRatio = "sharpe_ratio"
            case sortinoRatio = "sortino_ratio", maxDrawdownPct = "max_drawdown_pct", winningDaysPct = "winning_days_pct"
            case benchmarkReturnPct = "benchmark_return_pct"
        }

        static let schema = ObjectSchema(
            required: ["regime": .oneOfStrings(RegimeAnalysis.Regime.allCases.map(\.rawValue)), "days": .integer],
            nullable: ["share_pct": .number, "total_return_pct": .number, "sharpe_ratio": .number, "sortino_ratio": .number,
                       "max_drawdown_pct": .number, "winning_days_pct": .number, "benchmark_return_pct": .number])
    }

    init(_ o: RobustnessOutcome) {
        let b = o.backtest, r = b.result
        run = RunHeader(strategy: b.strategy, start: r.startDate, end: r.endDate, plan: b.plan, warnings: r.warnings)
        totalReturnPct = modelFigure(r.metrics.totalReturnPct)
        maxDrawdownPct = modelFigure(r.metrics.maxDrawdownPct)
        sharpeRatio = modelFigure(r.metrics.sharpeRatio)
        totalTrades = r.metrics.totalTrades
        probabilisticSharpeRatio = modelFigure(b.sharpeStatistics?.probabilisticSharpeRatio, 4)
        deflatedSharpeRatio = modelFigure(b.sharpeStatistics?.deflatedSharpeRatio, 4)
        minTrackRecordLength = modelFigure(b.sharpeStatistics?.minTrackRecordLength, 1)
        trials = b.trials.trials
        sharpeNote = b.sharpeStatistics?.note ?? BacktestPresenter.noSharpeNote
        let run = o.trades ?? o.days
        monteCarlo = MonteCarloSection(runs: run?.runs ?? 0, seed: run?.seed ?? MonteCarlo.defaultSeed,
                                       trades: o.trades.map(Simulation.init), dailyBlocks: o.days.map(Simulation.init))
        regimes = o.regimes.map(Regimes.init)
        note = RobustnessPresenter.note(o)
        regimesProblem = o.regimesProblem
        holdout = o.holdout.map { HoldoutSection($0, opened: o.openedHoldout) }
    }

    enum CodingKeys: String, CodingKey {
        case totalReturnPct = "total_return_pct", maxDrawdownPct = "max_drawdown_pct", sharpeRatio = "sharpe_ratio"
        case totalTrades = "total_trades", probabilisticSharpeRatio = "probabilistic_sharpe_ratio"
        case deflatedSharpeRatio = "deflated_sharpe_ratio", minTrackRecordLength = "min_track_record_length", trials
        case sharpeNote = "sharpe_note", monteCarlo = "monte_carlo", regimes, note, regimesProblem = "regimes_problem", holdout
    }

    package static let outputSchema = ValueSchema.object(RunHeader.schema.adding(ObjectSchema(required: [
        "total_trades": .integer, "trials": .integer, "sharpe_note": .string, "monte_carlo": .object(MonteCarloSection.schema),
        "note": .string,
    ], nullable: [
        "total_return_pct": .number, "max_drawdown_pct": .number, "sharpe_ratio": .number,
        "probabilistic_sharpe_ratio": .number, "deflated_sharpe_ratio": .number, "min_track_record_length": .number,
        "regimes": .object(Regimes.schema),
    ], optional: ["regimes_problem": .string, "holdout": .object(HoldoutSection.schema)])))

    package init(from decoder: any Decoder) throws {
        run = try RunHeader(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        totalReturnPct = try c.decodeIfPresent(Double.self, forKey: .totalReturnPct)
        maxDrawdownPct = try c.decodeIfPresent(Double.self, forKey: .maxDrawdownPct)
        sharpeRatio = try c.decodeIfPresent(Double.self, forKey: .sharpeRatio)
        totalTrades = try c.decode(Int.self, forKey: .totalTrades)
        probabilisticSharpeRatio = try c.decodeIfPresent(Double.self, forKey: .probabilisticSharpeRatio)
        deflatedSharpeRatio = try c.decodeIfPresent(Double.self, forKey: .deflatedSharpeRatio)
        minTrackRecordLength = try c.decodeIfPresent(Double.self, forKey: .minTrackRecordLength)
        trials = try c.decode(Int.self, forKey: .trials)
        sharpeNote = try c.decode(String.self, forKey: .sharpeNote)
        monteCarlo = try c.decode(MonteCarloSection.self, forKey: .monteCarlo)
        regimes = try c.decodeIfPresent(Regimes.self, forKey: .regimes)
        note = try c.decode(String.self, forKey: .note)
        regimesProblem = try c.decodeIfPresent(String.self, forKey: .regimesProblem)
        holdout = try c.decodeIfPresent(HoldoutSection.self, forKey: .holdout)
    }

    package func encode(to encoder: any Encoder) throws {
        try run.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(totalReturnPct, forKey: .totalReturnPct)
        try c.encodeIfPresent(maxDrawdownPct, forKey: .maxDrawdownPct)
        try c.encodeIfPresent(sharpeRatio, forKey: .sharpeRatio)
        try c.encode(totalTrades, forKey: .totalTrades)
        try c.encodeIfPresent(probabilisticSharpeRatio, forKey: .probabilisticSharpeRatio)
        try c.encodeIfPresent(deflatedSharpeRatio, forKey: .deflatedSharpeRatio)
        try c.encodeIfPresent(minTrackRecordLength, forKey: .minTrackRecordLength)
        try c.encode(trials, forKey: .trials)
        try c.encode(sharpeNote, forKey: .sharpeNote)
        try c.encode(monteCarlo, forKey: .monteCarlo)
        try c.encodeIfPresent(regimes, forKey: .regimes)
        try c.encode(note, forKey: .note)
        if let regimesProblem { try c.encode(regimesProblem, forKey: .regimesProblem) }
        if let holdout { try c.encode(holdout, forKey: .holdout) }
    }
}
