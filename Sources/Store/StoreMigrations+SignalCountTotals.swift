/// The rankings' running totals (`v12-signal-count-totals`): for each strategy and each day something counts on,
/// what the strategy had gathered by the end of that day. A window's figures are then the difference of two rows
/// per strategy, read through the primary key, instead of an aggregate over every signal.
///
/// Triggers keep the totals in step with `strategy_signals` inside the writing transaction: an insert adds the
/// row's contributions, a delete takes them away, and an update of a column they read takes the old away and adds
/// the new. A change lands on one day's row (created from the row before it when missing) and on every later row
/// of the strategy. Returns are summed in millionths of a percent point as integers
/// (`LeaderboardCounts.microPoints`), so a difference of two totals is exact and no order of addition can change
/// a figure.
///
/// The statements are written out once here and frozen with the migration; a later change is a new migration.
extension StoreMigrations {
    /// A row `r` counts three ways, one contribution each, on the day it counts on:
    /// - every signal on its signal day (`signals`), and an actual trade (an entry acted on and closed) also as
    ///   `actual_opened_*` there;
    /// - a closed hypothetical trade of an entry on its exit day (`hypothetical_*`);
    /// - an actual trade on the later of its signal day and the day it was closed (`actual_closed_*`).
    ///
    /// A window `from...to` then counts `signals` and `hypothetical_*` as total(to) − total(before from), and actual
    /// trades as `actual_opened_*`(to) − `actual_closed_*`(before from): the trades signalled by `to` that were not
    /// already closed before `from` — a trade closed after `to` counts on `to`, as the board has always counted it.
    private static func contributions(of r: String, sign: Int, readingTable: Bool = false) -> String {
        let hypothetical = "\(r).signal_type = 'entry' AND \(r).trade_status = 'closed' AND \(r).trade_return_pct IS NOT NULL"
            + " AND \(r).trade_exit_date IS NOT NULL"
        let actual = "(\(r).signal_type = 'entry' AND \(r).action = 'closed' AND \(r).acted_price > 0 AND \(r).closed_price IS NOT NULL)"
        let actualReturn = "((\(r).closed_price / \(r).acted_price - 1) * 100)"
        let closedDay = "max(\(r).signal_date, coalesce(substr(\(r).closed_at, 1, 10), \(r).signal_date))"
        func row(day: String, signals: String, hypothetical: (String, String, String), opened: (String, String, String),
                 closed: (String, String, String)) -> String {
            let figures = [signals, hypothetical.0, hypothetical.1, hypothetical.2, opened.0, opened.1, opened.2,
                           closed.0, closed.1, closed.2]
            return "SELECT \(r).user_id AS user_id, \(r).strategy_id AS strategy_id, \(day) AS day, "
                + zip(figures, figureColumns).map { "\(sign) * (\($0)) AS \($1)" }.joined(separator: ", ")
                + (readingTable ? " FROM strategy_signals AS \(r)" : "")
        }
        let none = ("0", "0", "0")
        let actualFigures = (flag(actual), flag("\(actual) AND \(actualReturn) > 0"), "CASE WHEN \(actual) THEN \(micro(actualReturn)) ELSE 0 END")
        return [
            row(day: "\(r).signal_date", signals: "1", hypothetical: none, opened: actualFigures, closed: none),
            row(day: "\(r).trade_exit_date", signals: "0",
                hypothetical: ("1", flag("\(r).trade_return_pct > 0"), micro("\(r).trade_return_pct")), opened: none, closed: none)
                + " WHERE \(hypothetical)",
            row(day: closedDay, signals: "0", hypothetical: none, opened: none,
                closed: ("1", flag("\(actualReturn) > 0"), micro(actualReturn))) + " WHERE \(actual)",
        ].joined(separator: "\nUNION ALL ")
    }

    /// 1 when `condition` holds, else 0 (also when it is NULL, so no sum ever turns NULL).
    private static func flag(_ condition: String) -> String {
        "CASE WHEN \(condition) THEN 1 ELSE 0 END"
    }

    /// `LeaderboardCounts.microPoints` in SQL, operation for operation: scale, clamp, round half away from zero.
    private static func micro(_ percent: String) -> String {
        "CAST(min(max(\(percent) * 1000000.0, -1e15), 1e15) + CASE WHEN \(percent) < 0 THEN -0.5 ELSE 0.5 END AS INTEGER)"
    }

    private static let figureColumns = [
        "signals", "hypothetical_trades", "hypothetical_wins", "hypothetical_micro", "actual_opened_trades",
        "actual_opened_wins", "actual_opened_micro", "actual_closed_trades", "actual_closed_wins", "actual_closed_micro",
    ]

