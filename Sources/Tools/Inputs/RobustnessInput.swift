import AgentLoop
import Foundation
import StrategyCore

/// What `analyze_strategy_robustness` is given: the strategy, the Monte Carlo's runs, seed and block length,
/// and the data as for a backtest.
struct RobustnessInput: ToolInput {
    static let tool = ToolName.analyzeStrategyRobustness
    static let runsRange = 100...100_000

    var strategyId: String
    var runs: Int
    var seed: Int
    var blockLength: Int
    var startDate: Day?
    var endDate: Day?
    var tickers: [String]?
    var universe: String?
    var holdout: RobustnessService.HoldoutChange?
    var openHoldout: Bool

    enum CodingKeys: String, CodingKey, CaseIterable {
        case strategyId = "strategy_id", runs, seed, blockLength = "block_length", startDate = "start_date", endDate = "end_date"
        case tickers, universe, holdout, openHoldout = "open_holdout"
    }

    static let description = "Check whether a strategy's backtest is robust or luck: backtests it as backtest_strategy would, then gives its Deflated Sharpe Ratio among every definition tried on overlapping data, a Monte Carlo (closed trades resampled with replacement, and a block bootstrap of its daily returns; 10,000 runs under a fixed seed) with the 5th, 50th and 95th percentiles of the final return and the maximum drawdown and the probability of a loss, and its metrics per benchmark regime (above or below the 200-day average; high or low 60-day volatility). Use it when the person asks whether a result is real or overfit, or after a streak of refinements."

    static let schema = StrategyToolbox.object([
        "strategy_id": ["type": "string", "description": StrategyToolbox.strategyIdDescription],
        "runs": ["type": "integer", "minimum": .number(Double(runsRange.lowerBound)), "maximum": .number(Double(runsRange.upperBound)),
                 "description": "Monte Carlo runs. Defaults to 10000.", "default": .number(Double(MonteCarlo.defaultRuns))],
        "seed": ["type": "integer", "minimum": 0, "description": "The random seed; the same seed gives the same runs. Defaults to 12345.",
                 "default": .number(Double(MonteCarlo.defaultSeed))],
        "block_length": ["type": "integer", "minimum": 1, "description": "Days per block of the daily bootstrap. Defaults to 20.",
                         "default": .number(Double(MonteCarlo.defaultBlockLength))],
        "start_date": ["type": "string", "description": "Start date in YYYY-MM-DD format; defaults as for a backtest."],
        "end_date": ["type": "string", "description": "End date in YYYY-MM-DD format; defaults as for a backtest."],
        "tickers": ["type": "array", "items": ["type": "string"], "description": "Tickers to test on. Leave out to use the universe."],
        "universe": ["type": "string", "description": "A named universe such as \"sample\". Do not combine with tickers."],
        "holdout": ["type": "string", "description": "Reserve the last part of the strategy's data before the check: a share such as \"30%\" or the first reserved day as YYYY-MM-DD; \"off\" gives it back. Backtests and sweeps then run on the rest. Only when the person asked for a hold-out."],
        "open_holdout": ["type": "boolean", "description": "Test the reserved hold-out's days instead of the rest. Every opening is counted and shown; only when the person asked to test on the hold-out.", "default": false],
    ], required: ["strategy_id"])

    init(from decoder: any Decoder) throws {
        let arguments = try ToolArguments(decoder, CodingKeys.self, tool: Self.tool)
        strategyId = try arguments.requiredString(CodingKeys.strategyId.stringValue)
        runs = try arguments.integer(CodingKeys.runs.stringValue) ?? MonteCarlo.defaultRuns
        guard Self.runsRange.contains(runs) else {
            throw ToolsError.invalidArgument(tool: Self.tool.rawValue, name: CodingKeys.runs.stringValue, reason: "is \(runs)",
                                             fix: "Give between \(Self.runsRange.lowerBound) and \(Self.runsRange.upperBound) runs, e.g. 10000.")
        }
        seed = try arguments.integer(CodingKeys.seed.stringValue) ?? Int(MonteCarlo.defaultSeed)
        guard seed >= 0 else {
            throw ToolsError.invalidArgument(tool: Self.tool.rawValue, name: CodingKeys.seed.stringValue, reason: "is negative",
                                             fix: "Give a whole number of 0 or more, e.g. 12345.")
        }
        blockLength = try arguments.integer(CodingKeys.blockLength.stringValue) ?? MonteCarlo.defaultBlockLength
        guard blockLength >= 1 else {
            throw ToolsError.invalidArgument(tool: Self.tool.rawValue, name: CodingKeys.blockLength.stringValue, reason: "is \(blockLength)",
                                             fix: "Give at least 1 day per block, e.g. 20.")
        }
        startDate = try arguments.day(CodingKeys.startDate.stringValue)
        endDate = try arguments.day(CodingKeys.endDate.stringValue)
        tickers = try arguments.strings(CodingKeys.tickers.stringValue)
        universe = try arguments.string(CodingKeys.universe.stringValue)
        do {
            holdout = try arguments.string(CodingKeys.holdout.stringValue).map(RobustnessService.HoldoutChange.parse)
        } catch {
            throw ToolsError.invalidArgument(tool: Self.tool.rawValue, name: CodingKeys.holdout.stringValue, reason: "is not a hold-out",
                                             fix: "Write a share of the data such as \"30%\", the first reserved day as YYYY-MM-DD, or \"off\".")
        }
        openHoldout = try arguments.bool(CodingKeys.openHoldout.stringValue) ?? false
    }
}
