import AgentLoop
import Foundation
import StrategyCore

/// What `create_trading_strategy` is given: the strategy in plain words and, optionally, its name.
struct CreateStrategyInput: ToolInput {
    static let tool = ToolName.createTradingStrategy

    var strategyDescription: String
    var strategyName: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case strategyDescription = "strategy_description", strategyName = "strategy_name" }

    static let schema = StrategyToolbox.object([
        "strategy_description": [
            "type": "string",
            "description": "Natural language description of the trading strategy. Be specific about entry conditions, exit conditions, and risk management. Example: 'Buy stocks when 3+ insiders buy more than $500K total in the last 30 days AND the stock is above its 50-day moving average. Sell when the stock drops below the 50-day MA or hits a 12% stop loss.'",
        ],
        "strategy_name": ["type": "string", "description": "Short, descriptive name for the strategy"],
    ], required: ["strategy_description", "strategy_name"])

    init(from decoder: any Decoder) throws {
        let arguments = try ToolArguments(decoder, CodingKeys.self, tool: Self.tool)
        strategyDescription = try arguments.requiredString(CodingKeys.strategyDescription.stringValue)
        strategyName = try arguments.string(CodingKeys.strategyName.stringValue)
    }
}

/// What `refine_strategy` is given: the strategy and the change in plain words.
struct RefineStrategyInput: ToolInput {
    static let tool = ToolName.refineStrategy

    var strategyId: String
    var refinementDescription: String

    enum CodingKeys: String, CodingKey, CaseIterable { case strategyId = "strategy_id", refinementDescription = "refinement_description" }

    static let schema = StrategyToolbox.object([
        "strategy_id": ["type": "string", "description": StrategyToolbox.strategyIdDescription],
        "refinement_description": ["type": "string", "description": "Natural language description of how to modify the strategy. Example: 'Add a condition that the stock must have volume above 1M shares' or 'Tighten the stop loss to 8%'"],
    ], required: ["strategy_id", "refinement_description"])

    init(from decoder: any Decoder) throws {
        let arguments = try ToolArguments(decoder, CodingKeys.self, tool: Self.tool)
        strategyId = try arguments.requiredString(CodingKeys.strategyId.stringValue)
        refinementDescription = try arguments.requiredString(CodingKeys.refinementDescription.stringValue)
    }
}

/// What `revert_strategy` is given: the strategy and the version to restore (checked against the strategy once it is found).
struct RevertStrategyInput: ToolInput {
    static let tool = ToolName.revertStrategy

    var strategyId: String
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable { case strategyId = "strategy_id", version }

    static let schema = StrategyToolbox.object([
        "strategy_id": ["type": "string", "description": StrategyToolbox.strategyIdDescription],
        "version": ["type": "integer", "description": .string("The version number to restore (see \(ToolName.getStrategy.rawValue))"), "minimum": 1],
    ], required: ["strategy_id", "version"])

    init(from decoder: any Decoder) throws {
        let arguments = try ToolArguments(decoder, CodingKeys.self, tool: Self.tool)
        strategyId = try arguments.requiredString(CodingKeys.strategyId.stringValue)
        version = try arguments.integer(CodingKeys.version.stringValue)
    }
}
