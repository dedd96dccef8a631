import Foundation
import GRDB
import StrategyCore

/// Reads of many signals at once, kept light for the views that need a person's whole record quickly.
extension StratStore {
    /// The user's entry signals that were acted on or closed, for the portfolio book; found through the
    /// `(user_id, action)` index rather than by reading every signal.
    package func actedSignals(user: String) throws -> [SignalRecord] {
        try read("reading acted signals") { db in
            // Named, because without statistics SQLite prefers the (user_id, signal_date) index for its order
            // and then reads every signal of the user.
            try Row.fetchAll(db, sql: """
                SELECT * FROM strategy_signals INDEXED BY idx_signals_user_action
                WHERE user_id = ? AND action IN ('acted', 'closed') AND signal_type = 'entry'
                ORDER BY signal_date, ticker, signal_type, signal_id
                """, arguments: [user]).map(signalRecord(from:))
        }
    }

    /// Every signal of the user, grouped by strategy id, without the reasoning text and data snapshot (left
    /// empty): what a ranking needs (dates, kinds, outcomes, actions) in one query instead of one per strategy.
    package func signalOutcomesByStrategy(user: String) throws -> [String: [SignalRecord]] {
        try read("reading signal outcomes") { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT signal_id, strategy_id, strategy_version, ticker, signal_type, signal_date, generated_at,
                       price_at_signal, confidence_score, '' AS reasoning, target_price, stop_price, '{}' AS data_snapshot,
                       user_acted, action, acted_price, acted_shares, acted_at, closed_price, closed_at, outcome
                FROM strategy_signals WHERE user_id = ?
                ORDER BY strategy_id, signal_date, ticker, signal_type, signal_id
                """, arguments: [user])
            var grouped: [String: [SignalRecord]] = [:]
            for row in rows {
                let record = try signalRecord(from: row)
                grouped[record.signal.strategyId, default: []].append(record)
            }
            return grouped
        }
    }
}
