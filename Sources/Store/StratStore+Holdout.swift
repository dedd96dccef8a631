import Foundation
import GRDB
import StrategyCore

/// A strategy's hold-out: the last part of its data, reserved from `start` on, which backtests and sweeps leave
/// alone until it is opened on request. Every opening is kept, since each look spends some of it.
package struct StrategyHoldout: Hashable, Sendable {
    /// The first reserved day.
    package var start: Day
    /// What the person asked for: "30%" or a date.
    package var spec: String
    package var openings: [HoldoutOpening]

    package init(start: Day, spec: String, openings: [HoldoutOpening] = []) {
        self.start = start
        self.spec = spec
        self.openings = openings
    }
}

/// One look at a hold-out: the version tested, the days, and what it showed.
package struct HoldoutOpening: Hashable, Sendable {
    package var version: Int
    package var start: Day
    package var end: Day
    package var sharpeRatio: Double?
    package var totalReturnPct: Double?
    package var openedAt: Date

    package init(version: Int, start: Day, end: Day, sharpeRatio: Double?, totalReturnPct: Double?, openedAt: Date) {
        self.version = version
        self.start = start
        self.end = end
        self.sharpeRatio = sharpeRatio
        self.totalReturnPct = totalReturnPct
        self.openedAt = openedAt
    }
}

extension StratStore {
    /// The user's hold-out of the strategy with its openings, oldest first; nil when none is reserved.
    /// Openings made under an earlier hold-out of the same strategy are kept and still listed.
    package func holdout(strategyId: String, user: String) throws -> StrategyHoldout? {
        try read("reading the hold-out") { db in
            guard try ownsStrategy(strategyId, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: strategyId)
            }
            guard let row = try Row.fetchOne(db, sql: "SELECT start_date, spec FROM strategy_holdouts WHERE strategy_id = ? AND user_id = ?",
                                             arguments: [strategyId, user]),
                  let start = Day(iso: row["start_date"] as String) else { return nil }
            return StrategyHoldout(start: start, spec: row["spec"], openings: try openings(strategyId: strategyId, user: user, db))
        }
    }

    /// Reserves the strategy's days from `start` on, replacing an earlier hold-out (its openings stay counted).
    package func setHoldout(strategyId: String, user: String, start: Day, spec: String) throws {
        try write("reserving the hold-out") { db in
            guard try ownsStrategy(strategyId, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: strategyId)
            }
            try db.execute(
                sql: """
                    INSERT INTO strategy_holdouts (strategy_id, user_id, start_date, spec, created_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (strategy_id, user_id) DO UPDATE SET start_date = excluded.start_date, spec = excluded.spec,
                        created_at = excluded.created_at
                    """,
                arguments: [strategyId, user, start.iso, spec, now()])
        }
    }

    /// Gives the reserved days back to backtests; the record of openings stays.
    package func removeHoldout(strategyId: String, user: String) throws {
        try write("removing the hold-out") { db in
            guard try ownsStrategy(strategyId, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: strategyId)
            }
            try db.execute(sql: "DELETE FROM strategy_holdouts WHERE strategy_id = ? AND user_id = ?", arguments: [strategyId, user])
        }
    }

    /// Records one look at the hold-out and returns how many there have been, this one included.
    @discardableResult
    package func recordHoldoutOpening(_ opening: HoldoutOpening, strategyId: String, user: String) throws -> Int {
        try write("recording a hold-out opening") { db in
            guard try ownsStrategy(strategyId, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: strategyId)
            }
            try db.execute(
                sql: """
                    INSERT INTO holdout_openings (strategy_id, user_id, strategy_version, start_date, end_date, sharpe_ratio,
                        total_return_pct, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [strategyId, user, opening.version, opening.start.iso, opening.end.iso,
                            opening.sharpeRatio.flatMap { $0.isFinite ? $0 : nil },
                            opening.totalReturnPct.flatMap { $0.isFinite ? $0 : nil }, opening.openedAt])
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM holdout_openings WHERE strategy_id = ? AND user_id = ?",
                                    arguments: [strategyId, user]) ?? 0
        }
    }

    private func openings(strategyId: String, user: String, _ db: Database) throws -> [HoldoutOpening] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT strategy_version, start_date, end_date, sharpe_ratio, total_return_pct, opened_at FROM holdout_openings
                WHERE strategy_id = ? AND user_id = ? ORDER BY opened_at, rowid
                """,
            arguments: [strategyId, user]
        ).compactMap { row in
            guard let start = Day(iso: row["start_date"] as String), let end = Day(iso: row["end_date"] as String) else { return nil }
            return HoldoutOpening(version: row["strategy_version"], start: start, end: end, sharpeRatio: row["sharpe_ratio"],
                                  totalReturnPct: row["total_return_pct"], openedAt: row["opened_at"])
        }
    }
}
