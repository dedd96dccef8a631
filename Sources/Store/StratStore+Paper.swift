import Foundation
import GRDB
import StrategyCore

/// A paper account as stored: its settings, the strategies attached to it in order, and its book.
package struct PaperAccount: Hashable, Sendable {
    package var id: String
    package var name: String
    package var startingCapital: Double
    package var commissionPct: Double
    package var slippageBps: Double
    package var strategyIds: [String]
    package var book: PaperBook
    package var createdAt: Date

    package init(id: String, name: String, startingCapital: Double, commissionPct: Double, slippageBps: Double,
                 strategyIds: [String], book: PaperBook, createdAt: Date) {
        self.id = id
        self.name = name
        self.startingCapital = startingCapital
        self.commissionPct = commissionPct
        self.slippageBps = slippageBps
        self.strategyIds = strategyIds
        self.book = book
        self.createdAt = createdAt
    }
}

/// One close of a paper account.
package struct PaperEquityPoint: Hashable, Sendable {
    package var day: Day
    package var equity: Double
    package var cash: Double
}

/// Paper accounts: opened per user by name, strategies attached, and each scan's days saved all or nothing.
extension StratStore {
    /// Opens a paper account; the name is the person's handle for it and must be new for the user.
    package func openPaperAccount(
        name: String, user: String, capital: Double, commissionPct: Double, slippageBps: Double,
        limits: PaperRiskLimits = PaperRiskLimits()
    ) throws -> PaperAccount {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw StoreError.invalidInput(what: "the paper account", reason: "its name is empty; give it a name such as \"main\"")
        }
        guard capital.isFinite, capital > 0 else {
            throw StoreError.invalidInput(what: "the paper account", reason: "its starting capital must be a positive amount, such as 100000")
        }
        return try write("opening a paper account") { db in
            try ensureUser(user, db)
            if try accountRow(name: trimmed, user: user, db) != nil {
                throw StoreError.invalidInput(what: "the paper account \"\(trimmed)\"", reason: "an account with that name exists already; pick another name")
            }
            let id = makeId()
            let at = now()
            try db.execute(
                sql: """
                    INSERT INTO paper_accounts (account_id, user_id, name, starting_capital, cash, commission_pct, slippage_bps,
                        max_open_positions, max_exposure_pct, daily_loss_limit_pct, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id, user, trimmed, capital, capital, commissionPct, slippageBps, limits.maxOpenPositions,
                            limits.maxExposurePct, limits.dailyLossLimitPct, at, at])
            return try account(id: id, user: user, db)!
        }
    }

    /// The user's paper accounts, oldest first.
    package func paperAccounts(user: String) throws -> [PaperAccount] {
        try read("listing paper accounts") { db in
            let ids = try String.fetchAll(
                db, sql: "SELECT account_id FROM paper_accounts WHERE user_id = ? ORDER BY created_at, rowid", arguments: [user])
            return try ids.compactMap { try account(id: $0, user: user, db) }
        }
    }

    /// The ids of the strategies attached to any of the user's paper accounts.
    package func paperStrategyIds(user: String) throws -> Set<String> {
        try read("listing the strategies of paper accounts") { db in
            Set(try String.fetchAll(db, sql: """
                SELECT DISTINCT s.strategy_id FROM paper_account_strategies s
                JOIN paper_accounts a ON a.account_id = s.account_id WHERE a.user_id = ?
                """, arguments: [user]))
        }
    }

    /// The user's paper account of that name (exact, then ignoring case), or nil.
    package func paperAccount(named name: String, user: String) throws -> PaperAccount? {
        try read("reading a paper account") { db in
            guard let row = try accountRow(name: name.trimmingCharacters(in: .whitespacesAndNewlines), user: user, db) else { return nil }
            return try account(id: row["account_id"], user: user, db)
        }
    }

    /// Attaches a strategy of the user to the account; attaching it again changes nothing.
    package func attachStrategy(_ strategyId: String, toPaperAccount accountId: String, user: String) throws {
        try write("attaching a strategy to a paper account") { db in
            guard try account(id: accountId, user: user, db) != nil else {
                throw StoreError.notFound(kind: "paper account", reference: accountId)
            }
            guard try ownsStrategy(strategyId, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: strategyId)
            }
            let next = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position), 0) + 1 FROM paper_account_strategies WHERE account_id = ?",
                                        arguments: [accountId]) ?? 1
            try db.execute(
                sql: """
                    INSERT INTO paper_account_strategies (account_id, strategy_id, position, attached_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(account_id, strategy_id) DO NOTHING
                    """,
                arguments: [accountId, strategyId, next, now()])
        }
    }

    /// Detaches a strategy: it places no new orders there; its open positions stay until sold by hand or reattached.
    package func detachStrategy(_ strategyId: String, fromPaperAccount accountId: String, user: String) throws {
        try write("detaching a strategy from a paper account") { db in
            guard try account(id: accountId, user: user, db) != nil else {
                throw StoreError.notFound(kind: "paper account", reference: accountId)
            }
            try db.execute(sql: "DELETE FROM paper_account_strategies WHERE account_id = ? AND strategy_id = ?",
                           arguments: [accountId, strategyId])
        }
    }

    /// Halts (with the reason) or resumes new entries by hand; a halt is recorded with the day given.
    package func setPaperHalt(accountId: String, user: String, halted: Bool, reason: String?, day: Day?) throws {
        try write(halted ? "halting a paper account" : "resuming a paper account") { db in
            guard try account(id: accountId, user: user, db) != nil else {
                throw StoreError.notFound(kind: "paper account", reference: accountId)
            }
            try db.execute(sql: "UPDATE paper_accounts SET halted = ?, halt_reason = ?, updated_at = ? WHERE account_id = ?",
                           arguments: [halted, halted ? reason : nil, now(), accountId])
            if halted, let reason {
                try db.execute(sql: "INSERT INTO paper_halts (account_id, day, kind, reason, created_at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [accountId, (day ?? Day(date: now())).iso, PaperHalt.Kind.manual.rawValue, reason, now()])
            }
        }
    }

    /// Sets the account's risk limits (nil turns one off); the next scan holds entries to them.
    package func setPaperLimits(accountId: String, user: String, limits: PaperRiskLimits) throws {
        for (what, value) in [("the daily loss limit", limits.dailyLossLimitPct), ("the exposure limit", limits.maxExposurePct)] {
            if let value, !(value.isFinite && value > 0) {
                throw StoreError.invalidInput(what: what, reason: "must be a positive percent, such as 5")
            }
        }
        if let max = limits.maxOpenPositions, max < 1 {
            throw StoreError.invalidInput(what: "the position limit", reason: "must be 1 or more")
        }
        try write("setting a paper account's limits") { db in
            guard try account(id: accountId, user: user, db) != nil else {
                throw StoreError.notFound(kind: "paper account", reference: accountId)
            }
            try db.execute(
                sql: """
                    UPDATE paper_accounts SET max_open_positions = ?, max_exposure_pct = ?, daily_loss_limit_pct = ?, updated_at = ?
                    WHERE account_id = ?
                    """,
                arguments: [limits.maxOpenPositions, limits.maxExposurePct, limits.dailyLossLimitPct, now(), accountId])
        }
    }

    /// Saves the days a scan stepped and the book they left, all or nothing: the account's cash and switch,
    /// its positions, every order placed or settled, closed trades, closes and halts.
    package func savePaperDays(accountId: String, user: String, book: PaperBook, days: [PaperDayResult]) throws {
        try write("saving a paper account's day") { db in
            guard try account(id: accountId, user: user, db) != nil else {
                throw StoreError.notFound(kind: "paper account", reference: accountId)
            }
            func finite(_ x: Double?) -> Double? { x.flatMap { $0.isFinite ? $0 : nil } }
            try db.execute(
                sql: """
                    UPDATE paper_accounts SET cash = ?, halted = ?, halt_reason = ?, last_day = ?, last_equity = ?, updated_at = ?
                    WHERE account_id = ?
                    """,
                arguments: [book.cash, book.halted, book.haltReason, book.lastDay?.iso, finite(book.lastEquity), now(), accountId])
            try db.execute(sql: "DELETE FROM paper_positions WHERE account_id = ?", arguments: [accountId])
            for p in book.positions {
                try db.execute(
                    sql: """
                        INSERT INTO paper_positions (account_id, strategy_id, strategy_version, ticker, shares, entry_price,
                            entry_date, entry_fee, stop, target, last_close, entry_order_id, entry_signal_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [accountId, p.strategyId, p.strategyVersion, p.ticker, p.shares, p.entryPrice, p.entryDate.iso,
                                p.entryFee, finite(p.stop), finite(p.target), p.lastClose, p.entryOrderId, p.entrySignalId])
            }
            var orderSeq = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM paper_orders WHERE account_id = ?",
                                            arguments: [accountId]) ?? 0
            var tradeSeq = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM paper_trades WHERE account_id = ?",
                                            arguments: [accountId]) ?? 0
            for day in days {
                for o in day.settled + day.placed {
                    orderSeq += 1
                    try db.execute(
                        sql: """
                            INSERT INTO paper_orders (account_id, order_id, strategy_id, strategy_version, signal_id, ticker, side,
                                decided_on, reason, allocation, strength, status, filled_on, fill_price, shares, fee, seq)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT(account_id, order_id) DO UPDATE SET status = excluded.status, filled_on = excluded.filled_on,
                                fill_price = excluded.fill_price, shares = excluded.shares, fee = excluded.fee
                            """,
                        arguments: [accountId, o.id, o.strategyId, o.strategyVersion, o.signalId, o.ticker, o.side.rawValue,
                                    o.decidedOn.iso, o.reason, finite(o.allocation), finite(o.strength), o.status.rawValue,
                                    o.filledOn?.iso, finite(o.fillPrice), o.shares, finite(o.fee), orderSeq])
                }
                for t in day.trades {
                    tradeSeq += 1
                    let x = t.trade
                    try db.execute(
                        sql: """
                            INSERT INTO paper_trades (account_id, seq, strategy_id, strategy_version, ticker, entry_date, entry_price,
                                exit_date, exit_price, shares, pnl, pnl_pct, days_held, exit_reason, fees, entry_signal_id, exit_signal_id)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [accountId, tradeSeq, t.strategyId, t.strategyVersion, x.ticker, x.entryDate.iso, x.entryPrice,
                                    x.exitDate.iso, x.exitPrice, x.shares, x.pnl, finite(x.pnlPct) ?? 0, x.daysHeld,
                                    x.exitReason.rawValue, x.fees, t.entrySignalId, t.exitSignalId])
                }
                try db.execute(
                    sql: "INSERT OR REPLACE INTO paper_equity (account_id, day, equity, cash) VALUES (?, ?, ?, ?)",
                    arguments: [accountId, day.day.iso, day.equity, day.cash])
                for h in day.halts {
                    try db.execute(sql: "INSERT INTO paper_halts (account_id, day, kind, reason, created_at) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [accountId, h.day.iso, h.kind.rawValue, h.reason, now()])
                }
            }
        }
    }

    /// Every order of the account in the order it was placed or last settled.
    package func paperOrders(accountId: String, user: String) throws -> [PaperOrder] {
        try read("reading paper orders") { db in
            guard try account(id: accountId, user: user, db) != nil else { return [] }
            return try Row.fetchAll(db, sql: "SELECT * FROM paper_orders WHERE account_id = ? ORDER BY seq", arguments: [accountId])
                .compactMap(Self.order(from:))
        }
    }

    /// The account's closed trades, in the order they closed.
    package func paperTrades(accountId: String, user: String) throws -> [PaperTrade] {
        try read("reading paper trades") { db in
            guard try account(id: accountId, user: user, db) != nil else { return [] }
            return try Row.fetchAll(db, sql: "SELECT * FROM paper_trades WHERE account_id = ? ORDER BY seq", arguments: [accountId])
                .compactMap { row in
                    guard let entry = Day(iso: row["entry_date"] as String), let exit = Day(iso: row["exit_date"] as String),
                          let reason = BacktestTrade.ExitReason(rawValue: row["exit_reason"]) else { return nil }
                    let trade = BacktestTrade(
                        ticker: row["ticker"], entryDate: entry, entryPrice: row["entry_price"], exitDate: exit,
                        exitPrice: row["exit_price"], shares: row["shares"], pnl: row["pnl"], pnlPct: row["pnl_pct"],
                        daysHeld: row["days_held"], exitReason: reason, fees: row["fees"])
                    return PaperTrade(strategyId: row["strategy_id"], strategyVersion: row["strategy_version"], trade: trade,
                                      entrySignalId: row["entry_signal_id"], exitSignalId: row["exit_signal_id"])
                }
        }
    }

    /// The account's equity at each close it was stepped through.
    package func paperEquity(accountId: String, user: String) throws -> [PaperEquityPoint] {
        try read("reading paper equity") { db in
            guard try account(id: accountId, user: user, db) != nil else { return [] }
            return try Row.fetchAll(db, sql: "SELECT * FROM paper_equity WHERE account_id = ? ORDER BY day", arguments: [accountId])
                .compactMap { row in
                    Day(iso: row["day"] as String).map { PaperEquityPoint(day: $0, equity: row["equity"], cash: row["cash"]) }
                }
        }
    }

    /// The account's halts, oldest first.
    package func paperHalts(accountId: String, user: String) throws -> [PaperHalt] {
        try read("reading paper halts") { db in
            guard try account(id: accountId, user: user, db) != nil else { return [] }
            return try Row.fetchAll(db, sql: "SELECT * FROM paper_halts WHERE account_id = ? ORDER BY rowid", arguments: [accountId])
                .compactMap { row in
                    guard let day = Day(iso: row["day"] as String), let kind = PaperHalt.Kind(rawValue: row["kind"]) else { return nil }
                    return PaperHalt(day: day, kind: kind, reason: row["reason"])
                }
        }
    }

    /// Per strategy, the trades the user's paper accounts closed from `from` (nil: the start) to `to`: how many,
    /// how many gained, and the sum of their percent returns in the order they closed.
    package func paperTradeCounts(user: String, from: Day?, to: Day) throws -> [String: LeaderboardCounts.Trades] {
        try read("counting paper trades") { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT strategy_id, COUNT(*) AS trades, COUNT(*) FILTER (WHERE pnl > 0) AS wins, SUM(pnl_pct) AS total
                FROM (SELECT t.strategy_id, t.pnl, t.pnl_pct FROM paper_trades t JOIN paper_accounts a ON a.account_id = t.account_id
                      WHERE a.user_id = ? AND t.exit_date BETWEEN ? AND ? ORDER BY t.exit_date, a.created_at, t.seq)
                GROUP BY strategy_id
                """, arguments: [user, from?.iso ?? "", to.iso])
            var counts: [String: LeaderboardCounts.Trades] = [:]
            for row in rows {
                counts[row["strategy_id"]] = LeaderboardCounts.Trades(count: row["trades"], wins: row["wins"], returnSum: row["total"])
            }
            return counts
        }
    }

