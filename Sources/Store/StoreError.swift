import Foundation

/// Everything that can go wrong in the store, each with what happened and how to fix it.
///
/// Messages name paths, ids and operations, never bound SQL values: a payload or a note
/// could hold something private, and errors end up on screens and in logs.
package enum StoreError: Error, Hashable, Sendable {
    /// The file or its directory could not be created or opened for writing.
    case cannotOpen(path: String, reason: String)
    /// The file exists but is not a readable SQLite database.
    case corrupt(path: String, reason: String)
    /// A newer stratchat applied migrations this build does not know.
    case newerDatabase(path: String, unknownMigrations: [String])
    /// No row of that kind with that id belongs to the user (another user's rows look the same).
    case notFound(kind: String, reference: String)
    /// A strategy has no such version.
    case versionNotFound(strategyId: String, version: Int, latest: Int)
    /// A signal action that the signal's state or the given numbers do not allow.
    case invalidAction(signalId: String, reason: String, fix: String)
    /// A value the caller passed cannot be stored as it is.
    case invalidInput(what: String, reason: String)
    /// Another paper account of the user is linked to the broker already; one set of keys reaches one broker
    /// account, where two linked accounts' positions would mix.
    case otherAccountLinked(account: String, linked: String, broker: String)
    /// A stored JSON column did not decode.
    case unreadableRow(table: String, id: String, reason: String)
    /// SQLite refused an operation; `message` is SQLite's own text, without bound values.
    case database(operation: String, path: String, message: String)
}

extension StoreError: LocalizedError {
    package var errorDescription: String? {
        "\(failureReason ?? "store error") \(recoverySuggestion ?? "")".trimmingCharacters(in: .whitespaces)
    }

    package var failureReason: String? {
        switch self {
        case .cannotOpen(let path, let reason):
            "Cannot open the database at \(path): \(reason)."
        case .corrupt(let path, let reason):
            "The database at \(path) is damaged or is not a stratchat database (\(reason))."
        case .newerDatabase(let path, let unknown):
            "The database at \(path) was written by a newer stratchat (unknown migrations: \(unknown.joined(separator: ", ")))."
        case .notFound(let kind, let reference):
            "No \(kind) \"\(reference)\" found for this user."
        case .versionNotFound(let id, let version, let latest):
            "Strategy \(id) has no version \(version); its versions are 1 to \(latest)."
        case .invalidAction(let id, let reason, _):
            "Cannot record that for signal \(id): \(reason)."
        case .invalidInput(let what, let reason):
            "Cannot store \(what): \(reason)."
        case .otherAccountLinked(let account, let linked, let broker):
            "Paper account \"\(account)\" cannot be linked: \"\(linked)\" is linked already, and the keys reach one \(broker.capitalized) account, where the two accounts' positions would mix."
        case .unreadableRow(let table, let id, let reason):
            "A row of \(table) (\(id)) could not be read: \(reason)."
        case .database(let operation, let path, let message):
            "The database at \(path) failed while \(operation): \(message)."
        }
    }

    package var recoverySuggestion: String? {
        switch self {
        case .cannotOpen:
            "Check that the directory exists and is writable, or set STRATCHAT_HOME to a writable directory."
        case .corrupt(let path, _):
            "Move all three files \(StratStore.files(at: path).joined(separator: ", ")) aside together (keep them if they hold work you need) and start stratchat again to create a fresh database, or restore a copy made with `stratchat data backup FILE`."
        case .newerDatabase:
            "Upgrade stratchat to the version that wrote it, or set STRATCHAT_HOME to another directory to start a separate database."
        case .notFound(let kind, _):
            kind == "signal"
                ? "Check the signal id against the list of your signals; ids are case-sensitive."
                : "List your strategies (/strategies) to see valid ids and names."
        case .versionNotFound:
            "List the strategy's versions and pick one of them."
        case .invalidAction(_, _, let fix):
            fix
        case .invalidInput:
            "Correct the value and try again."
        case .otherAccountLinked(_, let linked, _):
            "Unlink it first with `stratchat paper unlink \(linked)` (or /paper unlink \(linked))."
        case .unreadableRow:
            "The row was probably written by hand or by a damaged build; delete it or restore a backup."
        case .database(_, _, let message) where message.contains("constraint failed"):
            "The row clashes with one already stored or breaks a rule of the schema; check the id and values given."
        case .database:
            "Try again; if it persists, check free disk space and that no other program holds the file."
        }
    }
}
