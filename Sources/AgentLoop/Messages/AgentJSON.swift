import Foundation

/// A JSON value as the agent loop sees it: tool schemas, tool arguments, wire bodies.
///
/// The loop knows no domain types, so it keeps its own small JSON value rather than
/// borrowing one from a domain module. Objects keep no key order; `compactText` sorts keys
/// so that the same value always prints the same bytes.
package enum AgentJSON: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([AgentJSON])
    case object([String: AgentJSON])
}

extension AgentJSON: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    package init(nilLiteral: ()) { self = .null }
    package init(booleanLiteral value: Bool) { self = .bool(value) }
    package init(integerLiteral value: Int) { self = .number(Double(value)) }
    package init(floatLiteral value: Double) { self = .number(value) }
    package init(stringLiteral value: String) { self = .string(value) }
    package init(arrayLiteral elements: AgentJSON...) { self = .array(elements) }
    package init(dictionaryLiteral elements: (String, AgentJSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension AgentJSON {
    package subscript(key: String) -> AgentJSON? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    package var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    package var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    package var arrayValue: [AgentJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    package var objectValue: [String: AgentJSON]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The JSON type with an article, for messages such as "expected a string, found a number".
    package var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Parses JSON text; a failure says where and what was expected, so a model can fix its output.
    package static func parse(_ text: String) throws(AgentJSONParseError) -> AgentJSON {
        var parser = AgentJSONParser(Array(text.utf8))
        return try parser.parseDocument()
    }

    /// Parses UTF-8 JSON bytes.
    package static func parse(_ data: Data) throws(AgentJSONParseError) -> AgentJSON {
        var parser = AgentJSONParser(Array(data))
        return try parser.parseDocument()
    }

    /// How many numbers in the value JSON cannot hold (NaN, infinity); `compactText` writes each as null.
    package var nonFiniteNumbers: Int {
        switch self {
        case .number(let value): value.isFinite ? 0 : 1
        case .array(let values): values.reduce(0) { $0 + $1.nonFiniteNumbers }
        case .object(let members): members.values.reduce(0) { $0 + $1.nonFiniteNumbers }
        case .null, .bool, .string: 0
        }
    }

    /// Compact text with sorted keys: the same value always gives the same bytes.
    package var compactText: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let value): out += Self.format(value)
        case .string(let value): Self.writeString(value, to: &out)
        case .array(let values):
            out += "["
            for (position, value) in values.enumerated() {
                if position > 0 { out += "," }
                value.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (position, key) in members.keys.sorted().enumerated() {
                if position > 0 { out += "," }
                Self.writeString(key, to: &out)
                out += ":"
                members[key]!.write(to: &out)
            }
            out += "}"
        }
    }

    /// Integers print without a fraction; non-finite numbers, which JSON cannot hold, print as null.
    private static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    private static func writeString(_ value: String, to out: inout String) {
        out += "\""
        // Most strings need no escape and are copied whole.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += value
            out += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(format: "%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension AgentJSON: Codable {
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([AgentJSON].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: AgentJSON].self) {
            self = .object(value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
