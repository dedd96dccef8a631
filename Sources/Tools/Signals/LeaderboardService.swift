import Foundation
import Store
import StrategyCore

/// Assembles the strategy leaderboard (`compare_strategies`) from stored strategies, signals,
/// outcomes and backtests.
public struct LeaderboardService: Sendable {
    public let store: StratStore

    public init(store: StratStore) {
        self.store = store
    }

    /// The user's boards for the given windows, each counted back from `lastDay` — the last day of
    /// the data — or, when nil, from the latest signal day any strategy has.
    public func boards(user: String, windows: [LeaderboardWindow] = LeaderboardWindow.allCases, lastDay: Day? = nil) throws -> LeaderboardReport {
        let strategies = try store.listStrategies(user: user)
        var entries: [LeaderboardEntry] = []
        var latest: Day?
        for s in strategies {
            guard let id = s.id else { continue }
            let records = try store.signals(strategyId: id, user: user)
            let entriesOnly = records.filter { $0.signal.signalType == .entry }
            let hypothetical = entriesOnly.compactMap { r -> ClosedTrade? in
                guard let h = PerformanceTracker.hypothetical(of: r), h.status == .closed, let d = h.exitDate, let x = h.returnPct else { return nil }
                return ClosedTrade(exitDay: d, returnPct: x)
            }
            let actual = entriesOnly.compactMap { r -> ClosedTrade? in
                guard let x = PerformanceTracker.actualReturn(of: r) else { return nil }
                let day = r.closedAt.map(Day.init(date:)).map { max($0, r.signal.signalDate) } ?? r.signal.signalDate
                return ClosedTrade(exitDay: day, returnPct: x)
            }
            if let d = records.map(\.signal.signalDate).max() { latest = max(latest ?? d, d) }
            let backtest = try store.latestBacktest(strategyId: id, user: user)
            entries.append(LeaderboardEntry(
                strategyId: id, name: s.name, isActive: s.isActive, signalDays: records.map(\.signal.signalDate),
                hypothetical: hypothetical, actual: actual, backtestReturnPct: backtest?.totalReturnPct,
                backtestSharpe: backtest?.sharpeRatio, backtestWinRatePct: backtest?.winRate,
                backtestTrades: backtest?.totalTrades ?? 0))
        }
        let end = lastDay ?? latest ?? Day(date: Date())
        return LeaderboardReport(tables: windows.map { Leaderboard.table(entries, window: $0, lastDay: end) })
    }
}

/// Leaderboards for one or more windows, with the rules they follow.
public struct LeaderboardReport: Codable, Hashable, Sendable {
    public var tables: [LeaderboardTable]
    public var notes: [String] = [Leaderboard.sortRule, Leaderboard.returnRule, Leaderboard.decayRule]

    public init(tables: [LeaderboardTable]) {
        self.tables = tables
    }

    /// Every board as tables, each with its window, insight and the rules (`/compare`, `stratchat` output).
    public func render(borders: TableBorders = .unicode, width: Int = 100) -> String {
        let presenter = LeaderboardPresenter(borders: borders, width: width)
        return tables.map(presenter.render).joined(separator: "\n")
    }
}
