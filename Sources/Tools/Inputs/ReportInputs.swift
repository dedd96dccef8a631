import AgentLoop
import Foundation
import StrategyCore

/// What `backtest_strategy` is given: the strategy, and optionally its dates, capital and tickers or universe.
struct BacktestInput: ToolInput {
    static let tool = ToolName.backtestStrategy

    var strategyId: String
    var startDate: Day?
    var endDate: Day?
    var initialCapital: Double?
    var tickers: [String]?
    var universe: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case strategyId = "strategy_id", startDate = "start_date", endDate = "end_date", initialCapital = "initial_capital", tickers, universe }

    static let schema = StrategyToolbox.object([
        "strategy_id": ["type": "string", "description": StrategyToolbox.strategyIdDescription],
        "start_date": ["type": "string", "description": "Start date for backtest in YYYY-MM-DD format. Defaults to 2 years before the end date, or the data's first day."],
        "end_date": ["type": "string", "description": "End date for backtest in YYYY-MM-DD format. Defaults to the last day of the data."],
        "initial_capital": ["type": "number", "description": "Starting capital for backtest. Defaults to $100,000", "default": 100_000],
        "tickers": ["type": "array", "items": ["type": "string"], "description": "Tickers to test on, e.g. [\"AAPL\", \"MSFT\"]. Leave out to use the universe."],
        "universe": ["type": "string", "description": "A named universe such as \"sample\" (the default) or an imported folder's name. Do not combine with tickers."],
    ], required: ["strategy_id"])

    init(from decoder: any Decoder) throws {
        let arguments = try ToolArguments(decoder, CodingKeys.self, tool: Self.tool)
        strategyId = try arguments.requiredString(CodingKeys.strategyId.stringValue)
        startDate = try arguments.day(CodingKeys.startDate.stringValue)
        endDate = try arguments.day(CodingKeys.endDate.stringValue)
        initialCapital = try arguments.number(CodingKeys.initialCapital.stringValue)
        tickers = try arguments.strings(CodingKeys.tickers.stringValue)
        universe = try arguments.string(CodingKeys.universe.stringValue)
    }
}

/// What `get_strategy_signals` is given: the strategy, the lowest confidence to list and the universe.
struct SignalsInput: ToolInput {
    static let tool = ToolName.getStrategySignals

    var strategyId: String
    var minConfidence: Double?
    var universe: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case strategyId = "strategy_id", minConfidence = "min_confidence", universe }

    static let schema = StrategyToolbox.object([
        "strategy_id": ["type": "string", "description": StrategyToolbox.strategyIdDescription],
        "min_confidence": ["type": "number", "description": "Minimum confidence score (0-100) to return. Defaults to 0 (every signal): the score is 50 plus half of how far past its thresholds each condition is (scaled by the field's usual range), blended with the last backtest's win rate; a just-met condition scores about 50.", "default": 0],
        "universe": ["type": "string", "description": "Universe to scan; defaults to \"sample\"."],
    ], required: ["strategy_id"])

    init(from decoder: any Decoder) throws {
        let arguments = try ToolArguments(decoder, CodingKeys.self, tool: Self.tool)
        strategyId = try arguments.requiredString(CodingKeys.strategyId.stringValue)
        minConfidence = try arguments.number(CodingKeys.minConfidence.stringValue)
        universe = try arguments.string(CodingKeys.universe.stringValue)
    }
}

/// What `compare_strategies` is given: the window to compare over.
struct CompareStrategiesInput: ToolInput {
    static let tool = ToolName.compareStrategies

    var timeframe: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case timeframe }

    static let schema = StrategyToolbox.object([
        "timeframe": ["type": "string", "enum": ["7d", "30d", "90d", "1y", "all"], "description": "Timeframe for comparison. Defaults to 'all'", "default": "all"],
    ], required: [])

    init(from decoder: any Decoder) throws {
        let arguments = try ToolArguments(decoder, CodingKeys.self, tool: Self.tool)
        timeframe = try arguments.string(CodingKeys.timeframe.stringValue)
    }
}
