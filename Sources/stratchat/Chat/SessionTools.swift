import AgentLoop
import Foundation
import MarketData
import Store
import Tools

/// Builds the strategy tools a chat session hands the agent, the same way for the REPL, `ask` and
/// `replay`: the store, the person, the market data (the caller's choice: configured sources for a chat, the
/// embedded set for a replay, so a replay never fetches), the settings, and a
/// strategy parser that follows the session's model (see `SessionInterpreter`).
enum SessionTools {
    /// The tool settings a transcript header records, so a replay draws and computes the same way.
    static func recordedSettings(_ tools: ToolSettings, maxRounds: Int) -> [String: String] {
        [
            "capital": String(tools.initialCapital), "commission_pct": String(tools.commissionPct),
            "slippage_bps": String(tools.slippageBps), "universe": tools.universe,
            "display_width": String(tools.displayWidth), "ascii": String(tools.ascii), "color": String(tools.color),
            "max_rounds": String(maxRounds),
        ]
    }

    /// The tool settings from a transcript header; absent values keep their defaults.
    static func toolSettings(recorded: [String: String]) -> ToolSettings {
        var tools = ToolSettings()
        if let value = recorded["capital"].flatMap(Double.init) { tools.initialCapital = value }
        if let value = recorded["commission_pct"].flatMap(Double.init) { tools.commissionPct = value }
        if let value = recorded["slippage_bps"].flatMap(Double.init) { tools.slippageBps = value }
        if let value = recorded["universe"] { tools.universe = value }
        if let value = recorded["display_width"].flatMap(Int.init) { tools.displayWidth = value }
        if let value = recorded["ascii"].flatMap(Bool.init) { tools.ascii = value }
        if let value = recorded["color"].flatMap(Bool.init) { tools.color = value }
        return tools
    }

    static func toolSettings(_ settings: Settings, style: OutputStyle) -> ToolSettings {
        ToolSettings(initialCapital: settings.capital, commissionPct: settings.commissionPct,
                     slippageBps: settings.slippageBps, universe: settings.universe,
                     displayWidth: max(80, style.width ?? 100), ascii: style.ascii, color: style.color)
    }

    static func toolbox(store: StratStore, user: String, settings: ToolSettings, model: any ChatModel,
                        data: MarketData, clock: SessionClock, ids: SeededIds) throws -> StrategyToolbox {
        let interpreter = try SessionInterpreter(model: model)
        let context = ToolContext(store: store, userId: user, marketData: data, settings: settings,
                                  interpreter: interpreter, now: { clock.now() }, makeId: { ids.next() },
                                  progress: ProgressPrinter.standardError(ascii: settings.ascii))
        return StrategyToolbox(context: context)
    }

    /// "Mean reversion (3f2a9c1e)" for a reference the person's store resolves, else the reference itself.
    static func describer(store: StratStore, user: String) -> @Sendable (String) -> String {
        { reference in
            if case .found(let strategy)? = try? store.resolveStrategyReference(reference, user: user) {
                return "\"\(strategy.name)\" (\(String(strategy.id.prefix(8))))"
            }
            return "strategy \"\(reference)\""
        }
    }
}
