import Foundation

/// Everything the executable itself can get wrong, each with what happened and how to fix it.
enum StratchatError: Error, Equatable, LocalizedError {
    /// The home folder could not be created or written.
    case homeUnusable(path: String, reason: String)
    /// A file named on the command line could not be read.
    case unreadableFile(path: String, reason: String)
    /// A file named by a command could not be written.
    case unwritableFile(path: String, reason: String)
    /// The database could not be opened; `message` is the store's own explanation.
    case storeUnavailable(path: String, message: String)

    var errorDescription: String? {
        switch self {
        case let .homeUnusable(path, reason):
            "cannot use the stratchat home folder \(path) (\(reason)) — "
                + "make it writable or choose another with --home or STRATCHAT_HOME"
        case let .unreadableFile(path, reason):
            "cannot read \(path) (\(reason)) — check the path and that the file is readable"
        case let .unwritableFile(path, reason):
            "cannot write \(path) (\(reason)) — check that its folder exists and is writable"
        case let .storeUnavailable(path, message):
            message.contains(path) ? message : "\(message) (database \(path))"
        }
    }

    /// The exit code DESIGN.md gives this kind of failure: all of these are bad input or environment (2).
    var exitCode: Int32 { 2 }
}
