import Foundation
import GRDB
import StrategyCore

/// stratchat's SQLite database: strategies and their versions, backtests, signals, performance,
/// the person's trades and cached market data.
///
/// Every strategy-related read and write takes the user id and matches it in SQL, so a row of
/// another user is simply "not found". Writes of several rows run in one transaction.
/// Files are opened as a WAL `DatabasePool` (readers never wait for the writer); tests use an
/// in-memory `DatabaseQueue`. Time and ids come from `now` and `makeId`, so tests and
/// transcript replays can pin them.
package final class StratStore: Sendable {
    /// Where the database lives, or ":memory:".
    package let path: String
    let writer: any DatabaseWriter
    let now: @Sendable () -> Date
    let makeId: @Sendable () -> String
    /// The open transaction of a `batch`, on the store that `batch` hands its body; nil otherwise.
    private let transaction: Transaction?

    /// The database's file name inside `$STRATCHAT_HOME`.
    package static let fileName = "stratchat.db"

    /// Where the database lives for a home directory: `<home>/stratchat.db`.
    package static func path(inHome home: String) -> String {
        (home as NSString).appendingPathComponent(fileName)
    }

    /// A fresh random id, lower-case like the rest of stratchat's output.
    package static let randomId: @Sendable () -> String = { UUID().uuidString.lowercased() }

    /// Sentences to show once about the opening, such as permissions an earlier version left too wide.
    package let notices: [String]

    init(path: String, writer: any DatabaseWriter, now: @escaping @Sendable () -> Date,
         makeId: @escaping @Sendable () -> String, notices: [String] = []) {
        self.notices = notices
        self.path = path
        self.writer = writer
        self.now = now
        self.makeId = makeId
        self.transaction = nil
    }

    /// The same store with every read and write running in `transaction`.
    private init(_ store: StratStore, transaction: Transaction) {
        notices = store.notices
        path = store.path
        writer = store.writer
        now = store.now
        makeId = store.makeId
        self.transaction = transaction
    }

    /// A batch's connection; only used while the batch's body runs, on its thread.
    private final class Transaction: @unchecked Sendable {
        let db: Database
        init(_ db: Database) { self.db = db }
    }

    /// Opens (creating when needed) the database file at `path` and brings its schema up to date.
    ///
    /// Refuses a file written by a newer stratchat rather than guess at a schema it does not know.
    package static func open(
        at path: String, now: @escaping @Sendable () -> Date = Date.init,
        makeId: @escaping @Sendable () -> String = StratStore.randomId
    ) throws -> StratStore {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw StoreError.cannotOpen(path: path, reason: "it is a directory")
        }
        if FileManager.default.fileExists(atPath: path), !FileManager.default.isWritableFile(atPath: path) {
            throw StoreError.cannotOpen(path: path, reason: "the file is not writable")
        }
        let notices = try secureFiles(at: path)
        do {
            let pool = try DatabasePool(path: path, configuration: configuration())
            let store = StratStore(path: path, writer: pool, now: now, makeId: makeId, notices: notices)
            try store.migrate()
            StoreRegistry.shared.add(store)
            return store
        } catch let error as DatabaseError {
            throw openingError(error, path: path)
        }
    }

    /// A private database in memory, for tests.
    package static func inMemory(
        now: @escaping @Sendable () -> Date = Date.init,
        makeId: @escaping @Sendable () -> String = StratStore.randomId
    ) throws -> StratStore {
        do {
            let queue = try DatabaseQueue(configuration: configuration())
            let store = StratStore(path: ":memory:", writer: queue, now: now, makeId: makeId)
            try store.migrate()
            return store
        } catch let error as DatabaseError {
            throw openingError(error, path: ":memory:")
        }
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Another stratchat (a cron scan, a second terminal) may hold the write lock briefly.
        config.busyMode = .timeout(5)
        return config
    }

    /// Maps SQLite's refusal to open into an error that names the file.
    static func openingError(_ error: DatabaseError, path: String) -> StoreError {
        let message = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .corrupt(path: path, reason: message)
        case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_IOERR, .SQLITE_FULL:
            return .cannotOpen(path: path, reason: message)
        default:
            return .database(operation: "opening", path: path, message: message)
        }
    }

    /// Runs the migrations this build knows, after checking no newer build has been here.
    func migrate() throws {
        let migrator = StoreMigrations.migrator
        let applied = try writer.read { db in try migrator.appliedIdentifiers(db) }
        let unknown = applied.subtracting(StoreMigrations.identifiers).sorted()
        if !unknown.isEmpty {
            throw StoreError.newerDatabase(path: path, unknownMigrations: unknown)
        }
        if applied.isEmpty {
            // Another program's database: adding our tables to it would mix two schemas in one file.
            let foreignTables = try writer.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            } ?? 0
            if foreignTables > 0 {
                throw StoreError.corrupt(path: path, reason: "it is a SQLite database of another program")
            }
        }
        try migrator.migrate(writer)
    }

    /// The ids of the migrations applied to this database, in the order this build registers them.
    package func appliedMigrations() throws -> [String] {
        try read("reading the schema version") { db in try StoreMigrations.migrator.appliedMigrations(db) }
    }

    // MARK: - Running statements

    /// Runs `body` in one write transaction, mapping SQLite errors to `StoreError`. Inside a `batch` it runs in a
    /// savepoint of the batch's transaction, so it still holds or fails whole.
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        if let db = transaction?.db { return try mapErrors(operation) { try Self.inSavepoint(db, body) } }
        return try mapErrors(operation) { try writer.write(body) }
    }

    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        if let db = transaction?.db { return try mapErrors(operation) { try body(db) } }
        return try mapErrors(operation) { try writer.read(body) }
    }

    /// Runs `body` with a store whose reads and writes all share one transaction, committed when `body` returns
    /// and rolled back when it throws: many small writes then cost one commit. Inside a batch, a nested batch is
    /// a savepoint, so a part that throws is undone alone. The store handed to `body` must not outlive it.
    /// Other connections wait for the write lock while a batch is open (up to the busy timeout), so keep it short.
    package func batch<T>(_ operation: String, _ body: (StratStore) throws -> T) throws -> T {
        if let db = transaction?.db { return try mapErrors(operation) { try Self.inSavepoint(db) { _ in try body(self) } } }
        return try mapErrors(operation) { try writer.write { db in try body(StratStore(self, transaction: Transaction(db))) } }
    }

    private static func inSavepoint<T>(_ db: Database, _ body: (Database) throws -> T) throws -> T {
        var result: T?
        try db.inSavepoint {
            result = try body(db)
            return .commit
        }
        return result!
    }

    func mapErrors<T>(_ operation: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            // SQLite's message only: GRDB's description could include the statement's arguments.
            let message = error.message ?? "\(error.resultCode)"
            if error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
                throw StoreError.corrupt(path: path, reason: message)
            }
            throw StoreError.database(operation: operation, path: path, message: message)
        }
    }

    // MARK: - Users

    /// Makes sure the user has a row, so their strategies and trades can refer to it.
    package func ensureUser(_ id: String) throws {
        try write("adding user") { db in try ensureUser(id, db) }
    }

    /// Every user with a row, sorted; the daily scan walks them all.
    package func users() throws -> [String] {
        try read("listing users") { db in
            try String.fetchAll(db, sql: "SELECT user_id FROM users ORDER BY user_id")
        }
    }

    func ensureUser(_ id: String, _ db: Database) throws {
        guard !id.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError.invalidInput(what: "the user", reason: "the user id is empty; pass --user or set STRATCHAT_USER")
        }
        try db.execute(
            sql: "INSERT INTO users (user_id, created_at) VALUES (?, ?) ON CONFLICT(user_id) DO NOTHING",
            arguments: [id, now()])
    }

    // MARK: - JSON columns

    static func encodeJSON<T: Encodable>(_ value: T) throws -> String {
        do {
            return try StrategyJSON.encodeString(value)
        } catch {
            throw StoreError.invalidInput(
                what: "the \(T.self)", reason: "it holds a number JSON cannot represent (NaN or infinity)")
        }
    }

    func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String, table: String, id: String) throws -> T {
        do {
            return try StrategyJSON.decoder.decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError.unreadableRow(table: table, id: id, reason: "its JSON does not decode as \(T.self)")
        }
    }
}
