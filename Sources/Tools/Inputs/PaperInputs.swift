import AgentLoop
import Foundation
import StrategyCore

/// What `manage_paper_account` is given: what to do, to which account, with what.
struct ManagePaperAccountInput: ToolInput {
    static let tool = ToolName.managePaperAccount

    /// What the call does to the paper account.
    enum Action: String, CaseIterable, Sendable {
        case open, add, remove, halt, resume, limits
    }

    var action: Action
    var account: String?
    var capital: Double?
    var strategyId: String?
    var reason: String?
    /// Risk limits to set; 0 turns a limit off, nil leaves it as it is.
    var maxPositions: Int?
    var maxExposurePct: Double?
    var dailyLossLimitPct: Double?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case action, account, capital, strategyId = "strategy_id", reason
        case maxPositions = "max_positions", maxExposurePct = "max_exposure_pct", dailyLossLimitPct = "daily_loss_limit_pct"
    }

    /// Whether the call names any risk limit.
    var setsLimits: Bool { maxPositions != nil || maxExposurePct != nil || dailyLossLimitPct != nil }

    /// `current` with the limits this call names put in (0 turns one off).
    func limits(over current: PaperRiskLimits = PaperRiskLimits()) -> PaperRiskLimits {
        current.changing(maxOpenPositions: maxPositions, maxExposurePct: maxExposurePct, dailyLossLimitPct: dailyLossLimitPct)
    }

    static let description = "Manage a paper account: paper money, never real money, and nothing is sent to a broker. open starts one with `capital` dollars of paper money; add attaches a stored strategy (each `stratchat scan` then trades it by the backtest's rules; with `capital` and no account yet, one is opened first); remove detaches a strategy (its open positions stay); halt stops new entries (the kill switch); resume restarts them; limits sets the risk limits (max_positions, max_exposure_pct, daily_loss_limit_pct, which open also takes; 0 turns one off). Crossing a limit holds back new entries and says why; the daily loss limit halts the account until resumed. Without `account`, the latest opened account is used."

    static let schema = StrategyToolbox.object([
        "action": ["type": "string", "enum": .strings(Action.allCases.map(\.rawValue)),
                   "description": "open, add, remove, halt, resume or limits"],
        "account": ["type": "string", "description": "The paper account's name (default: the latest opened; a new one is called \"paper\")"],
        "capital": ["type": "number", "exclusiveMinimum": 0,
                    "description": "Starting paper money in dollars: required for open; for add, opens an account when there is none"],
        "strategy_id": ["type": "string", "description": StrategyToolbox.strategyIdDescription],
        "reason": ["type": "string", "description": "Why the account is halted (halt only)"],
        "max_positions": ["type": "integer", "minimum": 0,
                          "description": "Most open positions, waiting buys included (open or limits; 0 = no limit)"],
        "max_exposure_pct": ["type": "number", "minimum": 0,
                             "description": "Most money in positions and waiting buys, in percent of equity (open or limits; 0 = no limit)"],
        "daily_loss_limit_pct": ["type": "number", "minimum": 0,
                                 "description": "A fall of equity from one close to the next, in percent, that halts new entries (open or limits; 0 = no limit)"],
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
        maxPositions = try arguments.integer(CodingKeys.maxPositions.stringValue)
        maxExposurePct = try arguments.number(CodingKeys.maxExposurePct.stringValue)
        dailyLossLimitPct = try arguments.number(CodingKeys.dailyLossLimitPct.stringValue)
        if let maxPositions, maxPositions < 0 {
            throw ToolsError.invalidArgument(
                tool: Self.tool.rawValue, name: CodingKeys.maxPositions.stringValue, reason: "is \(maxPositions)",
                fix: "Give a count of positions such as 10, or 0 for no limit.")
        }
        for (key, value) in [(CodingKeys.maxExposurePct, maxExposurePct), (.dailyLossLimitPct, dailyLossLimitPct)] {
            if let value, value < 0 {
                throw ToolsError.invalidArgument(
                    tool: Self.tool.rawValue, name: key.stringValue, reason: "is \(value), a negative percent",
                    fix: "Give a percent such as 5, or 0 for no limit.")
            }
        }
        if action == .limits, !setsLimits {
            throw ToolsError.invalidArgument(
                tool: Self.tool.rawValue, name: CodingKeys.action.stringValue, reason: "is limits but names no limit",
                fix: "Give max_positions, max_exposure_pct or daily_loss_limit_pct (0 turns one off).")
        }
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
