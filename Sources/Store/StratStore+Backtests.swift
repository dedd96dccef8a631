import Foundation
import GRDB
import StrategyCore

/// Backtest results, stored whole as JSON next to the strategy version they ran.
extension StratStore {
    /// Stores a backtest of one of the user's strategies and returns its id.
    ///
    /// A missing `backtestId` is assigned; a missing `strategyVersion` is taken as the strategy's
    /// current version, which is what a backtest run just now used.
    package func saveBacktest(_ backtest: StrategyBacktest, user: String) throws -> String {
        guard let strategyId = backtest.strategyId else {
            throw StoreError.invalidInput(what: "the backtest", reason: "it names no strategy")
        }
        return try write("saving a backtest") { db in
            guard let strategy = try fetchStrategy(id: strategyId, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: strategyId)
            }
            var stored = backtest
            stored.backtestId = backtest.backtestId ?? makeId()
            stored.strategyVersion = backtest.strategyVersion ?? strategy.version
            try db.execute(
                sql: """
                    INSERT INTO strategy_backtests (backtest_id, strategy_id, strategy_version, user_id,
                        start_date, end_date, backtest_results, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [stored.backtestId, strategyId, stored.strategyVersion, user, stored.startDate.iso,
                            stored.endDate.iso, try Self.encodeJSON(stored), now()])
            return stored.backtestId ?? ""
        }
    }

    /// The most recently saved backtest of the user's strategy, or nil when it has none.
    package func latestBacktest(strategyId: String, user: String) throws -> StrategyBacktest? {
        try backtestRows(strategyId: strategyId, user: user, newestFirst: true, limit: 1).first
    }

    /// The headline figures of each of the user's strategies' latest backtest, by strategy id, in one query;
    /// strategies never backtested are left out. The figures come from `backtest_figures`, written with each
    /// backtest, so a ranking of many strategies never reads their trades and equity curves.
    package func latestBacktestFigures(user: String) throws -> [String: BacktestFigures] {
        try read("reading the latest backtests") { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: Self.latestBacktestFiguresSQL), arguments: [user])
            var figures: [String: BacktestFigures] = [:]
            for row in rows {
                figures[row["strategy_id"]] = BacktestFigures(
                    totalReturnPct: row["total_return_pct"], sharpeRatio: row["sharpe_ratio"], winRate: row["win_rate"],
                    totalTrades: row["total_trades"] ?? 0)
            }
            return figures
        }
    }

    static let latestBacktestFiguresSQL = """
        SELECT s.id AS strategy_id, f.total_return_pct, f.sharpe_ratio, f.win_rate, f.total_trades
        FROM trading_strategies AS s
        JOIN backtest_figures AS f ON f.rowid = (
            SELECT rowid FROM backtest_figures
            WHERE user_id = s.user_id AND strategy_id = s.id ORDER BY created_at DESC, backtest_order DESC LIMIT 1)
        WHERE s.user_id = ?
        """

    /// Every backtest of the user's strategy, oldest first.
    package func backtests(strategyId: String, user: String) throws -> [StrategyBacktest] {
        try backtestRows(strategyId: strategyId, user: user, newestFirst: false, limit: nil)
    }

    /// One backtest of the user's by id, or nil.
    package func backtest(id: String, user: String) throws -> StrategyBacktest? {
        try read("reading a backtest") { db in
            try Row.fetchOne(
                db, sql: "SELECT backtest_id, backtest_results FROM strategy_backtests WHERE backtest_id = ? AND user_id = ?",
                arguments: [id, user]
            ).map(backtest(from:))
        }
    }

    func backtestRows(strategyId: String, user: String, newestFirst: Bool, limit: Int?) throws -> [StrategyBacktest] {
        try read("reading backtests") { db in
            guard try ownsStrategy(strategyId, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: strategyId)
            }
            // rowid breaks ties between backtests saved within the same clock tick.
            let order = newestFirst ? "created_at DESC, rowid DESC" : "created_at, rowid"
            let rows = try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT backtest_id, backtest_results FROM strategy_backtests
                    WHERE strategy_id = ? AND user_id = ? ORDER BY \(order) \(limit.map { "LIMIT \($0)" } ?? "")
                    """),
                arguments: [strategyId, user])
            return try rows.map(backtest(from:))
        }
    }

    func backtest(from row: Row) throws -> StrategyBacktest {
        try decodeJSON(StrategyBacktest.self, row["backtest_results"], table: "strategy_backtests", id: row["backtest_id"])
    }
}

/// The figures a ranking shows of a backtest (`StrategyBacktest`'s metrics of the same names).
package struct BacktestFigures: Hashable, Sendable {
    package var totalReturnPct: Double?
    package var sharpeRatio: Double?
    package var winRate: Double?
    package var totalTrades: Int

    package init(totalReturnPct: Double?, sharpeRatio: Double?, winRate: Double?, totalTrades: Int) {
        self.totalReturnPct = totalReturnPct
        self.sharpeRatio = sharpeRatio
        self.winRate = winRate
        self.totalTrades = totalTrades
    }
}
