import AgentLoop
import Foundation
import Tools

/// `/robustness`: Monte Carlo, regimes and the deflated Sharpe through `analyze_strategy_robustness`.
extension SlashCommand {
    static let robustness = SlashCommand(
        name: "robustness", aliases: ["overfit"], usage: "/robustness [ID]",
        summary: "Is it luck? Monte Carlo, regimes and the deflated Sharpe of a strategy.",
        completion: SlashCompletion(reference: .leading)
    ) { arguments, context in
        let strategy = try strategy(arguments, context, usage: "/robustness ID")
        try await runTool(.analyzeStrategyRobustness, ["strategy_id": .string(strategy.id)], context)
        return .keepGoing
    }
}

/// `/holdout`: reserve the last part of a strategy's data, give it back, or open it (each opening counted).
extension SlashCommand {
    static let holdout = SlashCommand(
        name: "holdout", aliases: ["hold-out"], usage: "/holdout [ID] 30%|DATE|open|off",
        summary: "Reserve a strategy's last data, or test on it (every opening is counted).",
        completion: SlashCompletion(reference: .leading)
    ) { arguments, context in
        var words = arguments.split(whereSeparator: \.isWhitespace).map(String.init)
        let usage = "/holdout ID 30% (reserve), /holdout ID open (test on it), /holdout ID off (give it back)"
        guard let last = words.last else { throw SlashError.usage("Say what to do with the hold-out: \(usage)") }
        let action = last.lowercased()
        guard action == "open" || RobustnessService.HoldoutChange.parseIfValid(last) != nil else {
            throw SlashError.usage("\"\(last)\" is not a hold-out: \(usage)")
        }
        words.removeLast()
        let strategy = try strategy(words.joined(separator: " "), context, usage: "/holdout ID 30%")
        var call: [String: AgentJSON] = ["strategy_id": .string(strategy.id)]
        if action == "open" { call["open_holdout"] = true } else { call["holdout"] = .string(last) }
        try await runTool(.analyzeStrategyRobustness, call, context)
        return .keepGoing
    }
}
