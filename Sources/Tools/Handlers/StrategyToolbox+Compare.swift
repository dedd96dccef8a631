import AgentLoop
import Foundation
import MarketData
import Store
import StrategyCore

/// `compare_strategies`: a leaderboard of the user's strategies from their live record and last backtest.
///
/// Ranking, as the original design sorts: by actual return when the strategy has actual trades, otherwise by
/// hypothetical return; strategies with neither come last. Ties go to the higher last-backtest return, then
/// the name (A to Z). The window counts back from the last day of the data, not from the clock.
extension StrategyToolbox {
    static let timeframes = ["7d": 7, "30d": 30, "90d": 90, "1y": 365, "all": 0]

    struct LeaderboardRow {
        var strategy: TradingStrategy
        var signals: Int
        var performance: StrategyPerformance?
        var backtest: StrategyBacktest?

        var hasActual: Bool { (performance?.actualTrades ?? 0) > 0 }
        var hasHypothetical: Bool { (performance?.hypotheticalTrades ?? 0) > 0 }

        /// The return the ranking uses: actual when there are actual trades, else hypothetical, else none.
        var rankingReturn: Double? {
            guard let p = performance else { return nil }
            if hasActual { return p.actualReturnPct }
            return hasHypothetical ? p.hypotheticalReturnPct : nil
        }

        var winRate: Double? {
            guard let p = performance else { return nil }
            if p.actualTrades > 0 { return Double(p.actualWins) / Double(p.actualTrades) * 100 }
            if p.hypotheticalTrades > 0 { return Double(p.hypotheticalWins) / Double(p.hypotheticalTrades) * 100 }
            return nil
        }
    }

    func compare(_ arguments: ToolArguments) async throws -> ToolOutput {
        let timeframe = try arguments.string("timeframe") ?? "all"
        guard let days = Self.timeframes[timeframe] else {
            throw ToolsError.invalidArgument(
                tool: arguments.tool, name: "timeframe", reason: "is \"\(timeframe)\", which is not a timeframe",
                fix: "Use one of 7d, 30d, 90d, 1y or all.")
        }
        let universe = try context.marketData.resolve(universe: context.settings.universe)
        let lastDay = DataSpan(try await context.marketData.bars(for: universe))?.typicalLast
        let from = days > 0 ? lastDay.map { $0.adding(days: -(days - 1)) } : nil
        let user = context.userId
        var rows: [LeaderboardRow] = []
        for strategy in try context.store.listStrategies(user: user) {
            let id = strategy.id ?? ""
            rows.append(LeaderboardRow(
                strategy: strategy,
                signals: try context.store.signals(strategyId: id, user: user, from: from, to: days > 0 ? lastDay : nil).count,
                performance: try context.store.performance(strategyId: id, user: user),
                backtest: try context.store.latestBacktest(strategyId: id, user: user)))
        }
        rows.sort(by: Self.ranksBefore)
        let window = from.map { "the last \(timeframe) of the data (\($0) to \(lastDay.map(\.iso) ?? "?"))" } ?? "all signals"
        let presenter = LeaderboardPresenter(borders: context.settings.borders, width: context.settings.displayWidth, color: context.settings.color)
        return ToolOutput(
            modelContent: presenter.modelJSON(rows, timeframe: timeframe, window: window).compactText,
            display: presenter.render(rows, timeframe: timeframe, window: window))
    }

    /// The stated order: ranking return (higher first, none last), then last backtest return, then name.
    static func ranksBefore(_ a: LeaderboardRow, _ b: LeaderboardRow) -> Bool {
        func descending(_ x: Double?, _ y: Double?) -> Bool? {
            switch (x, y) {
            case (let x?, let y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return nil
            }
        }
        if let order = descending(a.rankingReturn, b.rankingReturn) { return order }
        if let order = descending(a.backtest?.totalReturnPct, b.backtest?.totalReturnPct) { return order }
        let (x, y) = (a.strategy.name.lowercased(), b.strategy.name.lowercased())
        return x != y ? x < y : (a.strategy.id ?? "") < (b.strategy.id ?? "")
    }
}
