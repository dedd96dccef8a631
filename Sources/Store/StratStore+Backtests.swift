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
                db,
                sql: """
                    SELECT backtest_id, backtest_results FROM strategy_backtests
                    WHERE strategy_id = ? AND user_id = ? ORDER BY \(order) \(limit.map { "LIMIT \($0)" } ?? "")
                    """,
                arguments: [strategyId, user])
            return try rows.map(backtest(from:))
        }
    }

    func backtest(from row: Row) throws -> StrategyBacktest {
        try decodeJSON(StrategyBacktest.self, row["backtest_results"], table: "strategy_backtests", id: row["backtest_id"])
    }
}
