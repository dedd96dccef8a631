import Tools
import Foundation
import StrategyCore

/// `/strategies`: the person's strategies from the store, as a table.
extension SlashCommand {
    static let strategies = SlashCommand(name: "strategies", summary: "List your strategies.") { _, context in
        let strategies = try context.store().listStrategies(user: context.user)
        guard !strategies.isEmpty else {
            context.console.line(emptyStrategiesMessage)
            return .keepGoing
        }
        context.console.write(context.render(strategyTable(strategies)))
        return .keepGoing
    }

    static let emptyStrategiesMessage = """
        No strategies yet — describe one, e.g. "buy when rsi_14 drops below 30 and sell when it rises above 70".
        """

    /// One row per strategy: id prefix, name, timeframe, version, active, created (UTC date).
    static func strategyTable(_ strategies: [StoredStrategy]) -> TextTable {
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = TimeZone(identifier: "UTC")
        day.dateFormat = "yyyy-MM-dd"
        let rows = strategies.map { strategy -> [String] in
            [
                String(strategy.id.prefix(8)),
                strategy.name,
                strategy.timeframe.rawValue,
                String(strategy.version),
                strategy.isActive ? "yes" : "paused",
                strategy.createdAt.map(day.string(from:)) ?? "",
            ]
        }
        return TextTable(columns: [.init("id", alignment: .left), .init("name"), .init("timeframe"),
                                   .init("version", alignment: .right), .init("active"), .init("created")],
                         rows: rows)
    }
}
