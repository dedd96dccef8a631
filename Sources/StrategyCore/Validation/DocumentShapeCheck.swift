import Basics
import Foundation

/// Walks a parsed strategy file and reports every missing key, unknown key and wrong type with its path,
/// where `Decodable` would stop at the first one.
struct DocumentShapeCheck {
    private(set) var problems: [StrategyProblem] = []

    mutating func check(document: JSONValue) {
        guard case .object(let object) = document else {
            problems.append(StrategyProblem(
                path: "", message: "the file holds \(document.typeName), not a strategy object",
                fix: "a strategy file is one JSON object with \(StrategyFileFormat.requiredKeys.joined(separator: ", "))"))
            return
        }
        checkKeys(object, at: "", required: StrategyFileFormat.requiredKeys, optional: StrategyFileFormat.optionalKeys)
        for key in StrategyFileFormat.allKeys {
            guard let value = object[key] else { continue }
            let isOptional = StrategyFileFormat.optionalKeys.contains(key)
            if isOptional, value.isNull { continue }
            check(key: key, value: value)
        }
    }

    private mutating func check(key: String, value: JSONValue) {
        switch key {
        case "name", "description", "natural_language_input", "id", "user_id":
            expectString(value, at: key)
        case "version":
            expectWholeNumber(value, at: key)
        case "is_active":
            if value.boolValue == nil { typeProblem(at: key, expected: "true or false", found: value) }
        case "created_at", "updated_at":
            guard let text = expectString(value, at: key) else { return }
            if ISO8601DateFormatter().date(from: text) == nil {
                problems.append(StrategyProblem(
                    path: key, message: "\"\(text)\" is not an ISO 8601 time",
                    fix: "write it as 2026-01-31T14:30:00Z"))
            }
        case "timeframe":
            guard let text = expectString(value, at: key) else { return }
            if Timeframe(rawValue: text) == nil {
                problems.append(StrategyProblem(
                    path: key, message: "unknown timeframe \"\(text)\"",
                    fix: oneOf(Timeframe.allCases.map(\.rawValue), near: text)))
            }
        case "entry_logic", "exit_logic":
            checkLogic(value, at: key)
        case "entry_conditions", "exit_conditions":
            guard let list = expectArray(value, at: key) else { return }
            for (index, item) in list.enumerated() { checkCondition(item, at: "\(key)[\(index)]") }
        case "risk_parameters":
            checkRisk(value)
        case "data_requirements":
            guard let list = expectArray(value, at: key) else { return }
            for (index, item) in list.enumerated() { checkDataRequirement(item, at: "\(key)[\(index)]") }
        default:
            break
        }
    }

    private mutating func checkCondition(_ value: JSONValue, at path: String) {
        guard let object = expectObject(value, at: path) else { return }
        checkKeys(object, at: path, required: StrategyFileFormat.conditionRequiredKeys,
                  optional: StrategyFileFormat.conditionOptionalKeys)
        if let field = object["field"] { expectString(field, at: "\(path).field") }
        if let op = object["operator"], let text = expectString(op, at: "\(path).operator"),
           ConditionOperator(rawValue: text) == nil {
            problems.append(StrategyProblem(
                path: "\(path).operator", message: "unknown operator \"\(text)\"",
                fix: DocumentShapeCheck.operatorFix(text)))
        }
        if let logic = object["logic"], !logic.isNull { checkLogic(logic, at: "\(path).logic") }
        guard let conditionValue = object["value"] else { return }
        switch conditionValue {
        case .number:
            break
        case .array(let items):
            for (index, item) in items.enumerated() where item.numberValue == nil {
                typeProblem(at: "\(path).value[\(index)]", expected: "a number", found: item)
            }
        case .object(let reference):
            checkKeys(reference, at: "\(path).value", required: StrategyFileFormat.fieldReferenceRequiredKeys,
                      optional: StrategyFileFormat.fieldReferenceOptionalKeys)
            if let field = reference["field"] { expectString(field, at: "\(path).value.field") }
            if let multiplier = reference["multiplier"], !multiplier.isNull, multiplier.numberValue == nil {
                typeProblem(at: "\(path).value.multiplier", expected: "a number", found: multiplier)
            }
        default:
            typeProblem(at: "\(path).value", expected: #"a number, a list of numbers, or {"field": NAME}"#,
                        found: conditionValue)
        }
    }

    private mutating func checkRisk(_ value: JSONValue) {
        let path = "risk_parameters"
        guard let object = expectObject(value, at: path) else { return }
        checkKeys(object, at: path, required: [], optional: StrategyFileFormat.riskKeys)
        for key in StrategyFileFormat.riskKeys {
            guard let item = object[key], !item.isNull else { continue }
            if key == RiskParameters.CodingKeys.maxHoldDays.rawValue {
                expectWholeNumber(item, at: "\(path).\(key)")
            } else if item.numberValue == nil {
                typeProblem(at: "\(path).\(key)", expected: "a number or null", found: item)
            }
        }
    }

