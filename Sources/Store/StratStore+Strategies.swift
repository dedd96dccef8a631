import Foundation
import GRDB
import StrategyCore

/// Strategies and their versions. Every change to a definition is a new version with its diff;
/// the `trading_strategies` row always holds the latest one.
extension StratStore {
    /// Stores a new strategy as version 1 with a fresh id and the store's clock for its timestamps.
    package func createStrategy(_ strategy: TradingStrategy, user: String, note: String? = nil) throws -> StoredStrategy {
        try write("creating a strategy") { db in
            try ensureUser(user, db)
            let time = now()
            var stored = StoredStrategy(id: makeId(), version: 1, definition: strategy)
            stored.userId = user
            stored.createdAt = time
            stored.updatedAt = time
            try db.execute(
                sql: """
                    INSERT INTO trading_strategies (id, user_id, name, description, natural_language_input,
                        strategy_definition, is_active, current_version, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [stored.id, user, stored.name, stored.description, stored.naturalLanguageInput,
                            try Self.encodeJSON(stored), stored.isActive, stored.version, time, time])
            try insertVersion(of: stored, diff: StrategyDiff(), note: note, db)
            return try reread(stored, db)
        }
    }

    /// The user's strategy with this exact id, or nil (also for another user's strategy).
    package func strategy(id: String, user: String) throws -> StoredStrategy? {
        try read("reading a strategy") { db in try fetchStrategy(id: id, user: user, db) }
    }

    /// The user's strategies, oldest first (ties by id, so the order never changes between runs).
    package func listStrategies(user: String, activeOnly: Bool = false) throws -> [StoredStrategy] {
        try read("listing strategies") { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT * FROM trading_strategies WHERE user_id = ? \(activeOnly ? "AND is_active = 1" : "") ORDER BY created_at, id",
                arguments: [user])
            return try rows.map(strategy(from:))
        }
    }

    /// The id, name and active flag of each of the user's strategies, in `listStrategies`' order, read without
    /// decoding any definition: all a ranking of many strategies needs of them.
    package func strategyHeadings(user: String) throws -> [StrategyHeading] {
        try read("listing strategies") { db in
            try Row.fetchAll(
                db.cachedStatement(sql: "SELECT id, name, is_active FROM trading_strategies WHERE user_id = ? ORDER BY created_at, id"),
                arguments: [user]
            ).map { StrategyHeading(id: $0[0], name: $0[1], isActive: $0[2]) }
        }
    }

    /// Saves a changed definition of the strategy `id` as a new version and returns it with what changed.
    ///
    /// Id, owner, creation time and the active flag are kept from the stored row (use `setActive` for
    /// the flag). A definition with no change is not a new version: the stored strategy comes back with
    /// an empty diff.
    package func updateStrategy(id: String, to definition: TradingStrategy, user: String, note: String? = nil) throws
        -> (StoredStrategy, StrategyDiff)
    {
        try write("updating a strategy") { db in
            guard let current = try fetchStrategy(id: id, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: id)
            }
            return try saveNewVersion(current: current, definition: definition, note: note, db)
        }
    }

    /// Saves an edited stored strategy as its next version (see `updateStrategy(id:to:user:note:)`).
    package func updateStrategy(_ edited: StoredStrategy, user: String, note: String? = nil) throws -> (StoredStrategy, StrategyDiff) {
        try updateStrategy(id: edited.id, to: edited.definition, user: user, note: note)
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
    package func revertStrategy(id: String, to version: Int, user: String) throws -> (StoredStrategy, StrategyDiff) {
        try write("restoring a strategy version") { db in
            guard let current = try fetchStrategy(id: id, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: id)
            }
            guard let row = try Row.fetchOne(
                db, sql: "SELECT * FROM strategy_versions WHERE strategy_id = ? AND version = ?", arguments: [id, version])
            else {
                throw StoreError.versionNotFound(strategyId: id, version: version, latest: current.version)
            }
            let old = try self.version(from: row).strategy.definition
            return try saveNewVersion(current: current, definition: old, note: "restored version \(version)", db)
        }
    }

    /// Pauses or resumes a strategy; a paused one is skipped by the daily scan. Not a new version:
    /// the definition is unchanged.
    @discardableResult
    package func setActive(id: String, user: String, active: Bool) throws -> StoredStrategy {
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
            // The running totals first: deleting them after the signals would walk them once per signal.
            for table in ["signal_count_totals", "strategy_signals", "strategy_backtests", "strategy_trials", "strategy_performance", "strategy_versions"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE strategy_id = ?", arguments: [id])
            }
            try db.execute(sql: "DELETE FROM trading_strategies WHERE id = ? AND user_id = ?", arguments: [id, user])
        }
    }

    // MARK: - Rows

    func fetchStrategy(id: String, user: String, _ db: Database) throws -> StoredStrategy? {
        try Row.fetchOne(db, sql: "SELECT * FROM trading_strategies WHERE id = ? AND user_id = ?", arguments: [id, user])
            .map(strategy(from:))
    }

    func ownsStrategy(_ id: String, user: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM trading_strategies WHERE id = ? AND user_id = ?)"),
            arguments: [id, user]
        ) ?? false
    }

    /// The stored definition with the row's bookkeeping columns, which are the authority for them.
    func strategy(from row: Row) throws -> StoredStrategy {
        let id: String = row["id"]
        let definition = try decodeJSON(TradingStrategy.self, row["strategy_definition"], table: "trading_strategies", id: id)
        var strategy = StoredStrategy(id: id, version: row["current_version"], definition: definition)
        strategy.userId = row["user_id"]
        strategy.isActive = row["is_active"]
        strategy.createdAt = row["created_at"]
        strategy.updatedAt = row["updated_at"]
        return strategy
    }

    func version(from row: Row) throws -> StrategyVersion {
        let id: String = row["strategy_id"]
        let number: Int = row["version"]
        let reference = "\(id) v\(number)"
        let definition = try decodeJSON(TradingStrategy.self, row["definition"], table: "strategy_versions", id: reference)
        var strategy = StoredStrategy(id: id, version: number, definition: definition)
        strategy.updatedAt = row["created_at"]
        let diff = try decodeJSON(StrategyDiff.self, row["diff"], table: "strategy_versions", id: reference)
        return StrategyVersion(strategyId: id, version: number, strategy: strategy, diff: diff, note: row["note"],
                               createdAt: row["created_at"])
    }

    func insertVersion(of strategy: StoredStrategy, diff: StrategyDiff, note: String?, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO strategy_versions (strategy_id, version, definition, diff, note, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [strategy.id, strategy.version, try Self.encodeJSON(strategy), try Self.encodeJSON(diff), note,
                        strategy.updatedAt])
    }

    /// Writes `definition` as the next version of `current`, unless nothing changed.
    func saveNewVersion(current: StoredStrategy, definition: TradingStrategy, note: String?, _ db: Database) throws
        -> (StoredStrategy, StrategyDiff)
    {
        let diff = StrategyDiff.between(current.definition, definition)
        guard !diff.isEmpty, let user = current.userId else { return (current, diff) }
        let id = current.id
        var next = StoredStrategy(id: id, version: current.version + 1, definition: definition)
        next.userId = user
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
    func reread(_ strategy: StoredStrategy, _ db: Database) throws -> StoredStrategy {
        guard let user = strategy.userId, let stored = try fetchStrategy(id: strategy.id, user: user, db) else {
            throw StoreError.notFound(kind: "strategy", reference: strategy.id)
        }
        return stored
    }
}

/// A strategy as a list names it: id, name and whether it is active.
package struct StrategyHeading: Hashable, Sendable {
    package var id: String
    package var name: String
    package var isActive: Bool

    package init(id: String, name: String, isActive: Bool) {
        self.id = id
        self.name = name
        self.isActive = isActive
    }
}
