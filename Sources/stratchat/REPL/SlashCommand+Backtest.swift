import AgentLoop
import Foundation
import Tools

/// `/backtest`, `/signals` and `/compare`: the tools that run strategies over the data.
extension SlashCommand {
    static let backtest = SlashCommand(
        name: "backtest", usage: "/backtest [ID] [FROM] [TO] [on TICKERS]",
        summary: "Backtest a strategy; dates YYYY-MM-DD; Ctrl-C stops it.",
        completion: SlashCompletion(reference: .whole, tickersAfterOn: true)
    ) { arguments, context in
        let parsed = SlashArguments.backtest(arguments)
        let strategy = try strategy(parsed.reference, context, usage: "/backtest ID")
        var call: [String: AgentJSON] = ["strategy_id": .string(strategy.id)]
        if let from = parsed.from { call["start_date"] = .string(from) }
        if let to = parsed.to { call["end_date"] = .string(to) }
        if let universe = parsed.universe { call["universe"] = .string(universe) }
        try await runTool(.backtestStrategy, call, context)
        return .keepGoing
    }

    static let signals = SlashCommand(
        name: "signals", usage: "/signals [ID] [on TICKERS]",
        summary: "Which tickers meet a strategy's entry on the data's last day.",
        completion: SlashCompletion(reference: .whole, tickersAfterOn: true)
    ) { arguments, context in
        let (reference, universe) = SlashArguments.scope(arguments)
        let strategy = try strategy(reference, context, usage: "/signals ID")
        var call: [String: AgentJSON] = ["strategy_id": .string(strategy.id)]
        if let universe { call["universe"] = .string(universe) }
        try await runTool(.getStrategySignals, call, context)
        return .keepGoing
    }

    static let compareTimeframes = ["7d", "30d", "90d", "1y", "all"]

    static let compare = SlashCommand(
        name: "compare", usage: "/compare [7d|30d|90d|1y|all]",
        summary: "Rank your strategies by their record and last backtest.",
        completion: SlashCompletion(words: compareTimeframes)
    ) { arguments, context in
        let timeframe = arguments.isEmpty ? "all" : arguments.lowercased()
        guard compareTimeframes.contains(timeframe) else {
            throw SlashError.usage("Unknown timeframe \"\(arguments)\": use one of \(compareTimeframes.joined(separator: ", ")).")
        }
        try await runTool(.compareStrategies, ["timeframe": .string(timeframe)], context)
        return .keepGoing
    }
}
