import Foundation
import GRDB
import StrategyCore

/// Reads of many signals at once, kept light for the views that need a person's whole record quickly.
extension StratStore {
    /// The user's entry signals that were acted on or closed, for the portfolio book; found through the
    /// `(user_id, action)` index rather than by reading every signal. The reasoning, data snapshot and
    /// outcome are left empty: the book needs the trade, and decoding them was most of the time it took.
    package func actedSignals(user: String) throws -> [SignalRecord] {
        try read("reading acted signals") { db in
            // Named, because without statistics SQLite prefers the (user_id, signal_date) index for its order
            // and then reads every signal of the user.
            try Row.fetchAll(db, sql: """
                SELECT signal_id, strategy_id, strategy_version, ticker, signal_type, signal_date, generated_at,
                       price_at_signal, confidence_score, '' AS reasoning, target_price, stop_price, '{}' AS data_snapshot,
                       user_acted, action, acted_price, acted_shares, acted_at, closed_price, closed_at, NULL AS outcome
                FROM strategy_signals INDEXED BY idx_signals_user_action
                WHERE user_id = ? AND action IN ('acted', 'closed') AND signal_type = 'entry'
                ORDER BY signal_date, ticker, signal_type, signal_id
                """, arguments: [user]).map(signalRecord(from:))
        }
    }

    /// Each of the user's strategies' signals and closed trades in `from...to` (from the start when `from` is
    /// nil), by strategy id, counted in one aggregate query over the `trade_` columns; strategies with no
    /// signal are left out.
    ///
    /// A hypothetical trade counts on its exit day; an actual one (an entry acted on and closed) on the day it
    /// was closed, but never after `to` nor before its signal. Returns are summed in the strategy's signal
    /// order (day, ticker, type), the order of `idx_signals_user_strategy_trades`, so each sum is the one adding
    /// the trades up one by one in that order gives. That index holds every column read here, so the query never
    /// reads a table row.
    package func signalCounts(user: String, from: Day?, to: Day) throws -> [String: LeaderboardCounts] {
        try read("counting signals") { db in
            let rows = try Row.fetchAll(db, sql: Self.signalCountsSQL, arguments: Self.signalCountsArguments(user, from, to))
            var counts: [String: LeaderboardCounts] = [:]
            for row in rows {
                counts[row["strategy_id"]] = LeaderboardCounts(
                    signals: row["signals"],
                    hypothetical: .init(count: row["hypothetical_trades"], wins: row["hypothetical_wins"],
                                        returnSum: row["hypothetical_sum"]),
                    actual: .init(count: row["actual_trades"], wins: row["actual_wins"], returnSum: row["actual_sum"]))
            }
            return counts
        }
    }

    /// The ids of the user's signals that start with `prefix`, in id order, at most `limit` of them; with `openOnly`,
    /// only those still open to an action (not closed, not skipped). Found through the id's own index, so Tab and a
    /// shortened id never read the person's whole record.
    package func signalIds(user: String, prefix: String, openOnly: Bool = false, limit: Int) throws -> [String] {
        try read("finding signal ids") { db in
            try String.fetchAll(db, sql: Self.signalIdsSQL(openOnly: openOnly), arguments: [Self.globLiteral(prefix) + "*", user, limit])
        }
    }

    /// `+user_id` keeps the planner off the user's indexes, which would read every signal of the user and sort
    /// them; the id's own index reads only the ids in the prefix's range.
    static func signalIdsSQL(openOnly: Bool) -> String {
        """
        SELECT signal_id FROM strategy_signals
        WHERE signal_id GLOB ? AND +user_id = ? \(openOnly ? "AND (action IS NULL OR action = 'acted')" : "")
        ORDER BY signal_id LIMIT ?
        """
    }

    /// `text` as a GLOB pattern that matches only itself: each wildcard character in brackets.
    static func globLiteral(_ text: String) -> String {
        text.map { "*?[]".contains($0) ? "[\($0)]" : String($0) }.joined()
    }

    /// The latest day any of the user's strategies gave a signal, or nil with none.
    package func latestSignalDay(user: String) throws -> Day? {
        try read("reading the latest signal day") { db in
            try String.fetchOne(db, sql: "SELECT MAX(signal_date) FROM strategy_signals WHERE user_id = ?", arguments: [user])
                .flatMap(Day.init(iso:))
        }
    }

    /// How SQLite runs `signalCounts` (`EXPLAIN QUERY PLAN`, one step a line), for the bench and its check.
    package func signalCountsPlan(user: String, from: Day?, to: Day) throws -> [String] {
        try read("explaining the signal counts") { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Self.signalCountsSQL,
                             arguments: Self.signalCountsArguments(user, from, to)).map { $0["detail"] as String }
        }
    }

    static let signalCountsSQL = """
            SELECT strategy_id, COUNT(*) FILTER (WHERE signal_date BETWEEN :from AND :to) AS signals,
                   COUNT(*) FILTER (WHERE hypothetical) AS hypothetical_trades,
                   COUNT(*) FILTER (WHERE hypothetical AND trade_return_pct > 0) AS hypothetical_wins,
                   SUM(trade_return_pct) FILTER (WHERE hypothetical) AS hypothetical_sum,
                   COUNT(*) FILTER (WHERE actual) AS actual_trades,
                   COUNT(*) FILTER (WHERE actual AND actual_return_pct > 0) AS actual_wins,
                   SUM(actual_return_pct) FILTER (WHERE actual) AS actual_sum
            FROM (
                SELECT strategy_id, signal_date, trade_return_pct,
                       signal_type = 'entry' AND trade_status = 'closed' AND trade_return_pct IS NOT NULL
                           AND trade_exit_date BETWEEN :from AND :to AS hypothetical,
                       (closed_price / acted_price - 1) * 100 AS actual_return_pct,
                       signal_type = 'entry' AND action = 'closed' AND acted_price > 0 AND closed_price IS NOT NULL
                           AND max(signal_date, min(coalesce(substr(closed_at, 1, 10), signal_date), :to))
                               BETWEEN :from AND :to AS actual
                FROM strategy_signals INDEXED BY idx_signals_user_strategy_trades
                WHERE user_id = :user
            )
            GROUP BY strategy_id
        """

    static func signalCountsArguments(_ user: String, _ from: Day?, _ to: Day) -> StatementArguments {
        ["user": user, "from": from?.iso ?? "", "to": to.iso]
    }
}