    private mutating func checkDataRequirement(_ value: JSONValue, at path: String) {
        guard let object = expectObject(value, at: path) else { return }
        checkKeys(object, at: path, required: StrategyFileFormat.dataRequirementRequiredKeys,
                  optional: StrategyFileFormat.dataRequirementOptionalKeys)
        if let source = object["source"], let text = expectString(source, at: "\(path).source"),
           DataRequirement.Source(rawValue: text) == nil {
            problems.append(StrategyProblem(
                path: "\(path).source", message: "unknown data source \"\(text)\"",
                fix: oneOf(DataRequirement.Source.allCases.map(\.rawValue), near: text)))
        }
        if let dataType = object["data_type"] { expectString(dataType, at: "\(path).data_type") }
        if let parameters = object["parameters"], !parameters.isNull { expectObject(parameters, at: "\(path).parameters") }
    }

    private mutating func checkLogic(_ value: JSONValue, at path: String) {
        guard let text = expectString(value, at: path) else { return }
        if Logic(text: text) == nil {
            problems.append(StrategyProblem(
                path: path, message: "unknown logic \"\(text)\"",
                fix: #"use "AND" (all must hold) or "OR" (any one)"#))
        }
    }

    /// Missing required keys and unknown keys (a typo in an optional key would otherwise pass silently).
    private mutating func checkKeys(_ object: [String: JSONValue], at path: String, required: [String], optional: [String]) {
        let prefix = path.isEmpty ? "" : "\(path)."
        for key in required where object[key] == nil {
            let fix = path.isEmpty ? StrategyFileFormat.example(forRequired: key, in: object) : "add \"\(key)\""
            problems.append(StrategyProblem(path: "\(prefix)\(key)", message: "missing required key \"\(key)\"", fix: fix))
        }
        let known = required + optional
        for key in object.keys.sorted() where !known.contains(key) {
            // A key cut short (`stop_loss` for `stop_loss_pct`) is as likely as a typo.
            let truncated = key.count >= 3 ? known.first { $0.hasPrefix(key) || key.hasPrefix($0) } : nil
            let fix = (truncated ?? EditDistance.closest(to: key, in: known)).map { "did you mean \"\($0)\"? Otherwise remove it" }
                ?? "remove it; known keys here: \(known.joined(separator: ", "))"
            problems.append(StrategyProblem(path: "\(prefix)\(key)", message: "unknown key \"\(key)\"", fix: fix))
        }
    }

    @discardableResult
    private mutating func expectString(_ value: JSONValue, at path: String) -> String? {
        if let text = value.stringValue { return text }
        typeProblem(at: path, expected: "a string", found: value)
        return nil
    }

    @discardableResult
    private mutating func expectArray(_ value: JSONValue, at path: String) -> [JSONValue]? {
        if let list = value.arrayValue { return list }
        typeProblem(at: path, expected: "a list", found: value)
        return nil
    }

    @discardableResult
    private mutating func expectObject(_ value: JSONValue, at path: String) -> [String: JSONValue]? {
        if let object = value.objectValue { return object }
        typeProblem(at: path, expected: "an object", found: value)
        return nil
    }

    private mutating func expectWholeNumber(_ value: JSONValue, at path: String) {
        guard let number = value.numberValue else {
            typeProblem(at: path, expected: "a whole number", found: value)
            return
        }
        if number != number.rounded() || abs(number) > Double(Int32.max) {
            problems.append(StrategyProblem(
                path: path, message: "expected a whole number, found \(PlainNumber.text(number))",
                fix: "write a whole number, e.g. \(PlainNumber.text(max(1, number.rounded())))"))
        }
    }

    private mutating func typeProblem(at path: String, expected: String, found: JSONValue) {
        problems.append(StrategyProblem(
            path: path, message: "expected \(expected), found \(found.typeName)",
            fix: "write \(expected) here"))
    }

    private func oneOf(_ choices: [String], near text: String) -> String {
        let list = choices.map { "\"\($0)\"" }.joined(separator: ", ")
        if let near = EditDistance.closest(to: text, in: choices) { return "did you mean \"\(near)\"? Use one of \(list)" }
        return "use one of \(list)"
    }

    /// Maps symbols and words people write (">", "above") to the operator names.
    static func operatorFix(_ text: String) -> String {
        let symbols: [String: ConditionOperator] = [
            ">": .gt, "<": .lt, ">=": .gte, "<=": .lte, "=": .eq, "==": .eq,
            "above": .gt, "below": .lt, "greater_than": .gt, "less_than": .lt, "equals": .eq,
            "cross_above": .crossesAbove, "cross_below": .crossesBelow, "crosses_over": .crossesAbove,
            "crosses_under": .crossesBelow,
        ]
        let names = ConditionOperator.allCases.map(\.rawValue)
        let normalized = text.lowercased().replacingOccurrences(of: " ", with: "_")
        if let op = symbols[normalized] ?? ConditionOperator(rawValue: normalized) ?? EditDistance.closest(to: normalized, in: names).flatMap(ConditionOperator.init(rawValue:)) {
            return "did you mean \"\(op.rawValue)\"? Operators: \(names.joined(separator: ", "))"
        }
        return "use one of \(names.joined(separator: ", "))"
    }
}
