import Foundation
import Store
import StrategyCore

/// Assembles the strategy leaderboard (`compare_strategies`) from stored strategies, signals,
/// outcomes and backtests.
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
        let strategies = try store.listStrategies(user: user).filter { $0.id != nil }
        let recordsById = try Dictionary(uniqueKeysWithValues: strategies.map { ($0.id!, try store.signals(strategyId: $0.id!, user: user)) })
        let latest = recordsById.values.flatMap { $0.map(\.signal.signalDate) }.max()
        let end = lastDay ?? latest ?? Day(date: Date())
        var entries: [LeaderboardEntry] = []
        for s in strategies {
            let id = s.id!
            let records = recordsById[id] ?? []
            let entriesOnly = records.filter { $0.signal.signalType == .entry }
            let hypothetical = entriesOnly.compactMap { r -> ClosedTrade? in
                guard let h = PerformanceTracker.hypothetical(of: r), h.status == .closed, let d = h.exitDate, let x = h.returnPct else { return nil }
                return ClosedTrade(exitDay: d, returnPct: x)
            }
            let actual = entriesOnly.compactMap { r -> ClosedTrade? in
                guard let x = PerformanceTracker.actualReturn(of: r) else { return nil }
                let closed = r.closedAt.map(Day.init(date:)) ?? r.signal.signalDate
                return ClosedTrade(exitDay: max(r.signal.signalDate, min(closed, end)), returnPct: x)
            }
            let backtest = try store.latestBacktest(strategyId: id, user: user)
            entries.append(LeaderboardEntry(
                strategyId: id, name: s.name, isActive: s.isActive, signalDays: records.map(\.signal.signalDate),
                hypothetical: hypothetical, actual: actual, backtestReturnPct: backtest?.totalReturnPct,
                backtestSharpe: backtest?.sharpeRatio, backtestWinRatePct: backtest?.winRate,
                backtestTrades: backtest?.totalTrades ?? 0))
        }
        return LeaderboardReport(tables: windows.map { Leaderboard.table(entries, window: $0, lastDay: end) })
    }
}

