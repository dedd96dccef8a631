import Foundation
import GRDB
import StrategyCore

/// Strategies and their versions. Every change to a definition is a new version with its diff;
/// the `trading_strategies` row always holds the latest one.
extension StratStore {
    /// Stores a new strategy as version 1 with a fresh id and the store's clock for its timestamps.
    package func createStrategy(_ strategy: TradingStrategy, user: String, note: String? = nil) throws -> TradingStrategy {
        try write("creating a strategy") { db in
            try ensureUser(user, db)
            var stored = strategy
            let time = now()
            stored.id = makeId()
            stored.userId = user
            stored.version = 1
            stored.createdAt = time
            stored.updatedAt = time
            try db.execute(
                sql: """
                    INSERT INTO trading_strategies (id, user_id, name, description, natural_language_input,
                        strategy_definition, is_active, current_version, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [stored.id, user, stored.name, stored.description, stored.naturalLanguageInput,
                            try Self.encodeJSON(stored), stored.isActive, 1, time, time])
            try insertVersion(of: stored, diff: StrategyDiff(), note: note, db)
            return try reread(stored, db)
        }
    }

    /// The user's strategy with this exact id, or nil (also for another user's strategy).
    package func strategy(id: String, user: String) throws -> TradingStrategy? {
        try read("reading a strategy") { db in try fetchStrategy(id: id, user: user, db) }
    }

    /// The user's strategies, oldest first (ties by id, so the order never changes between runs).
    package func listStrategies(user: String, activeOnly: Bool = false) throws -> [TradingStrategy] {
        try read("listing strategies") { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT * FROM trading_strategies WHERE user_id = ? \(activeOnly ? "AND is_active = 1" : "") ORDER BY created_at, id",
                arguments: [user])
            return try rows.map(strategy(from:))
        }
    }

    /// Saves a changed definition as a new version and returns it with what changed.
    ///
    /// `strategy.id` names the strategy; id, owner, creation time and the active flag are kept
    /// from the stored row (use `setActive` for the flag). A definition with no change is not a new
    /// version: the stored strategy comes back with an empty diff.
    package func updateStrategy(_ strategy: TradingStrategy, user: String, note: String? = nil) throws -> (TradingStrategy, StrategyDiff) {
        guard let id = strategy.id else {
            throw StoreError.invalidInput(what: "the strategy change", reason: "the strategy has no id; create it first")
        }
        return try write("updating a strategy") { db in
            guard let current = try fetchStrategy(id: id, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: id)
            }
            return try saveNewVersion(current: current, definition: strategy, note: note, db)
        }
    }

    /// Every version of the user's strategy, oldest first.
    package func versions(strategyId: String, user: String) throws -> [StrategyVersion] {
        try read("listing strategy versions") { db in
            guard try ownsStrategy(strategyId, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: strategyId)
            }
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM strategy_versions WHERE strategy_id = ? ORDER BY version", arguments: [strategyId])
            return try rows.map(version(from:))
        }
    }

    /// Makes the definition of `version` current again, as a new version equal to it.
    ///
    /// History is never rewritten: going back from 3 to 1 creates version 4, so the path stays visible.
    package func revertStrategy(id: String, to version: Int, user: String) throws -> (TradingStrategy, StrategyDiff) {
        try write("restoring a strategy version") { db in
            guard let current = try fetchStrategy(id: id, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: id)
            }
            guard let row = try Row.fetchOne(
                db, sql: "SELECT * FROM strategy_versions WHERE strategy_id = ? AND version = ?", arguments: [id, version])
            else {
                throw StoreError.versionNotFound(strategyId: id, version: version, latest: current.version ?? 1)
            }
            let old = try self.version(from: row).strategy
            return try saveNewVersion(current: current, definition: old, note: "restored version \(version)", db)
        }
    }

    /// Pauses or resumes a strategy; a paused one is skipped by the daily scan. Not a new version:
    /// the definition is unchanged.
    @discardableResult
    package func setActive(id: String, user: String, active: Bool) throws -> TradingStrategy {
        try write("changing a strategy's status") { db in
            try db.execute(
                sql: "UPDATE trading_strategies SET is_active = ?, updated_at = ? WHERE id = ? AND user_id = ?",
                arguments: [active, now(), id, user])
            guard db.changesCount > 0, let updated = try fetchStrategy(id: id, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: id)
            }
            return updated
        }
    }

    /// Deletes a strategy with its versions, backtests, trials, signals and performance, all or nothing.
    package func deleteStrategy(id: String, user: String) throws {
        try write("deleting a strategy") { db in
            guard try ownsStrategy(id, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: id)
            }
            for table in ["strategy_signals", "strategy_backtests", "strategy_trials", "strategy_performance", "strategy_versions"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE strategy_id = ?", arguments: [id])
            }
            try db.execute(sql: "DELETE FROM trading_strategies WHERE id = ? AND user_id = ?", arguments: [id, user])
        }
    }

    // MARK: - Rows

    func fetchStrategy(id: String, user: String, _ db: Database) throws -> TradingStrategy? {
        try Row.fetchOne(db, sql: "SELECT * FROM trading_strategies WHERE id = ? AND user_id = ?", arguments: [id, user])
            .map(strategy(from:))
    }

    func ownsStrategy(_ id: String, user: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM trading_strategies WHERE id = ? AND user_id = ?)", arguments: [id, user]
        ) ?? false
    }

    /// The stored definition with the row's bookkeeping columns, which are the authority for them.
    func strategy(from row: Row) throws -> TradingStrategy {
        let id: String = row["id"]
        var strategy = try decodeJSON(TradingStrategy.self, row["strategy_definition"], table: "trading_strategies", id: id)
        strategy.id = id
        strategy.userId = row["user_id"]
        strategy.version = row["current_version"]
        strategy.isActive = row["is_active"]
        strategy.createdAt = row["created_at"]
        strategy.updatedAt = row["updated_at"]
        return strategy
    }

    func version(from row: Row) throws -> StrategyVersion {
        let id: String = row["strategy_id"]
        let number: Int = row["version"]
        let reference = "\(id) v\(number)"
        var strategy = try decodeJSON(TradingStrategy.self, row["definition"], table: "strategy_versions", id: reference)
        strategy.id = id
        strategy.version = number
        strategy.updatedAt = row["created_at"]
        let diff = try decodeJSON(StrategyDiff.self, row["diff"], table: "strategy_versions", id: reference)
        return StrategyVersion(strategyId: id, version: number, strategy: strategy, diff: diff, note: row["note"],
                               createdAt: row["created_at"])
    }

    func insertVersion(of strategy: TradingStrategy, diff: StrategyDiff, note: String?, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO strategy_versions (strategy_id, version, definition, diff, note, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [strategy.id, strategy.version, try Self.encodeJSON(strategy), try Self.encodeJSON(diff), note,
                        strategy.updatedAt])
    }

    /// Writes `definition` as the next version of `current`, unless nothing changed.
    func saveNewVersion(current: TradingStrategy, definition: TradingStrategy, note: String?, _ db: Database) throws
        -> (TradingStrategy, StrategyDiff)
    {
        let diff = StrategyDiff.between(current, definition)
        guard !diff.isEmpty, let id = current.id, let user = current.userId else { return (current, diff) }
        var next = definition
        next.id = id
        next.userId = user
        next.version = (current.version ?? 1) + 1
        next.isActive = current.isActive
        next.createdAt = current.createdAt
        next.updatedAt = now()
        try db.execute(
            sql: """
                UPDATE trading_strategies SET name = ?, description = ?, natural_language_input = ?,
                    strategy_definition = ?, current_version = ?, updated_at = ?
                WHERE id = ? AND user_id = ?
                """,
            arguments: [next.name, next.description, next.naturalLanguageInput, try Self.encodeJSON(next), next.version,
                        next.updatedAt, id, user])
        try insertVersion(of: next, diff: diff, note: note, db)
        return (try reread(next, db), diff)
    }

    /// The strategy as stored, so a caller holds exactly what a later read returns
    /// (stored instants keep milliseconds; the clock may have finer ones).
    func reread(_ strategy: TradingStrategy, _ db: Database) throws -> TradingStrategy {
        guard let id = strategy.id, let user = strategy.userId, let stored = try fetchStrategy(id: id, user: user, db) else {
            throw StoreError.notFound(kind: "strategy", reference: strategy.id ?? "")
        }
        return stored
    }
}
