import Foundation
import GRDB
import StrategyCore

/// The trials of a strategy's family, for the Deflated Sharpe Ratio: every stored backtest (its definition
/// is the version it ran) and every recorded variant of a sweep.
extension StratStore {
    /// Every trial of the user's strategy, oldest first: its backtests, then interleaved by time the
    /// variants `recordTrials` stored. Definitions are `TradingStrategy.definitionKey`, so two versions with
    /// the same rules (a revert) are one definition.
    package func trials(strategyId: String, user: String) throws -> [TrialCount.Backtest] {
        try read("reading trials") { db in
            guard try ownsStrategy(strategyId, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: strategyId)
            }
            var keys: [Int: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM strategy_versions WHERE strategy_id = ?", arguments: [strategyId]) {
                let version = try version(from: row)
                keys[version.version] = version.strategy.definitionKey
            }
            var dated: [(at: Date, trial: TrialCount.Backtest)] = []
            let backtests = try Row.fetchAll(
                db,
                sql: """
                    SELECT strategy_version, start_date, end_date, json_extract(backtest_results, '$.sharpe_ratio') AS sharpe,
                        created_at FROM strategy_backtests
                    WHERE strategy_id = ? AND user_id = ? ORDER BY created_at, rowid
                    """,
                arguments: [strategyId, user])
            for row in backtests {
                let version: Int? = row["strategy_version"]
                guard let start = Day(iso: row["start_date"] as String), let end = Day(iso: row["end_date"] as String) else { continue }
                let definition = version.flatMap { keys[$0] } ?? "version \(version.map(String.init) ?? "unknown")"
                dated.append((row["created_at"], TrialCount.Backtest(definition: definition, start: start, end: end, sharpeRatio: row["sharpe"])))
            }
            let recorded = try Row.fetchAll(
                db,
                sql: """
                    SELECT definition, start_date, end_date, sharpe_ratio, created_at FROM strategy_trials
                    WHERE strategy_id = ? AND user_id = ? ORDER BY created_at, rowid
                    """,
                arguments: [strategyId, user])
            for row in recorded {
                guard let start = Day(iso: row["start_date"] as String), let end = Day(iso: row["end_date"] as String) else { continue }
                dated.append((row["created_at"], TrialCount.Backtest(definition: row["definition"], start: start, end: end,
                                                                    sharpeRatio: row["sharpe_ratio"])))
            }
            // A stable sort keeps each table's own order within one clock tick.
            return dated.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element.trial)
        }
    }

    /// Stores trials that are not backtests (the variants of a sweep, `source` "sweep"), all or nothing.
    package func recordTrials(_ trials: [TrialCount.Backtest], strategyId: String, user: String, source: String) throws {
        try write("recording trials") { db in
            guard try ownsStrategy(strategyId, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: strategyId)
            }
            let at = now()
            for trial in trials {
                try db.execute(
                    sql: """
                        INSERT INTO strategy_trials (strategy_id, user_id, definition, start_date, end_date, sharpe_ratio, source, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [strategyId, user, trial.definition, trial.start.iso, trial.end.iso,
                                trial.sharpeRatio.flatMap { $0.isFinite ? $0 : nil }, source, at])
            }
        }
    }
}
