import Foundation
import GRDB
import StrategyCore

/// Live signals and what the person did with them.
///
/// A signal is unique by strategy, ticker, day and type, so a scan run twice on one day stores
/// each signal once.
extension StratStore {
    /// Stores a signal of the user's strategy, or returns the one already stored for the same
    /// strategy, ticker, day and type (`inserted` false), leaving it and its recorded action untouched.
    package func upsertSignal(_ signal: StrategySignal, user: String) throws -> (StrategySignal, inserted: Bool) {
        try upsertSignals([signal], user: user)[0]
    }

    /// Stores many signals as `upsertSignal` stores each, in order, in one transaction: either every
    /// signal is stored (or found already stored) or, when one is refused, none is.
    /// Returns each signal as stored, in the order given.
    package func upsertSignals(_ signals: [StrategySignal], user: String) throws -> [(StrategySignal, inserted: Bool)] {
        for signal in signals {
            guard signal.priceAtSignal.isFinite, signal.priceAtSignal > 0 else {
                throw StoreError.invalidInput(what: "the \(signal.ticker) signal", reason: "its price must be above zero")
            }
            guard signal.confidenceScore.isFinite else {
                throw StoreError.invalidInput(what: "the \(signal.ticker) signal", reason: "its confidence is not a number")
            }
            guard !signal.ticker.isEmpty else {
                throw StoreError.invalidInput(what: "the signal", reason: "it has no ticker")
            }
        }
        guard !signals.isEmpty else { return [] }
        return try write(signals.count == 1 ? "saving a signal" : "saving signals") { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO strategy_signals (signal_id, strategy_id, strategy_version, user_id, ticker, signal_type,
                    signal_date, generated_at, price_at_signal, confidence_score, reasoning, target_price, stop_price,
                    data_snapshot, user_acted, outcome, trade_status, trade_exit_date, trade_return_pct)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(strategy_id, ticker, signal_date, signal_type) DO NOTHING
                """)
            let readBack = try db.cachedStatement(sql: """
                SELECT * FROM strategy_signals
                WHERE strategy_id = ? AND ticker = ? AND signal_date = ? AND signal_type = ? AND user_id = ?
                """)
            let columns = try SignalColumns(readBack.columnNames)
            var versions: [String: Int] = [:]
            return try signals.map { signal in
                let version: Int
                if let known = versions[signal.strategyId] {
                    version = known
                } else {
                    guard let strategy = try fetchStrategy(id: signal.strategyId, user: user, db) else {
                        throw StoreError.notFound(kind: "strategy", reference: signal.strategyId)
                    }
                    version = strategy.version
                    versions[signal.strategyId] = version
                }
                var stored = signal
                stored.signalId = signal.signalId ?? makeId()
                stored.strategyVersion = signal.strategyVersion ?? version
                try insert.execute(
                    arguments: [stored.signalId, stored.strategyId, stored.strategyVersion, user, stored.ticker,
                                stored.signalType.rawValue, stored.signalDate.iso, stored.generatedAt, stored.priceAtSignal,
                                stored.confidenceScore, stored.reasoning, stored.targetPrice, stored.stopPrice,
                                try Self.encodeJSON(stored.dataSnapshot), stored.userActed,
                                try stored.outcome.map { try Self.encodeJSON($0) }] + Self.tradeColumns(stored.outcome))
                let inserted = db.changesCount > 0
                let row = try Row.fetchOne(
                    readBack,
                    arguments: [stored.strategyId, stored.ticker, stored.signalDate.iso, stored.signalType.rawValue, user])
                guard let row else {
                    throw StoreError.invalidInput(what: "the \(signal.ticker) signal", reason: "its id is already used by another signal")
                }
                // Read back either way, so the caller holds exactly what later reads return.
                return (try signalRecord(from: row, columns).signal, inserted)
            }
        }
    }

    /// The user's strategy's signals with `from <= signal_date <= to` (either bound optional),
    /// by day, then ticker, then type.
    package func signals(strategyId: String, user: String, from: Day? = nil, to: Day? = nil) throws -> [SignalRecord] {
        try read("reading signals") { db in
            guard try ownsStrategy(strategyId, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: strategyId)
            }
            return try fetchSignals(db, filter: "strategy_id = ? AND user_id = ?", [strategyId, user], from: from, to: to)
        }
    }

    /// The id of each of the strategy's signals in the range, by ticker, day and type, without reading the signals
    /// themselves (a paper order names the signal that caused it).
    package func signalIds(strategyId: String, user: String, from: Day, to: Day) throws -> [(ticker: String, day: Day, type: StrategySignal.Kind, id: String)] {
        try read("reading signals") { db in
            guard try ownsStrategy(strategyId, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: strategyId)
            }
            return try Row.fetchAll(db.cachedStatement(sql: """
                SELECT ticker, signal_date, signal_type, signal_id FROM strategy_signals
                WHERE strategy_id = ? AND user_id = ? AND signal_date >= ? AND signal_date <= ?
                """), arguments: [strategyId, user, from.iso, to.iso]).compactMap { row -> (ticker: String, day: Day, type: StrategySignal.Kind, id: String)? in
                guard let day = Day(iso: row["signal_date"] as String), let type = StrategySignal.Kind(rawValue: row["signal_type"]) else { return nil }
                return (row["ticker"], day, type, row["signal_id"])
            }
        }
    }

    /// All the user's signals across strategies, for holdings and the portfolio view.
    package func signals(user: String, from: Day? = nil, to: Day? = nil) throws -> [SignalRecord] {
        try read("reading signals") { db in
            try fetchSignals(db, filter: "user_id = ?", [user], from: from, to: to)
        }
    }

    /// One of the user's signals, or nil (also for another user's signal).
    package func signal(id: String, user: String) throws -> SignalRecord? {
        try read("reading a signal") { db in try fetchSignal(id: id, user: user, db) }
    }

    /// Records that the person took, skipped or closed a signal, after checking the step makes sense.
    ///
    /// - acted: from no action or skipped; `price` defaults to the signal's price; `shares` optional.
    /// - skipped: only before acting.
    /// - closed: only an acted signal, and `price` is required.
    /// Prices and shares must be above zero. Nothing changes when a check fails.
    package func recordAction(
        signalId: String, user: String, action: SignalAction, price: Double? = nil, shares: Double? = nil
    ) throws -> SignalRecord {
        try write("recording a signal action") { db in
            guard var record = try fetchSignal(id: signalId, user: user, db) else {
                throw StoreError.notFound(kind: "signal", reference: signalId)
            }
            func refuse(_ reason: String, _ fix: String) -> StoreError {
                .invalidAction(signalId: signalId, reason: reason, fix: fix)
            }
            if let price, !(price.isFinite && price > 0) {
                throw refuse("the price \(StrategyDiff.Readable.number(price)) is not above zero", "Give the price you traded at, above zero.")
            }
            if let shares, !(shares.isFinite && shares > 0) {
                throw refuse("the share count \(StrategyDiff.Readable.number(shares)) is not above zero", "Give the number of shares, above zero, or leave it out.")
            }
            let time = now()
            switch (action, record.action) {
            case (_, .closed):
                throw refuse("it was already closed at \(StrategyDiff.Readable.number(record.closedPrice ?? 0))", "A closed signal cannot change; act on a new signal instead.")
            case (.acted, .acted):
                throw refuse("it was already acted on at \(StrategyDiff.Readable.number(record.actedPrice ?? 0))", "Close it with the exit price instead.")
            case (.acted, _):
                record.action = .acted
                record.actedPrice = price ?? record.signal.priceAtSignal
                record.actedShares = shares
                record.actedAt = time
                record.signal.userActed = true
            case (.skipped, .acted):
                throw refuse("it was already acted on", "Close it with the exit price instead of skipping it.")
            case (.skipped, _):
                record.action = .skipped
            case (.closed, .acted):
                guard let price else {
                    throw refuse("closing needs the exit price", "Give the price you sold at.")
                }
                record.action = .closed
                record.closedPrice = price
                record.closedAt = time
                if let shares { record.actedShares = shares }
            case (.closed, _):
                throw refuse("it was never acted on", "Record that you took it first, then close it.")
            }
            try db.execute(
                sql: """
                    UPDATE strategy_signals SET action = ?, user_acted = ?, acted_price = ?, acted_shares = ?, acted_at = ?,
                        closed_price = ?, closed_at = ?
                    WHERE signal_id = ? AND user_id = ?
                    """,
                arguments: [record.action?.rawValue, record.signal.userActed, record.actedPrice, record.actedShares,
                            record.actedAt, record.closedPrice, record.closedAt, signalId, user])
            return try fetchSignal(id: signalId, user: user, db) ?? record
        }
    }

    /// Stores what a signal led to (a hypothetical or actual trade's result), replacing any earlier outcome.
    @discardableResult
    package func updateOutcome(signalId: String, user: String, outcome: JSONValue?) throws -> SignalRecord {
        try write("saving a signal outcome") { db in
            try db.execute(
                sql: """
                    UPDATE strategy_signals SET outcome = ?, trade_status = ?, trade_exit_date = ?, trade_return_pct = ?
                    WHERE signal_id = ? AND user_id = ?
                    """,
                arguments: [try outcome.map { try Self.encodeJSON($0) }] + Self.tradeColumns(outcome) + [signalId, user])
            guard db.changesCount > 0, let record = try fetchSignal(id: signalId, user: user, db) else {
                throw StoreError.notFound(kind: "signal", reference: signalId)
            }
            return record
        }
    }

    // MARK: - Rows

    /// The hypothetical trade in an outcome (its status, exit day and return), as the `trade_` columns
    /// hold it for rankings; all nil without one.
    static func tradeColumns(_ outcome: JSONValue?) -> StatementArguments {
        let trade = outcome?["hypothetical"].flatMap(HypotheticalOutcome.init(json:))
        return [trade?.status.rawValue, trade?.exitDate?.iso, trade?.returnPct]
    }

    /// Fills the `trade_` columns of signals stored before they existed, from each outcome's JSON.
    static func fillTradeColumns(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT signal_id, outcome FROM strategy_signals WHERE outcome IS NOT NULL")
        let update = try db.makeStatement(sql: """
            UPDATE strategy_signals SET trade_status = ?, trade_exit_date = ?, trade_return_pct = ? WHERE signal_id = ?
            """)
        for row in rows {
            let text: String = row["outcome"]
            let outcome = try? StrategyJSON.decoder.decode(JSONValue.self, from: Data(text.utf8))
            try update.execute(arguments: tradeColumns(outcome) + [row["signal_id"] as String])
        }
    }

    func fetchSignal(id: String, user: String, _ db: Database) throws -> SignalRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM strategy_signals WHERE signal_id = ? AND user_id = ?", arguments: [id, user])
            .map(signalRecord(from:))
    }

    func fetchSignals(_ db: Database, filter: String, _ arguments: StatementArguments, from: Day?, to: Day?) throws
        -> [SignalRecord]
    {
        var sql = "SELECT * FROM strategy_signals WHERE \(filter)"
        var arguments = arguments
        if let from {
            sql += " AND signal_date >= ?"
            arguments += [from.iso]
        }
        if let to {
            sql += " AND signal_date <= ?"
            arguments += [to.iso]
        }
        sql += " ORDER BY signal_date, ticker, signal_type, signal_id"
        return try signalRecords(db.cachedStatement(sql: sql), arguments: arguments)
    }

    /// Every row of `statement` as a signal record. Column positions are found once for the statement, and rows
    /// are read in place rather than copied.
    func signalRecords(_ statement: Statement, arguments: StatementArguments) throws -> [SignalRecord] {
        let columns = try SignalColumns(statement.columnNames)
        return try Array(Row.fetchCursor(statement, arguments: arguments).map { try self.signalRecord(from: $0, columns) })
    }

    func signalRecord(from row: Row) throws -> SignalRecord {
        try signalRecord(from: row, SignalColumns(Array(row.columnNames)))
    }

    func signalRecord(from row: Row, _ c: SignalColumns) throws -> SignalRecord {
        let id: String = row[c.signalId]
        let dayText: String = row[c.signalDate]
        let kindText: String = row[c.signalType]
        guard let day = Day(iso: dayText), let kind = StrategySignal.Kind(rawValue: kindText) else {
            throw StoreError.unreadableRow(table: "strategy_signals", id: id, reason: "its date or type is not valid")
        }
        // Most signals carry no snapshot, and a query that does not need it selects '{}'.
        let snapshotText: String = row[c.dataSnapshot]
        let snapshot = snapshotText == "{}" ? [:] : try decodeJSON([String: JSONValue].self, snapshotText, table: "strategy_signals", id: id)
        let outcomeText: String? = row[c.outcome]
        let outcome = try outcomeText.map { try decodeJSON(JSONValue.self, $0, table: "strategy_signals", id: id) }
        let signal = StrategySignal(
            signalId: id, strategyId: row[c.strategyId], strategyVersion: row[c.strategyVersion], ticker: row[c.ticker],
            signalType: kind, signalDate: day, generatedAt: row[c.generatedAt], priceAtSignal: row[c.priceAtSignal],
            confidenceScore: row[c.confidenceScore], reasoning: row[c.reasoning], targetPrice: row[c.targetPrice],
            stopPrice: row[c.stopPrice], dataSnapshot: snapshot, userActed: row[c.userActed], outcome: outcome)
        let actionText: String? = row[c.action]
        return SignalRecord(
            signal: signal, action: actionText.flatMap(SignalAction.init(rawValue:)), actedPrice: row[c.actedPrice],
            actedShares: row[c.actedShares], actedAt: row[c.actedAt], closedPrice: row[c.closedPrice],
            closedAt: row[c.closedAt])
    }
}

/// Where each column a signal record reads sits in a statement's rows. A lookup by name compares the names
/// case-insensitively, column by column, so a long read finds the positions once and reads by position.
struct SignalColumns {
    let signalId, strategyId, strategyVersion, ticker, signalType, signalDate, generatedAt, priceAtSignal: Int
    let confidenceScore, reasoning, targetPrice, stopPrice, dataSnapshot, userActed, outcome: Int
    let action, actedPrice, actedShares, actedAt, closedPrice, closedAt: Int

    init(_ names: [String]) throws {
        var positions: [String: Int] = [:]
        for (position, name) in names.enumerated().reversed() {
            positions[name.lowercased()] = position
        }
        func at(_ name: String) throws -> Int {
            guard let position = positions[name] else {
                throw StoreError.unreadableRow(table: "strategy_signals", id: "", reason: "the query has no \(name) column")
            }
            return position
        }
        (signalId, strategyId, strategyVersion, ticker) = (try at("signal_id"), try at("strategy_id"), try at("strategy_version"), try at("ticker"))
        (signalType, signalDate, generatedAt, priceAtSignal) = (try at("signal_type"), try at("signal_date"), try at("generated_at"), try at("price_at_signal"))
        (confidenceScore, reasoning, targetPrice, stopPrice) = (try at("confidence_score"), try at("reasoning"), try at("target_price"), try at("stop_price"))
        (dataSnapshot, userActed, outcome, action) = (try at("data_snapshot"), try at("user_acted"), try at("outcome"), try at("action"))
        (actedPrice, actedShares, actedAt) = (try at("acted_price"), try at("acted_shares"), try at("acted_at"))
        (closedPrice, closedAt) = (try at("closed_price"), try at("closed_at"))
    }
}
