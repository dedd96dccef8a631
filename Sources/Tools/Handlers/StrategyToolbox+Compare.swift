import AgentLoop
import Foundation
import MarketData
import Store
import StrategyCore

/// `compare_strategies`: a leaderboard of the user's strategies from their live record and last backtest.
///
/// The board is `LeaderboardService`'s: returns and win rates of the trades closed in the window (actual ones
/// the person recorded, hypothetical ones for every entry signal), ranked as `Leaderboard.sortRule` states,
/// with the decay check. The window counts back from the last day of the data, not from the clock.
extension StrategyToolbox {
    func compare(_ input: CompareStrategiesInput) async throws -> ToolOutput {
        let timeframe = input.timeframe ?? "all"
        guard let window = LeaderboardWindow(rawValue: timeframe) else {
            throw ToolsError.invalidArgument(
                tool: CompareStrategiesInput.tool.rawValue, name: CompareStrategiesInput.CodingKeys.timeframe.stringValue, reason: "is \"\(timeframe)\", which is not a timeframe",
                fix: "Use one of 7d, 30d, 90d, 1y or all.")
        }
        let universe = try context.marketData.resolve(universe: context.settings.universe)
        let lastDay = DataSpan(try await context.marketData.bars(for: universe))?.typicalLast
        let report = try LeaderboardService(store: context.store).boards(user: context.userId, windows: [window], lastDay: lastDay)
        let presenter = LeaderboardPresenter(borders: context.settings.borders, width: context.settings.displayWidth, color: context.settings.color)
        let table = report.tables[0]
        return ToolOutput(result: LeaderboardResult(table), display: presenter.render(table))
    }
}