    /// The contributions of `r` (+1) and `old` (−1) summed by day, leaving out days where nothing changed.
    private static func changes(new: String?, old: String?) -> String {
        let arms = [new.map { contributions(of: $0, sign: 1) }, old.map { contributions(of: $0, sign: -1) }].compactMap { $0 }
        return """
            INSERT INTO signal_count_changes (user_id, strategy_id, day, \(figureColumns.joined(separator: ", ")))
            SELECT user_id, strategy_id, day, \(figureColumns.map { "sum(\($0))" }.joined(separator: ", "))
            FROM (\(arms.joined(separator: "\nUNION ALL ")))
            GROUP BY user_id, strategy_id, day
            HAVING \(figureColumns.map { "sum(\($0)) != 0" }.joined(separator: " OR "));
            """
    }

    /// Columns whose change can move a contribution.
    private static let countedColumns = "user_id, strategy_id, signal_type, signal_date, trade_status, trade_exit_date, "
        + "trade_return_pct, action, acted_price, closed_price, closed_at"

    static let v12SignalCountTotals: String = {
        let figures = figureColumns.map { "\($0) INTEGER NOT NULL" }.joined(separator: ",\n    ")
        let columns = figureColumns.joined(separator: ", ")
        return """
            CREATE TABLE signal_count_totals (
                user_id TEXT NOT NULL,
                strategy_id TEXT NOT NULL REFERENCES trading_strategies(id) ON DELETE CASCADE,
                day TEXT NOT NULL,
                \(figures),
                PRIMARY KEY (user_id, strategy_id, day)
            ) WITHOUT ROWID;

            -- Where a change is written: inserting a day's change into this view applies it to the totals.
            CREATE VIEW signal_count_changes AS
                SELECT user_id, strategy_id, day, \(columns) FROM signal_count_totals WHERE 0;

            -- A missing day's row starts from the strategy's row before it. It is made only for a change that adds
            -- a contribution, which always counts one signal or trade there: a day whose row is missing had none to
            -- take away, unless a strategy's signals are being deleted after its totals.
            CREATE TRIGGER signal_count_apply INSTEAD OF INSERT ON signal_count_changes BEGIN
                INSERT INTO signal_count_totals (user_id, strategy_id, day, \(columns))
                SELECT NEW.user_id, NEW.strategy_id, NEW.day, \(figureColumns.map { "coalesce(before.\($0), 0)" }.joined(separator: ", "))
                FROM (SELECT 1) LEFT JOIN (
                    SELECT * FROM signal_count_totals
                    WHERE user_id = NEW.user_id AND strategy_id = NEW.strategy_id AND day < NEW.day
                    ORDER BY day DESC LIMIT 1) AS before ON 1
                WHERE NEW.day IS NOT NULL
                    AND max(NEW.signals, NEW.hypothetical_trades, NEW.actual_closed_trades) > 0
                    AND NOT EXISTS (SELECT 1 FROM signal_count_totals
                                    WHERE user_id = NEW.user_id AND strategy_id = NEW.strategy_id AND day = NEW.day);
                UPDATE signal_count_totals SET \(figureColumns.map { "\($0) = \($0) + NEW.\($0)" }.joined(separator: ", "))
                WHERE user_id = NEW.user_id AND strategy_id = NEW.strategy_id AND day >= NEW.day;
            END;

            CREATE TRIGGER signal_count_insert AFTER INSERT ON strategy_signals BEGIN
                \(changes(new: "NEW", old: nil))
            END;

            CREATE TRIGGER signal_count_update AFTER UPDATE OF \(countedColumns) ON strategy_signals BEGIN
                \(changes(new: "NEW", old: "OLD"))
            END;

            CREATE TRIGGER signal_count_delete AFTER DELETE ON strategy_signals BEGIN
                \(changes(new: nil, old: "OLD"))
            END;

            -- The totals of the signals already stored: each day's contributions, summed up to that day.
            INSERT INTO signal_count_totals (user_id, strategy_id, day, \(columns))
            SELECT user_id, strategy_id, day, \(figureColumns.map {
                "sum(\($0)) OVER (PARTITION BY user_id, strategy_id ORDER BY day ROWS UNBOUNDED PRECEDING)"
            }.joined(separator: ", "))
            FROM (
                SELECT user_id, strategy_id, day, \(figureColumns.map { "sum(\($0)) AS \($0)" }.joined(separator: ", "))
                FROM (\(contributions(of: "s", sign: 1, readingTable: true)))
                GROUP BY user_id, strategy_id, day
            );
            """
    }()
}
