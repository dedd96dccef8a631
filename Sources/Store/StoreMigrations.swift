import GRDB

/// The database schema, as an append-only list of migrations with ids.
///
/// A shipped migration is never edited: a fix is a new migration appended at the end, so every
/// existing database reaches the same schema. The tables mirror the original design's
/// (`trading_strategies`, `strategy_backtests`, `strategy_signals`, `strategy_performance`),
/// with `users` in place of its external users table, plus versions, the person's own trades
/// and market data. Dates of trading days are ISO `YYYY-MM-DD` text, except in `price_bars` and
/// `api_usage` where `Day.serial` integers keep the hot bar table small; instants are GRDB's
/// UTC `YYYY-MM-DD HH:MM:SS.SSS` text; JSON columns hold `StrategyJSON` output.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial") { db in
            try db.execute(sql: v1Initial)
        }
        migrator.registerMigration("v2-signal-action-index") { db in
            try db.execute(sql: v2SignalActionIndex)
        }
        migrator.registerMigration("v3-signal-trade-columns") { db in
            try db.execute(sql: v3SignalTradeColumns)
            try StratStore.fillTradeColumns(db)
        }
        migrator.registerMigration("v4-price-bar-close-only") { db in
            try db.execute(sql: v4PriceBarCloseOnly)
        }
        migrator.registerMigration("v5-strategy-trials") { db in
            try db.execute(sql: v5StrategyTrials)
        }
        migrator.registerMigration("v6-paper-accounts") { db in
            try db.execute(sql: v6PaperAccounts)
        }
        migrator.registerMigration("v7-alert-deliveries") { db in
            try db.execute(sql: v7AlertDeliveries)
        }
        migrator.registerMigration("v8-signal-cover-index") { db in
            try db.execute(sql: v8SignalCoverIndex)
        }
        migrator.registerMigration("v9-holdout-openings") { db in
            try db.execute(sql: v9HoldoutOpenings)
        }
        migrator.registerMigration("v10-paper-alpaca-link") { db in
            try db.execute(sql: v10PaperAlpacaLink)
        }
        migrator.registerMigration("v11-alert-outbox") { db in
            try db.execute(sql: v11AlertOutbox)
        }
        migrator.registerMigration("v12-signal-count-totals") { db in
            try db.execute(sql: v12SignalCountTotals)
        }
        migrator.registerMigration("v13-strategy-sweeps") { db in
            try db.execute(sql: v13StrategySweeps)
        }
        migrator.registerMigration("v14-backtest-figures") { db in
            try db.execute(sql: v14BacktestFigures)
        }
        return migrator
    }

    /// Every id this build knows, in order.
    static var identifiers: [String] { migrator.migrations }

    static let v1Initial = """
        CREATE TABLE users (
            user_id TEXT PRIMARY KEY NOT NULL,
            created_at DATETIME NOT NULL
        );

        CREATE TABLE trading_strategies (
            id TEXT PRIMARY KEY NOT NULL,
            user_id TEXT NOT NULL REFERENCES users(user_id),
            name TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            natural_language_input TEXT NOT NULL DEFAULT '',
            strategy_definition TEXT NOT NULL,
            is_active INTEGER NOT NULL DEFAULT 1,
            current_version INTEGER NOT NULL,
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL
        );
        CREATE INDEX idx_strategies_user_id ON trading_strategies(user_id, created_at);

        CREATE TABLE strategy_versions (
            strategy_id TEXT NOT NULL REFERENCES trading_strategies(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            definition TEXT NOT NULL,
            diff TEXT NOT NULL,
            note TEXT,
            created_at DATETIME NOT NULL,
            UNIQUE (strategy_id, version)
        );

        CREATE TABLE strategy_backtests (
            backtest_id TEXT PRIMARY KEY NOT NULL,
            strategy_id TEXT NOT NULL REFERENCES trading_strategies(id) ON DELETE CASCADE,
            strategy_version INTEGER,
            user_id TEXT NOT NULL REFERENCES users(user_id),
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            backtest_results TEXT NOT NULL,
            created_at DATETIME NOT NULL
        );
        CREATE INDEX idx_backtests_strategy_id ON strategy_backtests(strategy_id, created_at);
        CREATE INDEX idx_backtests_user_id ON strategy_backtests(user_id);

        CREATE TABLE strategy_signals (
            signal_id TEXT PRIMARY KEY NOT NULL,
            strategy_id TEXT NOT NULL REFERENCES trading_strategies(id) ON DELETE CASCADE,
            strategy_version INTEGER,
            user_id TEXT NOT NULL REFERENCES users(user_id),
            ticker TEXT NOT NULL,
            signal_type TEXT NOT NULL CHECK (signal_type IN ('entry', 'exit')),
            signal_date TEXT NOT NULL,
            generated_at DATETIME NOT NULL,
            price_at_signal REAL NOT NULL,
            confidence_score REAL NOT NULL,
            reasoning TEXT NOT NULL,
            target_price REAL,
            stop_price REAL,
            data_snapshot TEXT NOT NULL DEFAULT '{}',
            user_acted INTEGER NOT NULL DEFAULT 0,
            action TEXT CHECK (action IN ('acted', 'skipped', 'closed')),
            acted_price REAL,
            acted_shares REAL,
            acted_at DATETIME,
            closed_price REAL,
            closed_at DATETIME,
            outcome TEXT,
            UNIQUE (strategy_id, ticker, signal_date, signal_type)
        );
        CREATE INDEX idx_signals_user_id ON strategy_signals(user_id, signal_date);
        CREATE INDEX idx_signals_signal_date ON strategy_signals(signal_date);
        CREATE INDEX idx_signals_generated_at ON strategy_signals(generated_at);

        CREATE TABLE strategy_performance (
            id TEXT PRIMARY KEY NOT NULL,
            strategy_id TEXT NOT NULL UNIQUE REFERENCES trading_strategies(id) ON DELETE CASCADE,
            user_id TEXT NOT NULL REFERENCES users(user_id),
            signals_generated INTEGER NOT NULL DEFAULT 0,
            signals_acted_on INTEGER NOT NULL DEFAULT 0,
            actual_trades INTEGER NOT NULL DEFAULT 0,
            actual_wins INTEGER NOT NULL DEFAULT 0,
            actual_losses INTEGER NOT NULL DEFAULT 0,
            actual_return_pct REAL NOT NULL DEFAULT 0,
            hypothetical_trades INTEGER NOT NULL DEFAULT 0,
            hypothetical_wins INTEGER NOT NULL DEFAULT 0,
            hypothetical_return_pct REAL NOT NULL DEFAULT 0,
            last_signal_date DATETIME,
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL
        );
        CREATE INDEX idx_performance_user_id ON strategy_performance(user_id);

        CREATE TABLE portfolio_trades (
            trade_id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id TEXT NOT NULL REFERENCES users(user_id),
            trade_date TEXT NOT NULL,
            ticker TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
            shares REAL NOT NULL CHECK (shares > 0),
            price REAL NOT NULL CHECK (price > 0),
            fees REAL NOT NULL DEFAULT 0 CHECK (fees >= 0),
            source TEXT NOT NULL,
            created_at DATETIME NOT NULL
        );
        CREATE INDEX idx_portfolio_user_id ON portfolio_trades(user_id, trade_date);

        CREATE TABLE market_data_cache (
            source TEXT NOT NULL,
            key TEXT NOT NULL,
            fetched_at DATETIME NOT NULL,
            payload BLOB NOT NULL,
            PRIMARY KEY (source, key)
        ) WITHOUT ROWID;

        CREATE TABLE price_bars (
            source TEXT NOT NULL,
            ticker TEXT NOT NULL,
            day INTEGER NOT NULL,
            open REAL NOT NULL,
            high REAL NOT NULL,
            low REAL NOT NULL,
            close REAL NOT NULL,
            volume REAL NOT NULL,
            PRIMARY KEY (source, ticker, day)
        ) WITHOUT ROWID;

        CREATE TABLE api_usage (
            source TEXT NOT NULL,
            day INTEGER NOT NULL,
            requests INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (source, day)
        ) WITHOUT ROWID;
        """

    /// The portfolio book reads only the signals a person acted on: a handful among tens of thousands.
    static let v2SignalActionIndex = """
        CREATE INDEX idx_signals_user_action ON strategy_signals(user_id, action, signal_type);
        """

    /// The figures a ranking sums, as columns beside the `outcome` JSON they come from (the hypothetical
    /// trade's status, exit day and return), so a board over tens of thousands of signals is one
    /// aggregate query rather than a decode of every outcome. The index serves that query and every
    /// per-strategy read in the strategy's signal order, without a temporary sort.
    static let v3SignalTradeColumns = """
        ALTER TABLE strategy_signals ADD COLUMN trade_status TEXT;
        ALTER TABLE strategy_signals ADD COLUMN trade_exit_date TEXT;
        ALTER TABLE strategy_signals ADD COLUMN trade_return_pct REAL;
        CREATE INDEX idx_signals_user_strategy ON strategy_signals(user_id, strategy_id, signal_date, ticker, signal_type);
        """

    /// Bars imported from closes alone (a wide or close-only file) are flagged, so a backtest fills and stops on
    /// their closes without guessing. Series stored before the flag existed were written with open = high = low =
    /// close and volume 0 on every bar exactly when they came from closes alone; they are flagged once, here.
    static let v4PriceBarCloseOnly = """
        ALTER TABLE price_bars ADD COLUMN close_only INTEGER NOT NULL DEFAULT 0 CHECK (close_only IN (0, 1));
        UPDATE price_bars SET close_only = 1 WHERE (source, ticker) IN (
            SELECT source, ticker FROM price_bars GROUP BY source, ticker
            HAVING SUM(volume = 0 AND open = close AND high = close AND low = close) = COUNT(*));
        """

    /// Trials that are not stored backtests (the variants of a parameter sweep), so the Deflated Sharpe
    /// Ratio counts every definition tried. `definition` is `TradingStrategy.definitionKey`; the Sharpe is
    /// annualised, null when the variant's equity never moved.
    static let v5StrategyTrials = """
        CREATE TABLE strategy_trials (
            strategy_id TEXT NOT NULL REFERENCES trading_strategies(id) ON DELETE CASCADE,
            user_id TEXT NOT NULL REFERENCES users(user_id),
            definition TEXT NOT NULL,
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            sharpe_ratio REAL,
            source TEXT NOT NULL,
            created_at DATETIME NOT NULL
        );
        CREATE INDEX idx_trials_strategy_id ON strategy_trials(strategy_id, created_at);
        """

    /// Paper accounts: cash and limits, attached strategies, positions, orders (with their fills), closed
    /// trades, equity per day and halts. Orders and trades keep the strategy version and signal behind them.
    static let v6PaperAccounts = """
        CREATE TABLE paper_accounts (
            account_id TEXT PRIMARY KEY NOT NULL,
            user_id TEXT NOT NULL REFERENCES users(user_id),
            name TEXT NOT NULL,
            starting_capital REAL NOT NULL,
            cash REAL NOT NULL,
            commission_pct REAL NOT NULL,
            slippage_bps REAL NOT NULL,
            max_open_positions INTEGER,
            max_exposure_pct REAL,
            daily_loss_limit_pct REAL,
            halted INTEGER NOT NULL DEFAULT 0,
            halt_reason TEXT,
            last_day TEXT,
            last_equity REAL,
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL,
            UNIQUE (user_id, name)
        );

        CREATE TABLE paper_account_strategies (
            account_id TEXT NOT NULL REFERENCES paper_accounts(account_id) ON DELETE CASCADE,
            strategy_id TEXT NOT NULL REFERENCES trading_strategies(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            attached_at DATETIME NOT NULL,
            PRIMARY KEY (account_id, strategy_id)
        );

        CREATE TABLE paper_positions (
            account_id TEXT NOT NULL REFERENCES paper_accounts(account_id) ON DELETE CASCADE,
            strategy_id TEXT NOT NULL,
            strategy_version INTEGER NOT NULL,
            ticker TEXT NOT NULL,
            shares INTEGER NOT NULL,
            entry_price REAL NOT NULL,
            entry_date TEXT NOT NULL,
            entry_fee REAL NOT NULL,
            stop REAL,
            target REAL,
            last_close REAL NOT NULL,
            entry_order_id TEXT NOT NULL,
            entry_signal_id TEXT,
            PRIMARY KEY (account_id, strategy_id, ticker)
        );

        CREATE TABLE paper_orders (
            account_id TEXT NOT NULL REFERENCES paper_accounts(account_id) ON DELETE CASCADE,
            order_id TEXT NOT NULL,
            strategy_id TEXT NOT NULL,
            strategy_version INTEGER NOT NULL,
            signal_id TEXT,
            ticker TEXT NOT NULL,
            side TEXT NOT NULL,
            decided_on TEXT NOT NULL,
            reason TEXT NOT NULL,
            allocation REAL,
            strength REAL,
            status TEXT NOT NULL,
            filled_on TEXT,
            fill_price REAL,
            shares INTEGER,
            fee REAL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (account_id, order_id)
        );
        CREATE INDEX idx_paper_orders_status ON paper_orders(account_id, status);

        CREATE TABLE paper_trades (
            account_id TEXT NOT NULL REFERENCES paper_accounts(account_id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            strategy_id TEXT NOT NULL,
            strategy_version INTEGER NOT NULL,
            ticker TEXT NOT NULL,
            entry_date TEXT NOT NULL,
            entry_price REAL NOT NULL,
            exit_date TEXT NOT NULL,
            exit_price REAL NOT NULL,
            shares INTEGER NOT NULL,
            pnl REAL NOT NULL,
            pnl_pct REAL NOT NULL,
            days_held INTEGER NOT NULL,
            exit_reason TEXT NOT NULL,
            fees REAL NOT NULL,
            entry_signal_id TEXT,
            exit_signal_id TEXT,
            PRIMARY KEY (account_id, seq)
        );

        CREATE TABLE paper_equity (
            account_id TEXT NOT NULL REFERENCES paper_accounts(account_id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            equity REAL NOT NULL,
            cash REAL NOT NULL,
            PRIMARY KEY (account_id, day)
        );

        CREATE TABLE paper_halts (
            account_id TEXT NOT NULL REFERENCES paper_accounts(account_id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            kind TEXT NOT NULL,
            reason TEXT NOT NULL,
            created_at DATETIME NOT NULL
        );
        """

    /// One row per alert a webhook accepted, so a rerun never sends it twice. The webhook is named by a
    /// fingerprint of its URL and format, never by the URL (which may carry a token).
    static let v7AlertDeliveries = """
        CREATE TABLE alert_deliveries (
            webhook_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            event_kind TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            sent_at DATETIME NOT NULL,
            PRIMARY KEY (webhook_id, event_id)
        );
        """

    /// The strategy-order index again, now holding every column the rankings' aggregate reads (the trade columns,
    /// the action and its prices), so that query never visits the table rows, whose reasoning, data snapshot and
    /// outcome JSON come first and make each row long. It replaces v3's index, whose columns it starts with.
    static let v8SignalCoverIndex = """
        CREATE INDEX idx_signals_user_strategy_trades ON strategy_signals(user_id, strategy_id, signal_date, ticker,
            signal_type, trade_status, trade_exit_date, trade_return_pct, action, acted_price, closed_price, closed_at);
        DROP INDEX idx_signals_user_strategy;
        """

    /// Alerts a webhook has not accepted yet, kept whole so the next scan sends them again (a scan never makes the
    /// same fills or halts twice). A row leaves when the webhook accepts it, in the write that records the delivery.
    /// The webhook is named by its fingerprint; `last_error` is already free of the URL.
    static let v11AlertOutbox = """
        CREATE TABLE alert_outbox (
            webhook_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            event_kind TEXT NOT NULL,
            event_json TEXT NOT NULL,
            failures INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            queued_at DATETIME NOT NULL,
            PRIMARY KEY (webhook_id, event_id)
        );
        """

    /// A strategy's reserved last days (one hold-out per strategy, from `start_date` on) and every look at them.
    static let v9HoldoutOpenings = """
        CREATE TABLE strategy_holdouts (
            strategy_id TEXT NOT NULL REFERENCES trading_strategies(id) ON DELETE CASCADE,
            user_id TEXT NOT NULL REFERENCES users(user_id),
            start_date TEXT NOT NULL,
            spec TEXT NOT NULL,
            created_at DATETIME NOT NULL,
            PRIMARY KEY (strategy_id, user_id)
        );

        CREATE TABLE holdout_openings (
            strategy_id TEXT NOT NULL REFERENCES trading_strategies(id) ON DELETE CASCADE,
            user_id TEXT NOT NULL REFERENCES users(user_id),
            strategy_version INTEGER NOT NULL,
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            sharpe_ratio REAL,
            total_return_pct REAL,
            opened_at DATETIME NOT NULL
        );
        CREATE INDEX idx_holdout_openings_strategy ON holdout_openings(strategy_id, user_id, opened_at);
        """

    /// A paper account's link to a broker's paper API (the broker and the approval mode; never a key), and every
    /// order sent or held for it: what was asked, the broker's answer and the fill read back on reconciliation.
    static let v10PaperAlpacaLink = """
        CREATE TABLE paper_broker_links (
            account_id TEXT PRIMARY KEY NOT NULL REFERENCES paper_accounts(account_id) ON DELETE CASCADE,
            broker TEXT NOT NULL,
            approval_mode TEXT NOT NULL DEFAULT 'auto',
            linked_at DATETIME NOT NULL
        );

        CREATE TABLE paper_broker_orders (
            broker_seq INTEGER PRIMARY KEY AUTOINCREMENT,
            account_id TEXT NOT NULL REFERENCES paper_accounts(account_id) ON DELETE CASCADE,
            order_id TEXT NOT NULL,
            client_order_id TEXT NOT NULL,
            ticker TEXT NOT NULL,
            side TEXT NOT NULL,
            qty INTEGER NOT NULL,
            take_profit REAL,
            stop_loss REAL,
            decided_on TEXT NOT NULL,
            status TEXT NOT NULL,
            broker_order_id TEXT,
            broker_status TEXT,
            filled_qty TEXT,
            filled_avg_price TEXT,
            message TEXT,
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL,
            UNIQUE (account_id, order_id),
            UNIQUE (account_id, client_order_id)
        );
        CREATE INDEX idx_paper_broker_orders_status ON paper_broker_orders(account_id, status);
        """

    /// Each strategy's latest parameter sweep (one per strategy and user, replaced by the next), as `StoredSweep`
    /// JSON: the report draws its heat map and walk-forward windows from it.
    static let v13StrategySweeps = """
        CREATE TABLE strategy_sweeps (
            strategy_id TEXT NOT NULL REFERENCES trading_strategies(id) ON DELETE CASCADE,
            user_id TEXT NOT NULL REFERENCES users(user_id),
            strategy_version INTEGER NOT NULL,
            sweep TEXT NOT NULL,
            created_at DATETIME NOT NULL,
            PRIMARY KEY (strategy_id, user_id)
        );
        """

    /// Each backtest's headline figures beside it, so a ranking of many strategies reads a few numbers per strategy
    /// instead of each latest backtest's whole JSON (tens of kilobytes, mostly in overflow pages). Triggers write the
    /// row with the backtest and remove it with the backtest; `backtest_order` is the backtest's rowid at insertion,
    /// which orders backtests saved within the same millisecond as the backtests table's own rowid did.
    /// The figures row of the backtest row `NEW`, as both v14 triggers write it.
    private static let insertBacktestFigures = """
        INSERT INTO backtest_figures
            VALUES (NEW.backtest_id, NEW.strategy_id, NEW.user_id, NEW.created_at, NEW.rowid,
                    json_extract(NEW.backtest_results, '$.total_return_pct'), json_extract(NEW.backtest_results, '$.sharpe_ratio'),
                    json_extract(NEW.backtest_results, '$.win_rate'), json_extract(NEW.backtest_results, '$.total_trades'));
        """

    static let v14BacktestFigures = """
        CREATE TABLE backtest_figures (
            backtest_id TEXT PRIMARY KEY NOT NULL,
            strategy_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            created_at DATETIME NOT NULL,
            backtest_order INTEGER NOT NULL,
            total_return_pct REAL,
            sharpe_ratio REAL,
            win_rate REAL,
            total_trades INTEGER
        );
        CREATE INDEX idx_backtest_figures_latest ON backtest_figures(user_id, strategy_id, created_at, backtest_order);

        CREATE TRIGGER backtest_figures_insert AFTER INSERT ON strategy_backtests BEGIN
            \(insertBacktestFigures)
        END;
        CREATE TRIGGER backtest_figures_update AFTER UPDATE ON strategy_backtests BEGIN
            DELETE FROM backtest_figures WHERE backtest_id = OLD.backtest_id;
            \(insertBacktestFigures)
        END;
        CREATE TRIGGER backtest_figures_delete AFTER DELETE ON strategy_backtests BEGIN
            DELETE FROM backtest_figures WHERE backtest_id = OLD.backtest_id;
        END;

        INSERT INTO backtest_figures
        SELECT backtest_id, strategy_id, user_id, created_at, rowid,
               json_extract(backtest_results, '$.total_return_pct'), json_extract(backtest_results, '$.sharpe_ratio'),
               json_extract(backtest_results, '$.win_rate'), json_extract(backtest_results, '$.total_trades')
        FROM strategy_backtests;
        """
}
