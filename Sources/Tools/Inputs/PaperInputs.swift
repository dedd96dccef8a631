import AgentLoop
import Foundation
import StrategyCore

/// What `manage_paper_account` is given: what to do, to which account, with what.
struct ManagePaperAccountInput: ToolInput {
    static let tool = ToolName.managePaperAccount

    /// What the call does to the paper account.
    enum Action: String, CaseIterable, Sendable {
        case open, add, remove, halt, resume
    }

    var action: Action
    var account: String?
    var capital: Double?
    var strategyId: String?
    var reason: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case action, account, capital, strategyId = "strategy_id", reason
    }

    static let description = "Manage a paper account: paper money, never real money, and nothing is sent to a broker. open starts one with `capital` dollars of paper money; add attaches a stored strategy (each `stratchat scan` then trades it by the backtest's rules; with `capital` and no account yet, one is opened first); remove detaches a strategy (its open positions stay); halt stops new entries (the kill switch); resume restarts them. Without `account`, the latest opened account is used."

    static let schema = StrategyToolbox.object([
        "action": ["type": "string", "enum": .strings(Action.allCases.map(\.rawValue)),
                   "description": "open, add, remove, halt or resume"],
        "account": ["type": "string", "description": "The paper account's name (default: the latest opened; a new one is called \"paper\")"],
        "capital": ["type": "number", "exclusiveMinimum": 0,
                    "description": "Starting paper money in dollars: required for open; for add, opens an account when there is none"],
        "strategy_id": ["type": "string", "description": StrategyToolbox.strategyIdDescription],
        "reason": ["type": "string", "description": "Why the account is halted (halt only)"],
    ], required: ["action"])

    init(from decoder: any Decoder) throws {
        let arguments = try ToolArguments(decoder, CodingKeys.self, tool: Self.tool)
        let word = try arguments.requiredString(CodingKeys.action.stringValue)
        guard let action = Action(rawValue: word.lowercased()) else {
            throw ToolsError.invalidArgument(
                tool: Self.tool.rawValue, name: CodingKeys.action.stringValue, reason: "is \"\(word)\"",
                fix: "Use one of \(Action.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        self.action = action
        account = try arguments.string(CodingKeys.account.stringValue)
        capital = try arguments.number(CodingKeys.capital.stringValue)
        strategyId = try arguments.string(CodingKeys.strategyId.stringValue)
        reason = try arguments.string(CodingKeys.reason.stringValue)
        if let capital, capital <= 0 {
            throw ToolsError.invalidArgument(
                tool: Self.tool.rawValue, name: CodingKeys.capital.stringValue, reason: "is \(capital), not a positive amount",
                fix: "Give dollars of paper money, such as 100000.")
        }
    }
}

/// What `get_paper_account` is given: which account (the latest opened by default).
struct GetPaperAccountInput: ToolInput {
    static let tool = ToolName.getPaperAccount

    var account: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case account }

    static let schema = StrategyToolbox.object([
        "account": ["type": "string", "description": "The paper account's name (default: the latest opened)"],
    ], required: [])

    init(from decoder: any Decoder) throws {
        let arguments = try ToolArguments(decoder, CodingKeys.self, tool: Self.tool)
        account = try arguments.string(CodingKeys.account.stringValue)
    }
}
