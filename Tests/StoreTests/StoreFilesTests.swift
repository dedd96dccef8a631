import Foundation
@testable import Store
import Testing

@Suite("The database's files: owner-only, closed without a write-ahead log, backed up whole")
struct StoreFilesTests {
    func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test("a new home folder is 0700 and the database, -wal and -shm are 0600")
    func ownerOnly() throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let path = parent.appendingPathComponent("home/stratchat.db").path
        let store = try StratStore.open(at: path)
        try store.ensureUser("ann")
        #expect(try mode(parent.appendingPathComponent("home").path) == 0o700)
        for file in StratStore.files(at: path) {
            #expect(FileManager.default.fileExists(atPath: file), "\(file) exists while open")
            #expect(try mode(file) == 0o600, "\(file)")
        }
        #expect(store.notices.isEmpty)
        try store.close()
    }

    @Test("permissions an earlier version left wide are tightened, and said once")
    func tightened() throws {
        let home = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let path = home.appendingPathComponent("stratchat.db").path
        try StratStore.open(at: path).close()
        chmod(home.path, 0o755)
        chmod(path, 0o644)
        let store = try StratStore.open(at: path)
        #expect(store.notices.count == 2, "\(store.notices)")
        #expect(store.notices.allSatisfy { $0.contains("owner only") })
        #expect(try mode(home.path) == 0o700)
        #expect(try mode(path) == 0o600)
        try store.close()
        let again = try StratStore.open(at: path)
        #expect(again.notices.isEmpty, "said once: \(again.notices)")
        try again.close()
    }

    @Test("closing checkpoints the log: no -wal or -shm remain and stratchat.db alone holds every write")
    func closeCheckpoints() throws {
        let home = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let path = home.appendingPathComponent("stratchat.db").path
        let store = try StratStore.open(at: path)
        try store.ensureUser("ann")
        _ = try store.users()
        try store.close()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: path + "-shm"))
        // Moved alone, as the recovery advice once said, the file must still hold the user.
        let moved = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: moved) }
        let copy = moved.appendingPathComponent("stratchat.db").path
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let reopened = try StratStore.open(at: copy)
        #expect(try reopened.users() == ["ann"])
        try reopened.close()
    }

    /// A registry of the test's own: the process-wide one would also close the stores of tests running beside it.
    @Test("closeAll closes every open store, as every exit path does")
    func closeAll() throws {
        let home = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let path = home.appendingPathComponent("stratchat.db").path
        let store = try StratStore.open(at: path)
        try store.ensureUser("bob")
        let registry = StoreRegistry()
        registry.add(store)
        registry.closeAll()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(throws: StoreError.self) { try store.users() }
    }

    @Test("a backup is a whole database, taken while the store is open, and never overwrites a file")
    func backup() throws {
        let home = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let path = home.appendingPathComponent("stratchat.db").path
        let store = try StratStore.open(at: path)
        try store.ensureUser("cy")
        let target = home.appendingPathComponent("copy.db").path
        try store.backup(to: target)
        #expect(try mode(target) == 0o600)
        #expect(throws: StoreError.self) { try store.backup(to: target) }
        try store.close()
        let copy = try StratStore.open(at: target)
        #expect(try copy.users() == ["cy"])
        try copy.close()
    }
}
