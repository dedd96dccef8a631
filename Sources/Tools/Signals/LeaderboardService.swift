import Foundation
import Store
import StrategyCore

/// Assembles the strategy leaderboard (`compare_strategies`) from stored strategies, signals,
/// outcomes, paper trades and backtests.
package struct LeaderboardService: Sendable {
    package let store: StratStore

    package init(store: StratStore) {
        self.store = store
    }

    /// The user's boards for the given windows, each counted back from `lastDay` — the last day of
    /// the data — or, when nil, from the latest signal day any strategy has.
    ///
    /// An actual trade counts on the day it was closed, as recorded by the clock, but never after the data's
    /// last day: with a data set that ends in the past (the embedded 2009–2010 sample) a trade recorded today
    /// belongs to the data's last day, not to a future the boards cannot show.
    package func boards(user: String, windows: [LeaderboardWindow] = LeaderboardWindow.allCases, lastDay: Day? = nil) throws -> LeaderboardReport {
        let strategies = try store.strategyHeadings(user: user)
        let end = try lastDay ?? store.latestSignalDay(user: user) ?? Day(date: Date())
        let backtests = try store.latestBacktestFigures(user: user)
        let entries = strategies.map { s in
            let backtest = backtests[s.id]
            return LeaderboardEntry(
                strategyId: s.id, name: s.name, isActive: s.isActive, backtestReturnPct: backtest?.totalReturnPct,
                backtestSharpe: backtest?.sharpeRatio, backtestWinRatePct: backtest?.winRate,
                backtestTrades: backtest?.totalTrades ?? 0)
        }
        return LeaderboardReport(tables: try windows.map { window in
            var counts = try store.signalCounts(user: user, from: window.start(endingOn: end), to: end)
            for (id, paper) in try store.paperTradeCounts(user: user, from: window.start(endingOn: end), to: end) {
                counts[id, default: LeaderboardCounts()].paper = paper
            }
            return Leaderboard.table(counted: entries.map { ($0, counts[$0.strategyId] ?? LeaderboardCounts()) },
                                     window: window, lastDay: end)
        })
    }
}
