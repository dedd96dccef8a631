import Foundation

/// How a list of conditions combines: all must hold, or any one.
package enum Logic: String, Codable, Hashable, Sendable, CaseIterable {
    case and = "AND"
    case or = "OR"

    /// Accepts "and"/"AND"/"And", since people and models write it every way.
    package init?(text: String) {
        switch text.uppercased() {
        case "AND": self = .and
        case "OR": self = .or
        default: return nil
        }
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let logic = Logic(text: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "logic must be \"AND\" or \"OR\", found \"\(text)\"")
        }
        self = logic
    }
}

/// A comparison between a field and a value, another field, or a range.
package enum ConditionOperator: String, Codable, Hashable, Sendable, CaseIterable {
    case gt, lt, gte, lte, eq, between
    case `in`
    case crossesAbove = "crosses_above"
    case crossesBelow = "crosses_below"

    /// The symbol a person reads ("<", "crosses above").
    package var symbol: String {
        switch self {
        case .gt: ">"
        case .lt: "<"
        case .gte: ">="
        case .lte: "<="
        case .eq: "="
        case .between: "between"
        case .in: "in"
        case .crossesAbove: "crosses above"
        case .crossesBelow: "crosses below"
        }
    }
}

/// Another field used as the right-hand side of a condition, optionally scaled.
package struct FieldReference: Codable, Hashable, Sendable {
    package var field: String
    package var multiplier: Double?

    package init(field: String, multiplier: Double? = nil) {
        self.field = field
        self.multiplier = multiplier
    }
}

/// The right-hand side of a condition.
package enum ConditionValue: Hashable, Sendable {
    case number(Double)
    case numbers([Double])
    case field(FieldReference)
}

extension ConditionValue: Codable {
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let numbers = try? container.decode([Double].self) {
            self = .numbers(numbers)
        } else if let reference = try? container.decode(FieldReference.self) {
            self = .field(reference)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "a condition value must be a number, a list of numbers, or {\"field\": NAME, \"multiplier\": X}")
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .numbers(let values): try container.encode(values)
        case .field(let reference): try container.encode(reference)
        }
    }
}

/// One rule of a strategy: `field operator value`.
package struct Condition: Codable, Hashable, Sendable {
    package var field: String
    package var `operator`: ConditionOperator
    package var value: ConditionValue
    /// Kept for compatibility with the original design; the strategy's `entry_logic`/`exit_logic` decide.
    package var logic: Logic

    package init(field: String, operator: ConditionOperator, value: ConditionValue, logic: Logic = .and) {
        self.field = field
        self.operator = `operator`
        self.value = value
        self.logic = logic
    }

    enum CodingKeys: String, CodingKey {
        case field, `operator`, value, logic
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        field = try container.decode(String.self, forKey: .field)
        `operator` = try container.decode(ConditionOperator.self, forKey: .operator)
        value = try container.decode(ConditionValue.self, forKey: .value)
        logic = try container.decodeIfPresent(Logic.self, forKey: .logic) ?? .and
    }

    /// Every field this condition reads, the right-hand field included.
    package var fieldsUsed: [String] {
        if case .field(let reference) = value { return [field, reference.field] }
        return [field]
    }
}
