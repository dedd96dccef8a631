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

/// `/walkforward`: a sweep that also walks forward, each train window's pick trading the next test window.
extension SlashCommand {
    /// The numbers varied when none are named: the stop, which every strategy has.
    static let defaultWalkForwardGrid = "stop=4..12:2"

    static let walkforward = SlashCommand(
        name: "walkforward", aliases: ["walk-forward", "wf"], usage: "/walkforward [ID] TRAIN/TEST [GRID …]",
        summary: "Walk forward, e.g. 24/6 or 2y/6m (train/test); a pick per window, judged out of sample.",
        completion: SlashCompletion(reference: .leading)
    ) { arguments, context in
        let words = arguments.split(whereSeparator: \.isWhitespace).map(String.init)
        let usage = "/walkforward ID 24/6 stop=4..12:2 (train 24 months, test 6; \(defaultWalkForwardGrid) when no grid is given)"
        guard let windows = words.lazy.compactMap(trainTest).first else {
            throw SlashError.usage("Give the train and test lengths as TRAIN/TEST, e.g. \(usage)")
        }
        let grid = words.filter { $0.contains("=") }
        let anchored = words.contains { $0.lowercased() == "anchored" }
        let rest = words.filter { !$0.contains("=") && $0.lowercased() != "anchored" && trainTest($0) == nil }
        let strategy = try strategy(rest.joined(separator: " "), context, usage: usage)
        try await runTool(.optimizeStrategy, [
            "strategy_id": .string(strategy.id), "grid": .array((grid.isEmpty ? [defaultWalkForwardGrid] : grid).map { .string($0) }),
            "walk_forward": ["train_months": .number(Double(windows.train)), "test_months": .number(Double(windows.test)),
                             "anchored": .bool(anchored)],
        ], context)
        return .keepGoing
    }

    /// "24/6", "2y/6m", "18m/3m": months of training and of testing.
    static func trainTest(_ word: String) -> (train: Int, test: Int)? {
        let parts = word.lowercased().split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let train = months(parts[0]), let test = months(parts[1]), train >= 1, test >= 1 else { return nil }
        return (train, test)
    }

    static func months(_ text: Substring) -> Int? {
        if text.hasSuffix("y") { return Int(text.dropLast()).map { $0 * 12 } }
        if text.hasSuffix("m") { return Int(text.dropLast()) }
        return Int(text)
    }
}
