import AgentLoop
import Foundation
import StrategyCore

/// What `list_user_strategies` is given: whether to hide paused strategies (the default).
struct ListStrategiesInput: ToolInput {
    static let tool = ToolName.listUserStrategies

    var activeOnly: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable { case activeOnly = "active_only" }

    static let schema = StrategyToolbox.object([
        "active_only": ["type": "boolean", "description": "If true, only return active strategies. Defaults to true", "default": true],
    ], required: [])

    init(from decoder: any Decoder) throws {
        let arguments = try ToolArguments(decoder, CodingKeys.self, tool: Self.tool)
        activeOnly = try arguments.bool(CodingKeys.activeOnly.stringValue)
    }
}

/// What `get_strategy` is given: the strategy.
struct ShowStrategyInput: ToolInput {
    static let tool = ToolName.getStrategy

    var strategyId: String

    enum CodingKeys: String, CodingKey, CaseIterable { case strategyId = "strategy_id" }

    static let schema = StrategyToolbox.object(["strategy_id": ["type": "string", "description": StrategyToolbox.strategyIdDescription]], required: ["strategy_id"])

    init(from decoder: any Decoder) throws {
        let arguments = try ToolArguments(decoder, CodingKeys.self, tool: Self.tool)
        strategyId = try arguments.requiredString(CodingKeys.strategyId.stringValue)
    }
}

/// What `set_strategy_active` is given: the strategy and whether it should run (required, checked once the strategy is found).
struct SetStrategyActiveInput: ToolInput {
    static let tool = ToolName.setStrategyActive

    var strategyId: String
    var active: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable { case strategyId = "strategy_id", active }

    static let schema = StrategyToolbox.object([
        "strategy_id": ["type": "string", "description": StrategyToolbox.strategyIdDescription],
        "active": ["type": "boolean", "description": "true to resume, false to pause"],
    ], required: ["strategy_id", "active"])

    init(from decoder: any Decoder) throws {
        let arguments = try ToolArguments(decoder, CodingKeys.self, tool: Self.tool)
        strategyId = try arguments.requiredString(CodingKeys.strategyId.stringValue)
        active = try arguments.bool(CodingKeys.active.stringValue)
    }
}

/// What `delete_strategy` is given: the strategy and whether the person confirmed.
struct DeleteStrategyInput: ToolInput {
    static let tool = ToolName.deleteStrategy

    var strategyId: String
    var confirm: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable { case strategyId = "strategy_id", confirm }

    static let schema = StrategyToolbox.object([
        "strategy_id": ["type": "string", "description": StrategyToolbox.strategyIdDescription],
        "confirm": ["type": "boolean", "description": "Must be true: the person confirmed the deletion. Without it nothing is deleted."],
    ], required: ["strategy_id"])

    init(from decoder: any Decoder) throws {
        let arguments = try ToolArguments(decoder, CodingKeys.self, tool: Self.tool)
        strategyId = try arguments.requiredString(CodingKeys.strategyId.stringValue)
        confirm = try arguments.bool(CodingKeys.confirm.stringValue)
    }
}

/// What `record_signal_action` is given: the signal, what was done, and at what price and size.
struct SignalActionInput: ToolInput {
    static let tool = ToolName.recordSignalAction

    var signalId: String
    var action: String
    var price: Double?
    var shares: Double?

    enum CodingKeys: String, CodingKey, CaseIterable { case signalId = "signal_id", action, price, shares }

    static let schema = StrategyToolbox.object([
        "signal_id": ["type": "string", "description": "The signal's id, as the signals table shows it (the full id or its first characters)"],
        "action": ["type": "string", "enum": ["act", "close", "skip"], "description": "act: took the trade; close: sold the position; skip: did not take it"],
        "price": ["type": "number", "description": "The price traded at: optional for act (defaults to the signal's price), required for close", "exclusiveMinimum": 0],
        "shares": ["type": "number", "description": "Shares traded (optional, act only)", "exclusiveMinimum": 0],
    ], required: ["signal_id", "action"])

    init(from decoder: any Decoder) throws {
        let arguments = try ToolArguments(decoder, CodingKeys.self, tool: Self.tool)
        signalId = try arguments.requiredString(CodingKeys.signalId.stringValue)
        action = try arguments.requiredString(CodingKeys.action.stringValue)
        price = try arguments.number(CodingKeys.price.stringValue)
        shares = try arguments.number(CodingKeys.shares.stringValue)
    }
}
