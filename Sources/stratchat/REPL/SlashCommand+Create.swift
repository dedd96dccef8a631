import AgentLoop
import Foundation
import Tools

/// `/new` and `/refine`: plain words in, a stored strategy version out, through the offline text parser.
extension SlashCommand {
    static let new = SlashCommand(
        name: "new", usage: "/new TEXT",
        summary: "Create a strategy from plain words (the offline parser; no model needed)."
    ) { arguments, context in
        guard !arguments.isEmpty else {
            throw SlashError.usage("Describe the strategy: /new buy when rsi_14 is below 30, sell when it is above 70, 8% stop")
        }
        let output = try await runTool(.createTradingStrategy, ["strategy_description": .string(arguments)], context)
        if let id = ToolName.createTradingStrategy.strategyNamed(inResult: output.modelContent)?.id, !id.isEmpty {
            context.lastStrategyId = id
        }
        return .keepGoing
    }

    static let refine = SlashCommand(
        name: "refine", usage: "/refine ID TEXT",
        summary: "Change a strategy in plain words; saved as a new version.",
        completion: SlashCompletion(reference: .leading)
    ) { arguments, context in
        var (reference, request) = SlashArguments.leadingReference(arguments)
        if !arguments.hasPrefix("\""), let names = try? context.store().listStrategies(user: context.user).map(\.name),
           let named = SlashArguments.leadingName(arguments, names: names) {
            (reference, request) = named
        }
        let usage = "/refine ID TEXT, e.g. /refine a1b2c3d4 tighten the stop to 6%"
        guard !reference.isEmpty, !request.isEmpty else { throw SlashError.usage("Say which strategy and what to change: \(usage)") }
        let strategy = try strategy(reference, context, usage: usage)
        try await runTool(.refineStrategy, ["strategy_id": .string(strategy.id), "refinement_description": .string(request)], context)
        return .keepGoing
    }
}
