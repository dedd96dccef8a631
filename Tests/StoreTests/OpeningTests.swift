import Foundation
import GRDB
@testable import Store
import StrategyCore
import Testing

@Suite("Opening and migrating the database")
struct OpeningTests {
    static let tables = [
        "alert_deliveries", "alert_outbox", "api_usage", "backtest_figures", "holdout_openings", "market_data_cache", "paper_account_strategies", "paper_accounts",
        "paper_broker_links", "paper_broker_orders",
        "paper_equity", "paper_halts", "paper_orders", "paper_positions", "paper_trades", "portfolio_trades", "price_bars",
        "signal_count_totals", "strategy_backtests", "strategy_holdouts", "strategy_performance", "strategy_signals", "strategy_sweeps", "strategy_trials", "strategy_versions",
        "trading_strategies", "users",
    ]
    static let migrations = ["v1-initial", "v2-signal-action-index", "v3-signal-trade-columns", "v4-price-bar-close-only",
                             "v5-strategy-trials", "v6-paper-accounts", "v7-alert-deliveries", "v8-signal-cover-index", "v9-holdout-openings",
                             "v10-paper-alpaca-link", "v11-alert-outbox", "v12-signal-count-totals", "v13-strategy-sweeps",
                             "v14-backtest-figures"]

