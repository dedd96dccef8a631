import AgentLoop
import Foundation
import StrategyCore

/// What `create_trading_strategy` returns: the stored strategy, or why nothing was stored.
package enum CreateStrategyResult: DescribedResult, Decodable, Hashable, Sendable {
    case created(StrategyCreated)
    case unresolved(UnresolvedStrategy)

    enum CodingKeys: String, CodingKey { case created }

    /// `created` tells the two apart.
    package static let outputSchema = ValueSchema.oneOf([
        .object(StrategyCreated.schema.adding(ObjectSchema(required: ["created": .boolean]))),
        .object(UnresolvedStrategy.schema.adding(ObjectSchema(required: ["created": .boolean]))),
    ])

    package init(from decoder: any Decoder) throws {
        let created = try decoder.container(keyedBy: CodingKeys.self).decode(Bool.self, forKey: .created)
        self = created ? .created(try StrategyCreated(from: decoder)) : .unresolved(try UnresolvedStrategy(from: decoder))
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .created(let result):
            try container.encode(true, forKey: .created)
            try result.encode(to: encoder)
        case .unresolved(let result):
            try container.encode(false, forKey: .created)
            try result.encode(to: encoder)
        }
    }
}

/// A strategy just stored from plain words, with what was filled in.
package struct StrategyCreated: Codable, Hashable, Sendable {
    package var strategy: StrategyFacts
    package var assumptions: [String]
    package var syntheticData: [String]
    package var nextStep = "explain the strategy back and offer to backtest it"

    package init(strategy: StrategyFacts, assumptions: [String], syntheticData: [String]) {
        self.strategy = strategy
        self.assumptions = assumptions
        self.syntheticData = syntheticData
    }

    enum CodingKeys: String, CodingKey { case assumptions, syntheticData = "synthetic_data", nextStep = "next_step" }

    static let schema = StrategyFacts.schema.adding(ObjectSchema(required: [
        "assumptions": .array(.string), "synthetic_data": .array(.string), "next_step": .string,
    ]))

    package init(from decoder: any Decoder) throws {
        strategy = try StrategyFacts(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        assumptions = try c.decode([String].self, forKey: .assumptions)
        syntheticData = try c.decode([String].self, forKey: .syntheticData)
        nextStep = try c.decode(String.self, forKey: .nextStep)
    }

    package func encode(to encoder: any Encoder) throws {
        try strategy.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(assumptions, forKey: .assumptions)
        try c.encode(syntheticData, forKey: .syntheticData)
        try c.encode(nextStep, forKey: .nextStep)
    }
}

/// Nothing was stored: the parser's problems and the question to ask the person.
package struct UnresolvedStrategy: Codable, Hashable, Sendable {
    package var problems: [String]
    package var question: String
    package var nextStep = "ask the person the question; nothing was stored"

    package init(problems: [String], question: String) {
        self.problems = problems
        self.question = question
    }

    enum CodingKeys: String, CodingKey { case problems, question, nextStep = "next_step" }

    static let schema = ObjectSchema(required: ["problems": .array(.string), "question": .string, "next_step": .string])
}

/// What `refine_strategy` returns: the new version and what changed, or why nothing was stored.
package enum RefineStrategyResult: DescribedResult, Decodable, Hashable, Sendable {
    case refined(StrategyRefined)
    case unresolved(UnresolvedStrategy)

    enum CodingKeys: String, CodingKey { case changed, question }

    /// `question` is written only when nothing was stored.
    package static let outputSchema = ValueSchema.oneOf([
        .object(StrategyRefined.schema),
        .object(UnresolvedStrategy.schema.adding(ObjectSchema(required: ["changed": .boolean]))),
    ])

    package init(from decoder: any Decoder) throws {
        let unresolved = try decoder.container(keyedBy: CodingKeys.self).contains(.question)
        self = unresolved ? .unresolved(try UnresolvedStrategy(from: decoder)) : .refined(try StrategyRefined(from: decoder))
    }

    package func encode(to encoder: any Encoder) throws {
        switch self {
        case .refined(let result):
            try result.encode(to: encoder)
        case .unresolved(let result):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(false, forKey: .changed)
            try result.encode(to: encoder)
        }
    }
}

/// A strategy's new version after a change in plain words.
package struct StrategyRefined: Codable, Hashable, Sendable {
    package var strategy: StrategyFacts
    package var changed: Bool
    package var changes: [String]
    package var previousVersion: Int
    package var assumptions: [String]
    package var syntheticData: [String]

    package init(strategy: StrategyFacts, changes: [String], previousVersion: Int, assumptions: [String], syntheticData: [String]) {
        self.strategy = strategy
        self.changed = !changes.isEmpty
        self.changes = changes
        self.previousVersion = previousVersion
        self.assumptions = assumptions
        self.syntheticData = syntheticData
    }

    enum CodingKeys: String, CodingKey {
        case changed, changes, previousVersion = "previous_version", assumptions, syntheticData = "synthetic_data"
    }

    static let schema = StrategyFacts.schema.adding(ObjectSchema(required: [
        "changed": .boolean, "changes": .array(.string), "previous_version": .integer, "assumptions": .array(.string),
        "synthetic_data": .array(.string),
    ]))

    package init(from decoder: any Decoder) throws {
        strategy = try StrategyFacts(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        changed = try c.decode(Bool.self, forKey: .changed)
        changes = try c.decode([String].self, forKey: .changes)
        previousVersion = try c.decode(Int.self, forKey: .previousVersion)
        assumptions = try c.decode([String].self, forKey: .assumptions)
        syntheticData = try c.decode([String].self, forKey: .syntheticData)
    }

    package func encode(to encoder: any Encoder) throws {
        try strategy.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(changed, forKey: .changed)
        try c.encode(changes, forKey: .changes)
        try c.encode(previousVersion, forKey: .previousVersion)
        try c.encode(assumptions, forKey: .assumptions)
        try c.encode(syntheticData, forKey: .syntheticData)
    }
}

/// What `revert_strategy` returns: the restored definition, saved as a new version.
package struct RevertStrategyResult: DescribedResult, Decodable, Hashable, Sendable {
    package var strategy: StrategyFacts
    package var restoredVersion: Int
    package var changed: Bool
    package var changes: [String]

    package init(strategy: StrategyFacts, restoredVersion: Int, changes: [String]) {
        self.strategy = strategy
        self.restoredVersion = restoredVersion
        self.changed = !changes.isEmpty
        self.changes = changes
    }

    enum CodingKeys: String, CodingKey { case restoredVersion = "restored_version", changed, changes }

    package static let outputSchema = ValueSchema.object(StrategyFacts.schema.adding(ObjectSchema(required: [
        "restored_version": .integer, "changed": .boolean, "changes": .array(.string),
    ])))

    package init(from decoder: any Decoder) throws {
        strategy = try StrategyFacts(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        restoredVersion = try c.decode(Int.self, forKey: .restoredVersion)
        changed = try c.decode(Bool.self, forKey: .changed)
        changes = try c.decode([String].self, forKey: .changes)
    }

    package func encode(to encoder: any Encoder) throws {
        try strategy.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(restoredVersion, forKey: .restoredVersion)
        try c.encode(changed, forKey: .changed)
        try c.encode(changes, forKey: .changes)
    }
}
