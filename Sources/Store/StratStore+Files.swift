import Foundation
import GRDB

/// The database's files on disk: who may read them, how they are closed so nothing is left in the
/// write-ahead log, and a consistent copy for safe keeping.
extension StratStore {
    /// The database file and the two SQLite keeps beside it while it is open; recovery advice names all
    /// three, since moving the first alone strands the last writes in the `-wal` file.
    package static func files(at path: String) -> [String] {
        [path, path + "-wal", path + "-shm"]
    }

    /// Closes every connection, so the last one checkpoints the write-ahead log into the database and
    /// removes `-wal` and `-shm`. Safe to call twice; later use of the store fails.
    package func close() throws {
        try mapErrors("closing") {
            if let pool = writer as? DatabasePool {
                try pool.close()
                // The pool's last connection to close is a read-only reader, which cannot checkpoint. One
                // read-write connection opened and closed alone moves the log into the database and
                // removes -wal and -shm, unless another process still has the file open.
                try DatabaseQueue(path: path, configuration: Self.configuration()).close()
            } else if let queue = writer as? DatabaseQueue {
                try queue.close()
            }
        }
        StoreRegistry.shared.remove(self)
    }

    /// Copies the whole database to a new file at `destination` with SQLite's online backup, consistent
    /// even while another stratchat writes. The copy is readable by its owner only.
    package func backup(to destination: String) throws {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw StoreError.cannotOpen(path: destination, reason: "a file is already there; name a new file")
        }
        guard FileManager.default.createFile(atPath: destination, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw StoreError.cannotOpen(path: destination, reason: "the file cannot be created")
        }
        do {
            let copy = try DatabaseQueue(path: destination)
            try mapErrors("backing up") { try writer.backup(to: copy) }
            try copy.close()
        } catch {
            try? FileManager.default.removeItem(atPath: destination)
            if let error = error as? DatabaseError { throw Self.openingError(error, path: destination) }
            throw error
        }
    }

    /// Makes the home folder 0700 and the database files 0600 (owner only), creating the folder and an
    /// empty database file when missing, so SQLite gives the `-wal` and `-shm` it creates the same mode.
    /// Returns one sentence per file whose permissions an earlier version left wider.
    static func secureFiles(at path: String) throws -> [String] {
        let manager = FileManager.default
        let directory = (path as NSString).deletingLastPathComponent
        var notes: [String] = []
        if !directory.isEmpty {
            if manager.fileExists(atPath: directory) {
                if manager.fileExists(atPath: path), let note = tighten(directory, to: 0o700) { notes.append(note) }
            } else {
                do {
                    try manager.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
                } catch {
                    throw StoreError.cannotOpen(path: path, reason: "the directory \(directory) cannot be created")
                }
            }
        }
        if !manager.fileExists(atPath: path) {
            _ = manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        for file in files(at: path) where manager.fileExists(atPath: file) {
            if let note = tighten(file, to: 0o600) { notes.append(note) }
        }
        return notes
    }

    /// Removes group and other access from a file or folder the user owns; a shared folder (sticky, as
    /// /tmp is) or another owner's file is left as it is.
    private static func tighten(_ path: String, to mode: mode_t) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_uid == getuid(), info.st_mode & S_ISVTX == 0 else { return nil }
        let current = info.st_mode & 0o777
        guard current & 0o077 != 0, chmod(path, mode) == 0 else { return nil }
        return "made \(path) readable by its owner only (it was \(String(current, radix: 8)), now \(String(mode, radix: 8)))"
    }
}

/// The stores this process has open, so every way out (a normal end, `exit`, a termination signal)
/// can close them and leave no write-ahead log behind.
final class StoreRegistry: @unchecked Sendable {
    static let shared = StoreRegistry()
    private let lock = NSLock()

    /// A registry of its own, so a test can close the stores it registered without closing another test's.
    init() {}
    private var stores: [ObjectIdentifier: Weak] = [:]

    private struct Weak { weak var store: StratStore? }

    func add(_ store: StratStore) {
        lock.withLock {
            stores = stores.filter { $0.value.store != nil }
            stores[ObjectIdentifier(store)] = Weak(store: store)
        }
    }

    func remove(_ store: StratStore) { _ = lock.withLock { stores.removeValue(forKey: ObjectIdentifier(store)) } }

    func closeAll() {
        for store in lock.withLock({ stores.values.compactMap(\.store) }) { try? store.close() }
    }
}

extension StratStore {
    /// Closes every store this process opened (see `close()`); for the program's exit paths.
    package static func closeAll() {
        StoreRegistry.shared.closeAll()
    }
}