    // MARK: - Rows

    func accountRow(name: String, user: String, _ db: Database) throws -> Row? {
        if let exact = try Row.fetchOne(db, sql: "SELECT * FROM paper_accounts WHERE user_id = ? AND name = ?", arguments: [user, name]) {
            return exact
        }
        return try Row.fetchOne(db, sql: "SELECT * FROM paper_accounts WHERE user_id = ? AND lower(name) = lower(?) ORDER BY created_at LIMIT 1",
                                arguments: [user, name])
    }

    func account(id: String, user: String, _ db: Database) throws -> PaperAccount? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM paper_accounts WHERE account_id = ? AND user_id = ?",
                                         arguments: [id, user]) else { return nil }
        let limits = PaperRiskLimits(maxOpenPositions: row["max_open_positions"], maxExposurePct: row["max_exposure_pct"],
                                     dailyLossLimitPct: row["daily_loss_limit_pct"])
        var book = PaperBook(cash: row["cash"], limits: limits)
        book.lastDay = (row["last_day"] as String?).flatMap { Day(iso: $0) }
        book.lastEquity = row["last_equity"]
        book.halted = row["halted"]
        book.haltReason = row["halt_reason"]
        book.positions = try Row.fetchAll(
            db, sql: "SELECT * FROM paper_positions WHERE account_id = ? ORDER BY ticker, strategy_id", arguments: [id]
        ).compactMap { r in
            guard let entry = Day(iso: r["entry_date"] as String) else { return nil }
            return PaperPosition(
                strategyId: r["strategy_id"], strategyVersion: r["strategy_version"], ticker: r["ticker"], shares: r["shares"],
                entryPrice: r["entry_price"], entryDate: entry, entryFee: r["entry_fee"], stop: r["stop"], target: r["target"],
                lastClose: r["last_close"], entryOrderId: r["entry_order_id"], entrySignalId: r["entry_signal_id"])
        }
        book.pendingOrders = try Row.fetchAll(
            db, sql: "SELECT * FROM paper_orders WHERE account_id = ? AND status = 'pending' ORDER BY seq", arguments: [id]
        ).compactMap(Self.order(from:))
        let strategies = try String.fetchAll(
            db, sql: "SELECT strategy_id FROM paper_account_strategies WHERE account_id = ? ORDER BY position", arguments: [id])
        return PaperAccount(
            id: id, name: row["name"], startingCapital: row["starting_capital"], commissionPct: row["commission_pct"],
            slippageBps: row["slippage_bps"], strategyIds: strategies, book: book, createdAt: row["created_at"])
    }

    static func order(from r: Row) -> PaperOrder? {
        guard let decided = Day(iso: r["decided_on"] as String), let side = PaperOrder.Side(rawValue: r["side"]),
              let status = PaperOrder.Status(rawValue: r["status"]) else { return nil }
        return PaperOrder(
            id: r["order_id"], strategyId: r["strategy_id"], strategyVersion: r["strategy_version"], ticker: r["ticker"],
            side: side, decidedOn: decided, reason: r["reason"], allocation: r["allocation"], strength: r["strength"],
            signalId: r["signal_id"], status: status, filledOn: (r["filled_on"] as String?).flatMap { Day(iso: $0) },
            fillPrice: r["fill_price"], shares: r["shares"], fee: r["fee"])
    }
}
