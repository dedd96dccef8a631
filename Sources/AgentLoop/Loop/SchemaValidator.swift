/// One way a value fails a schema, with the JSON path to the offending part (`$.tickers[1]`).
package struct SchemaProblem: Hashable, Sendable, CustomStringConvertible {
    package var path: String
    package var message: String

    package var description: String { "\(path): \(message)" }
}

/// Checks tool arguments against the subset of JSON Schema that tool specs use:
/// `type` (one or several), `enum`, `const`, `properties`, `required`, `additionalProperties`,
/// `items`, `minItems`, `maxItems`, `minimum`, `maximum`, `minLength`, `anyOf` and `oneOf`.
///
/// Keywords outside the subset are ignored rather than rejected, so a richer schema still
/// works; the tool's own checks remain the last word.
package enum SchemaValidator {
    package static func problems(in value: AgentJSON, against schema: AgentJSON, path: String = "$") -> [SchemaProblem] {
        guard case .object(let rules) = schema else { return [] }
        var found: [SchemaProblem] = []

        if let expected = rules["type"] {
            let names = expected.arrayValue?.compactMap(\.stringValue) ?? [expected.stringValue].compactMap { $0 }
            if !names.isEmpty, !names.contains(where: { matches(value, type: $0) }) {
                let wanted = names.map(article).joined(separator: " or ")
                return [SchemaProblem(path: path, message: "expected \(wanted), found \(value.typeName)")]
            }
        }
        if let allowed = rules["enum"]?.arrayValue, !allowed.contains(value) {
            let list = allowed.map(\.compactText).joined(separator: ", ")
            found.append(SchemaProblem(path: path, message: "\(value.compactText) is not one of \(list)"))
        }
        if let constant = rules["const"], value != constant {
            found.append(SchemaProblem(path: path, message: "must be \(constant.compactText)"))
        }
        if let branches = (rules["anyOf"] ?? rules["oneOf"])?.arrayValue, !branches.isEmpty {
            let results = branches.map { problems(in: value, against: $0, path: path) }
            if !results.contains(where: \.isEmpty) {
                let first = results[0].first.map { " (first option: \($0.message))" } ?? ""
                found.append(SchemaProblem(path: path, message: "matches none of the allowed forms\(first)"))
            }
        }

        switch value {
        case .object(let members):
            found += objectProblems(members, rules: rules, path: path)
        case .array(let elements):
            if let minimum = rules["minItems"]?.numberValue, Double(elements.count) < minimum {
                found.append(SchemaProblem(path: path, message: "needs at least \(Int(minimum)) item(s)"))
            }
            if let maximum = rules["maxItems"]?.numberValue, Double(elements.count) > maximum {
                found.append(SchemaProblem(path: path, message: "allows at most \(Int(maximum)) item(s)"))
            }
            if let itemSchema = rules["items"] {
                for (index, element) in elements.enumerated() {
                    found += problems(in: element, against: itemSchema, path: "\(path)[\(index)]")
                }
            }
        case .number(let number):
            if let minimum = rules["minimum"]?.numberValue, number < minimum {
                found.append(SchemaProblem(path: path, message: "must be at least \(AgentJSON.number(minimum).compactText)"))
            }
            if let maximum = rules["maximum"]?.numberValue, number > maximum {
                found.append(SchemaProblem(path: path, message: "must be at most \(AgentJSON.number(maximum).compactText)"))
            }
        case .string(let text):
            if let minimum = rules["minLength"]?.numberValue, Double(text.count) < minimum {
                found.append(SchemaProblem(path: path, message: "must have at least \(Int(minimum)) character(s)"))
            }
        case .null, .bool:
            break
        }
        return found
    }

    private static func objectProblems(_ members: [String: AgentJSON], rules: [String: AgentJSON], path: String) -> [SchemaProblem] {
        var found: [SchemaProblem] = []
        let properties = rules["properties"]?.objectValue ?? [:]
        for key in (rules["required"]?.arrayValue ?? []).compactMap(\.stringValue) where members[key] == nil {
            found.append(SchemaProblem(path: "\(path).\(key)", message: "is required but missing"))
        }
        for key in members.keys.sorted() {
            let memberPath = "\(path).\(key)"
            if let propertySchema = properties[key] {
                found += problems(in: members[key]!, against: propertySchema, path: memberPath)
            } else if rules["additionalProperties"] == .bool(false) {
                let known = properties.keys.sorted().joined(separator: ", ")
                found.append(SchemaProblem(path: memberPath, message: "is not a known argument (known: \(known))"))
            } else if let extra = rules["additionalProperties"], case .object = extra {
                found += problems(in: members[key]!, against: extra, path: memberPath)
            }
        }
        return found
    }

    private static func matches(_ value: AgentJSON, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string),
            ("array", .array), ("object", .object):
            true
        case ("integer", .number(let number)):
            number.isFinite && number == number.rounded()
        default:
            false
        }
    }

    private static func article(_ type: String) -> String {
        switch type {
        case "null": "null"
        case "integer", "array", "object": "an \(type)"
        default: "a \(type)"
        }
    }
}
