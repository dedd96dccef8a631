/// A value written in a config file or an environment variable.
enum ConfigValue: Hashable, Sendable, CustomStringConvertible {
    case string(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)

    /// The value as it would be written in the file.
    var description: String {
        switch self {
        case .string(let text): "\"\(text)\""
        case .integer(let value): String(value)
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .boolean(let value): String(value)
        }
    }

    /// The value shown to a person: strings without quotes.
    var plain: String {
        if case .string(let text) = self { return text }
        return description
    }

    var kindName: String {
        switch self {
        case .string: "a string"
        case .integer: "a whole number"
        case .number: "a number"
        case .boolean: "true or false"
        }
    }

    /// The value as a number, when it is one (a whole number counts).
    var numeric: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }
}

/// One `key = value` line of a config file, with its section folded into the key (`[keys]` + `fmp` is
/// `keys.fmp`) and the line number for error messages.
struct ConfigEntry: Hashable, Sendable {
    let key: String
    let value: ConfigValue
    let line: Int
}
