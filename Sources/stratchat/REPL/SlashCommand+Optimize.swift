import AgentLoop
import Foundation
import Tools

/// `/optimize`: a parameter sweep through `optimize_strategy`.
extension SlashCommand {
    static let optimize = SlashCommand(
        name: "optimize", aliases: ["optimise"], usage: "/optimize [ID] PATH=LO..HI:STEP … [save]",
        summary: "Sweep a strategy's numbers; shows the best, PBO and deflated Sharpe.",
        completion: SlashCompletion(reference: .leading)
    ) { arguments, context in
        let words = arguments.split(whereSeparator: \.isWhitespace).map(String.init)
        let grid = words.filter { $0.contains("=") }
        let save = words.contains { $0.lowercased() == "save" }
        let rest = words.filter { !$0.contains("=") && $0.lowercased() != "save" }
        let usage = "/optimize ID risk_parameters.stop_loss_pct=4..12:2"
        guard !grid.isEmpty else {
            throw SlashError.usage("Give the numbers to vary as PATH=LO..HI:STEP, e.g. \(usage)")
        }
        let strategy = try strategy(rest.joined(separator: " "), context, usage: usage)
        var call: [String: AgentJSON] = ["strategy_id": .string(strategy.id), "grid": .array(grid.map { .string($0) })]
        if save { call["save_best"] = true }
        try await runTool(.optimizeStrategy, call, context)
        return .keepGoing
    }
}
