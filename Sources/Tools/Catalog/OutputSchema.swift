import AgentLoop
import Foundation

/// The JSON Schema of a value a tool writes. Each result type builds its own beside its coding keys, and a
/// test encodes real results against it, so the schema and the encoding cannot drift apart.
package indirect enum ValueSchema: Hashable, Sendable {
    case string
    case integer
    case number
    case boolean
    /// A string that is one of these.
    case oneOfStrings([String])
    /// Written as `null` when absent (a key that is always written).
    case nullable(ValueSchema)
    case array(ValueSchema)
    case object(ObjectSchema)
    /// An object whose keys are data (a variant's values by path), each value of one schema.
    case map(ValueSchema)
    case oneOf([ValueSchema])

    package var json: AgentJSON {
        switch self {
        case .string: ["type": "string"]
        case .integer: ["type": "integer"]
        case .number: ["type": "number"]
        case .boolean: ["type": "boolean"]
        case .oneOfStrings(let values): ["type": "string", "enum": AgentJSON.strings(values)]
        case .nullable(let schema): Self.orNull(schema.json)
        case .array(let items): ["type": "array", "items": items.json]
        case .object(let object): object.json
        case .map(let values): ["type": "object", "additionalProperties": values.json]
        case .oneOf(let schemas): ["oneOf": AgentJSON.array(schemas.map(\.json))]
        }
    }

    /// `{"type": ["number", "null"]}` for a plain type, else a choice with null.
    private static func orNull(_ schema: AgentJSON) -> AgentJSON {
        guard case .object(var properties) = schema, case .string(let type)? = properties["type"] else {
            return ["oneOf": [schema, ["type": "null"]]]
        }
        properties["type"] = [.string(type), "null"]
        return .object(properties)
    }
}

/// An object's keys: those always written, those always written but `null` when they have no value (what a
/// synthesized encoding does with an optional), and those left out when they have no value.
package struct ObjectSchema: Hashable, Sendable {
    package var properties: [String: ValueSchema]
    package var required: Set<String>

    package init(required: [String: ValueSchema], nullable: [String: ValueSchema] = [:], optional: [String: ValueSchema] = [:]) {
        properties = required.merging(nullable.mapValues(ValueSchema.nullable)) { first, _ in first }
            .merging(optional) { first, _ in first }
        self.required = Set(required.keys).union(nullable.keys)
    }

    /// These keys and another object's, for a result that writes, say, a strategy's facts beside its own.
    package func adding(_ other: ObjectSchema) -> ObjectSchema {
        var merged = self
        merged.properties.merge(other.properties) { first, _ in first }
        merged.required.formUnion(other.required)
        return merged
    }

    /// No other key is written, so none other is allowed.
    package var json: AgentJSON {
        [
            "type": "object",
            "properties": AgentJSON.object(properties.mapValues(\.json)),
            "required": AgentJSON.strings(required.sorted()),
            "additionalProperties": false,
        ]
    }
}

/// A tool result that states its own schema.
package protocol DescribedResult: ModelResult {
    static var outputSchema: ValueSchema { get }
}
