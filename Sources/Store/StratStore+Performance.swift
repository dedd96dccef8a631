import Foundation
import GRDB
import StrategyCore

/// The running score of each strategy's live signals, one row per strategy.
extension StratStore {
    /// The user's strategy's performance row, or nil before its first scan.
    /// Throws `notFound` when the strategy is not the user's.
    package func performance(strategyId: String, user: String) throws -> StrategyPerformance? {
        try read("reading performance") { db in
            guard try ownsStrategy(strategyId, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: strategyId)
            }
            return try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM strategy_performance WHERE strategy_id = ? AND user_id = ?"),
                arguments: [strategyId, user]
            ).map(Self.performance(from:))
        }
    }

    /// Every performance row of the user, for the leaderboard.
    package func performances(user: String) throws -> [StrategyPerformance] {
        try read("reading performance") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM strategy_performance WHERE user_id = ? ORDER BY strategy_id", arguments: [user]
            ).map(Self.performance(from:))
        }
    }

    /// Inserts or replaces the row of `performance.strategyId`, which must belong to `performance.userId`.
    package func savePerformance(_ performance: StrategyPerformance) throws {
        let p = performance
        try write("saving performance") { db in
            guard try ownsStrategy(p.strategyId, user: p.userId, db) else {
                throw StoreError.notFound(kind: "strategy", reference: p.strategyId)
            }
            try db.cachedStatement(
                sql: """
                    INSERT INTO strategy_performance (id, strategy_id, user_id, signals_generated, signals_acted_on,
                        actual_trades, actual_wins, actual_losses, actual_return_pct, hypothetical_trades,
                        hypothetical_wins, hypothetical_return_pct, last_signal_date, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(strategy_id) DO UPDATE SET
                        signals_generated = excluded.signals_generated, signals_acted_on = excluded.signals_acted_on,
                        actual_trades = excluded.actual_trades, actual_wins = excluded.actual_wins,
                        actual_losses = excluded.actual_losses, actual_return_pct = excluded.actual_return_pct,
                        hypothetical_trades = excluded.hypothetical_trades,
                        hypothetical_wins = excluded.hypothetical_wins,
                        hypothetical_return_pct = excluded.hypothetical_return_pct,
                        last_signal_date = excluded.last_signal_date, updated_at = excluded.updated_at
                    """
            ).execute(
                arguments: [makeId(), p.strategyId, p.userId, p.signalsGenerated, p.signalsActedOn, p.actualTrades,
                            p.actualWins, p.actualLosses, p.actualReturnPct, p.hypotheticalTrades, p.hypotheticalWins,
                            p.hypotheticalReturnPct, p.lastSignalDate, p.createdAt, p.updatedAt])
        }
    }

    static func performance(from row: Row) -> StrategyPerformance {
        StrategyPerformance(
            strategyId: row["strategy_id"], userId: row["user_id"], signalsGenerated: row["signals_generated"],
            signalsActedOn: row["signals_acted_on"], actualTrades: row["actual_trades"], actualWins: row["actual_wins"],
            actualLosses: row["actual_losses"], actualReturnPct: row["actual_return_pct"],
            hypotheticalTrades: row["hypothetical_trades"], hypotheticalWins: row["hypothetical_wins"],
            hypotheticalReturnPct: row["hypothetical_return_pct"], lastSignalDate: row["last_signal_date"],
            createdAt: row["created_at"], updatedAt: row["updated_at"])
    }
}
