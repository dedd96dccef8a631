import AgentLoop
import Foundation
import Tools

/// `/show`, `/revert`, `/pause`, `/resume` and `/delete`: looking after stored strategies.
extension SlashCommand {
    static let show = SlashCommand(
        name: "show", usage: "/show [ID]",
        summary: "A strategy in words, its versions and its last backtest.", completion: .strategy
    ) { arguments, context in
        let strategy = try strategy(arguments, context, usage: "/show ID")
        try await runTool(.getStrategy, ["strategy_id": .string(strategy.id)], context)
        return .keepGoing
    }

    static let revert = SlashCommand(
        name: "revert", usage: "/revert ID VERSION",
        summary: "Restore an earlier version (saved as a new one; history kept).", completion: .strategy
    ) { arguments, context in
        let (reference, version) = SlashArguments.trailingVersion(arguments)
        let usage = "/revert ID VERSION, e.g. /revert a1b2c3d4 1"
        guard let version else { throw SlashError.usage("Say which version to restore: \(usage)") }
        let strategy = try strategy(reference, context, usage: usage)
        try await runTool(.revertStrategy, ["strategy_id": .string(strategy.id), "version": .number(Double(version))], context)
        return .keepGoing
    }

    static let pause = SlashCommand(
        name: "pause", usage: "/pause [ID]",
        summary: "Leave a strategy out of signal scans (its history is kept).", completion: .strategy
    ) { arguments, context in
        try await setActive(false, arguments, context)
    }

    static let resume = SlashCommand(
        name: "resume", usage: "/resume [ID]",
        summary: "Scan a paused strategy for signals again.", completion: .strategy
    ) { arguments, context in
        try await setActive(true, arguments, context)
    }

    @MainActor private static func setActive(_ active: Bool, _ arguments: String, _ context: ChatContext) async throws -> SlashOutcome {
        let strategy = try strategy(arguments, context, usage: active ? "/resume ID" : "/pause ID")
        try await runTool(.setStrategyActive, ["strategy_id": .string(strategy.id), "active": .bool(active)], context)
        return .keepGoing
    }

    static let delete = SlashCommand(
        name: "delete", usage: "/delete ID",
        summary: "Delete a strategy with its backtests and signals (asks first).", completion: .strategy
    ) { arguments, context in
        guard !arguments.isEmpty else {
            throw SlashError.usage("Say which strategy to delete: /delete ID (the id or the name; /strategies lists them).")
        }
        let strategy = try strategy(arguments, context, usage: "/delete ID")
        let question = "Delete \"\(strategy.name)\" and its backtests and signals? (y/N) "
        guard let confirm = context.session?.confirm else {
            throw SlashError.usage("This session cannot ask for confirmation, so nothing was deleted.")
        }
        guard await confirm(question) else {
            context.console.line("Nothing was deleted.")
            return .keepGoing
        }
        try await runTool(.deleteStrategy, ["strategy_id": .string(strategy.id), "confirm": true], context)
        if context.lastStrategyId == strategy.id { context.lastStrategyId = nil }
        return .keepGoing
    }
}
