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
            try signalRecords(db.cachedStatement(sql: Self.actedSignalsSQL), arguments: [user])
        }
    }

    /// How SQLite runs `actedSignals`, for the bench.
    package func actedSignalsPlan(user: String) throws -> [String] {
        try read("explaining the acted signals") { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Self.actedSignalsSQL, arguments: [user]).map { $0["detail"] as String }
        }
    }

    /// Index named, because without statistics SQLite prefers the (user_id, signal_date) index for its order and
    /// then reads every signal of the user.
    static let actedSignalsSQL = """
        SELECT signal_id, strategy_id, strategy_version, ticker, signal_type, signal_date, generated_at,
               price_at_signal, confidence_score, '' AS reasoning, target_price, stop_price, '{}' AS data_snapshot,
               user_acted, action, acted_price, acted_shares, acted_at, closed_price, closed_at, NULL AS outcome
        FROM strategy_signals INDEXED BY idx_signals_user_action
        WHERE user_id = ? AND action IN ('acted', 'closed') AND signal_type = 'entry'
        ORDER BY signal_date, ticker, signal_type, signal_id
        """

    /// Each of the user's strategies' signals and closed trades in `from...to` (from the start when `from` is
    /// nil), by strategy id.
    ///
    /// A hypothetical trade counts on its exit day; an actual one (an entry acted on and closed) on the day it
    /// was closed, but never after `to` nor before its signal. Each figure is the difference of two running totals
    /// of `signal_count_totals` (the strategy's last row on or before `to`, and its last row before `from`), found
    /// through the primary key: two short searches per strategy, however many signals there are. Returns are
    /// summed in whole millionths of a point, so the differences are exact.
    package func signalCounts(user: String, from: Day?, to: Day) throws -> [String: LeaderboardCounts] {
        try read("counting signals") { db in
            let rows = try Row.fetchAll(db, sql: Self.signalCountsSQL, arguments: Self.signalCountsArguments(user, from, to))
            var counts: [String: LeaderboardCounts] = [:]
            for row in rows {
                counts[row["strategy_id"]] = LeaderboardCounts(
                    signals: row["signals"],
                    hypothetical: .init(count: row["hypothetical_trades"], wins: row["hypothetical_wins"],
                                        microSum: row["hypothetical_micro"]),
                    actual: .init(count: row["actual_trades"], wins: row["actual_wins"], microSum: row["actual_micro"]))
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

    /// `upTo` is the totals on `to`, `before` those before `from`; an actual trade is one signalled by `to` that
    /// had not closed before `from` (see `StoreMigrations.v12SignalCountTotals`).
    static let signalCountsSQL = """
            SELECT strategy.id AS strategy_id,
                   coalesce(upTo.signals, 0) - coalesce(before.signals, 0) AS signals,
                   coalesce(upTo.hypothetical_trades, 0) - coalesce(before.hypothetical_trades, 0) AS hypothetical_trades,
                   coalesce(upTo.hypothetical_wins, 0) - coalesce(before.hypothetical_wins, 0) AS hypothetical_wins,
                   coalesce(upTo.hypothetical_micro, 0) - coalesce(before.hypothetical_micro, 0) AS hypothetical_micro,
                   coalesce(upTo.actual_opened_trades, 0) - coalesce(before.actual_closed_trades, 0) AS actual_trades,
                   coalesce(upTo.actual_opened_wins, 0) - coalesce(before.actual_closed_wins, 0) AS actual_wins,
                   coalesce(upTo.actual_opened_micro, 0) - coalesce(before.actual_closed_micro, 0) AS actual_micro
            FROM trading_strategies AS strategy
            LEFT JOIN signal_count_totals AS upTo
                ON upTo.user_id = strategy.user_id AND upTo.strategy_id = strategy.id AND upTo.day = (
                    SELECT day FROM signal_count_totals
                    WHERE user_id = strategy.user_id AND strategy_id = strategy.id AND day <= :to ORDER BY day DESC LIMIT 1)
            LEFT JOIN signal_count_totals AS before
                ON before.user_id = strategy.user_id AND before.strategy_id = strategy.id AND before.day = (
                    SELECT day FROM signal_count_totals
                    WHERE user_id = strategy.user_id AND strategy_id = strategy.id AND day < :from ORDER BY day DESC LIMIT 1)
            WHERE strategy.user_id = :user
        """

    static func signalCountsArguments(_ user: String, _ from: Day?, _ to: Day) -> StatementArguments {
        ["user": user, "from": from?.iso ?? "", "to": to.iso]
    }
}
