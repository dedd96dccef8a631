import Foundation

/// A strategy the store holds: its definition with the id and version the store gave it.
///
/// A `TradingStrategy` alone is a definition that may not be saved yet (a draft, such as a parsed
/// sentence or a file), so its id and version are optional. Code that works on a saved strategy takes
/// this type instead, where both are always there. The definition's other fields read through it
/// (`stored.name`, `stored.riskParameters`); editing one gives the change to save as the next version.
@dynamicMemberLookup
package struct StoredStrategy: Hashable, Sendable {
    package let id: String
    package let version: Int
    /// The definition as stored, its `id` and `version` equal to the ones above, so it encodes as the
    /// strategy JSON the store and the tools write.
    package private(set) var definition: TradingStrategy

    package init(id: String, version: Int, definition: TradingStrategy) {
        self.id = id
        self.version = version
        self.definition = definition
        self.definition.id = id
        self.definition.version = version
    }

    /// The saved strategy a definition describes, or nil for a draft (no id or no version).
    package init?(_ definition: TradingStrategy) {
        guard let id = definition.id, let version = definition.version else { return nil }
        self.init(id: id, version: version, definition: definition)
    }

    package subscript<Value>(dynamicMember keyPath: WritableKeyPath<TradingStrategy, Value>) -> Value {
        get { definition[keyPath: keyPath] }
        set {
            definition[keyPath: keyPath] = newValue
            definition.id = id
            definition.version = version
        }
    }

    package subscript<Value>(dynamicMember keyPath: KeyPath<TradingStrategy, Value>) -> Value {
        definition[keyPath: keyPath]
    }
}

/// The same JSON as its definition; decoding requires the id and the version.
extension StoredStrategy: Codable {
    package init(from decoder: any Decoder) throws {
        let definition = try TradingStrategy(from: decoder)
        guard let stored = StoredStrategy(definition) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "a stored strategy needs its id and version"))
        }
        self = stored
    }

    package func encode(to encoder: any Encoder) throws { try definition.encode(to: encoder) }
}
