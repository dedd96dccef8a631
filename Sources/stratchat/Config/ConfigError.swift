import Foundation

/// A config file or setting that cannot be used, naming where it came from and how to fix it.
enum ConfigError: Error, Hashable, LocalizedError {
    /// A line the TOML subset cannot read.
    case syntax(file: String, line: Int, problem: String, fix: String)
    /// A key stratchat does not know; `suggestion` is the nearest valid key.
    case unknownKey(file: String, line: Int, key: String, suggestion: String?)
    /// A key set twice in one file.
    case duplicateKey(file: String, line: Int, key: String, firstLine: Int)
    /// A value of the wrong kind or out of range; `origin` is "FILE line N", "$VARIABLE" or "--flag".
    case badValue(origin: String, key: String, value: String, expected: String)
    /// The file exists but cannot be read.
    case unreadable(file: String, reason: String)
    /// The provider, model and base URL settings do not make a usable choice; the message says which and why.
    case modelChoice(message: String)

    var errorDescription: String? {
        switch self {
        case let .syntax(file, line, problem, fix):
            "\(file) line \(line): \(problem) — \(fix)"
        case let .unknownKey(file, line, key, suggestion):
            "\(file) line \(line): unknown key \"\(key)\" — "
                + (suggestion.map { "did you mean \"\($0)\"? " } ?? "")
                + "Valid keys: \(ConfigKey.allCases.map(\.name).joined(separator: ", "))"
        case let .duplicateKey(file, line, key, firstLine):
            "\(file) line \(line): \"\(key)\" is already set on line \(firstLine) — keep one of the two"
        case let .badValue(origin, key, value, expected):
            "\(origin): \(key) must be \(expected), got \(value) — fix the value or remove it to use the default"
        case let .unreadable(file, reason):
            "cannot read the config file \(file) (\(reason)) — make it readable or remove it"
        case let .modelChoice(message):
            message
        }
    }
}