    @Test("a fresh database gets every table, index and the first migration")
    func freshMigration() throws {
        let store = try Fixtures.store()
        #expect(try store.appliedMigrations() == Self.migrations)
        let (tables, indexes, foreignKeys) = try store.writer.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations' ORDER BY name"),
             try String.fetchSet(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx_%'"),
             try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(tables == Self.tables)
        #expect(indexes.isSuperset(of: ["idx_strategies_user_id", "idx_signals_user_id", "idx_signals_signal_date",
                                        "idx_backtests_strategy_id", "idx_trials_strategy_id",
                                        "idx_holdout_openings_strategy"]))
        #expect(foreignKeys == true)
    }

    /// A shipped migration must never change, or databases made by earlier builds would differ from
    /// new ones. The number is the FNV-1a hash of the v1 SQL as shipped; if this test fails, undo the
    /// edit and append a new migration instead. (It is a tamper seal, not a computed result.)
    @Test("the shipped v1 migration is unchanged")
    func shippedMigrationUnchanged() {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in StoreMigrations.v1Initial.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        #expect(String(hash, radix: 16) == "70b98d337c6302c0")
        #expect(StoreMigrations.identifiers.first == "v1-initial")
    }

    @Test("the database file is stratchat.db in the home directory")
    func defaultPath() {
        #expect(StratStore.path(inHome: "/home/ann/.local/share/stratchat") == "/home/ann/.local/share/stratchat/stratchat.db")
    }

    @Test("a file database is in WAL mode, keeps its rows and migrates only once")
    func fileDatabase() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("nested/home/stratchat.db").path
        let id: String
        do {
            let store = try StratStore.open(at: path)
            id = try store.createStrategy(Fixtures.rsiDip(), user: "ann").id
            let mode = try store.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
        }
        let reopened = try StratStore.open(at: path)
        #expect(try reopened.strategy(id: id, user: "ann")?.name == "RSI dip")
        #expect(try reopened.appliedMigrations() == Self.migrations)
    }

    @Test("a database from before the close-only flag gets it for the series stored from closes alone, and only those")
    func closeOnlyBackfill() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("stratchat.db").path
        do {
            // The schema an earlier build left, with the rows its importer wrote: closes alone as o = h = l = c, volume 0.
            let old = try DatabaseQueue(path: path)
            try StoreMigrations.migrator.migrate(old, upTo: "v3-signal-trade-columns")
            try old.write { db in
                for (ticker, day, open, volume) in [("CLOSE", 14_000, 10.0, 0.0), ("CLOSE", 14_001, 11.0, 0.0),
                                                    ("FULL", 14_000, 10.0, 0.0), ("FULL", 14_001, 10.5, 500.0)] {
                    let close = ticker == "CLOSE" ? open : 11.0
                    try db.execute(sql: "INSERT INTO price_bars VALUES ('csv', ?, ?, ?, ?, ?, ?, ?)",
                                   arguments: [ticker, day, open, max(open, close), min(open, close), close, volume])
                }
            }
        }
        let store = try StratStore.open(at: path)
        #expect(try store.appliedMigrations().contains("v4-price-bar-close-only"))
        #expect(try store.bars(source: "csv", ticker: "CLOSE")?.closeOnlyCount == 2)
        #expect(try store.bars(source: "csv", ticker: "FULL")?.closeOnlyCount == 0)
    }

    @Test("a database from a newer stratchat is refused with its path and what to do")
    func newerDatabase() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("stratchat.db").path
        do {
            let store = try StratStore.open(at: path)
            try store.writer.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
            }
        }
        let error = #expect(throws: StoreError.self) { try StratStore.open(at: path) }
        #expect(error == .newerDatabase(path: path, unknownMigrations: ["v9-from-the-future"]))
        let message = error?.localizedDescription ?? ""
        #expect(message.contains(path))
        #expect(message.contains("Upgrade stratchat"))
    }

    @Test("a file of garbage bytes is reported as damaged, naming the path")
    func corruptFile() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("stratchat.db").path
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try StratStore.open(at: path) }
        guard case .corrupt(let reportedPath, _) = error else {
            Issue.record("expected .corrupt, got \(String(describing: error))")
            return
        }
        #expect(reportedPath == path)
        let message = error?.localizedDescription ?? ""
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(message.contains(file), "the advice names \(file): \(message)")
        }
        #expect(message.contains("stratchat data backup"))
    }

    @Test("another program's SQLite database is not taken over")
    func foreignDatabase() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("other.db").path
        do {
            let other = try DatabaseQueue(path: path)
            try other.write { db in try db.execute(sql: "CREATE TABLE notes (body TEXT)") }
        }
        let error = #expect(throws: StoreError.self) { try StratStore.open(at: path) }
        #expect(error == .corrupt(path: path, reason: "it is a SQLite database of another program"))
    }

    @Test("a value JSON cannot hold is refused with a clear error, not stored")
    func nonFiniteJSON() throws {
        let store = try Fixtures.store()
        let strategy = try store.createStrategy(Fixtures.rsiDip(), user: "ann")
        var backtest = Fixtures.backtest(strategyId: strategy.id)
        backtest.sharpeRatio = .infinity
        let error = #expect(throws: StoreError.self) { try store.saveBacktest(backtest, user: "ann") }
        #expect(error?.localizedDescription.contains("NaN or infinity") == true)
        #expect(try store.backtests(strategyId: strategy.id, user: "ann").isEmpty)
    }

    @Test("a path whose directory cannot be created gives an error naming the path")
    func unwritablePath() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let blocker = directory.appendingPathComponent("a-file")
        try Data("not a directory".utf8).write(to: blocker)
        let path = blocker.appendingPathComponent("stratchat.db").path
        let error = #expect(throws: StoreError.self) { try StratStore.open(at: path) }
        guard case .cannotOpen(let reportedPath, _) = error else {
            Issue.record("expected .cannotOpen, got \(String(describing: error))")
            return
        }
        #expect(reportedPath == path)
        #expect(error?.localizedDescription.contains("STRATCHAT_HOME") == true)
    }

    @Test("a path that is a directory gives an error naming the path")
    func directoryPath() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = #expect(throws: StoreError.self) { try StratStore.open(at: directory.path) }
        #expect(error == .cannotOpen(path: directory.path, reason: "it is a directory"))
    }

    @Test("an empty user id is refused before anything is written")
    func emptyUser() throws {
        let store = try Fixtures.store()
        #expect(throws: StoreError.self) { try store.ensureUser("  ") }
        #expect(try store.users().isEmpty)
        try store.ensureUser("ann")
        try store.ensureUser("ann")
        #expect(try store.users() == ["ann"])
    }

    @Test("two stores on one file (a scan beside a chat) both write without losing a row")
    func concurrentWriters() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("stratchat.db").path
        let stores = [try StratStore.open(at: path), try StratStore.open(at: path)]
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for i in 0..<40 {
                do {
                    var strategy = try stores[worker].createStrategy(Fixtures.rsiDip(name: "w\(worker)-\(i)"), user: "ann")
                    strategy.riskParameters.stopLossPct = 5
                    _ = try stores[worker].updateStrategy(strategy, user: "ann")
                } catch {
                    failures.add(error)
                }
            }
        }
        #expect(failures.errors.isEmpty, "\(failures.errors)")
        let all = try stores[0].listStrategies(user: "ann")
        #expect(all.count == 80)
        #expect(all.allSatisfy { $0.version == 2 })
    }

    @Test("a database error names the table and operation but never the values bound to the statement")
    func errorsHideBoundValues() throws {
        let store = try Fixtures.store()
        let strategy = try store.createStrategy(Fixtures.rsiDip(), user: "ann")
        var first = Fixtures.signal(strategyId: strategy.id)
        first.signalId = "fixed-id"
        _ = try store.upsertSignal(first, user: "ann")
        var clash = Fixtures.signal(strategyId: strategy.id, ticker: "MSFT")
        clash.signalId = "fixed-id"
        clash.reasoning = "api_key=sk-secret-123"
        let error = #expect(throws: StoreError.self) { try store.upsertSignal(clash, user: "ann") }
        let message = error?.localizedDescription ?? ""
        #expect(message.contains("strategy_signals.signal_id"), "\(message)")
        #expect(!message.contains("sk-secret-123"))
        #expect(!message.contains("MSFT"))
        #expect(message.contains("clashes with one already stored"))
    }
}

/// Errors collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [any Error] = []
    func add(_ error: any Error) { lock.withLock { list.append(error) } }
    var errors: [String] { lock.withLock { list.map { "\($0)" } } }
}
