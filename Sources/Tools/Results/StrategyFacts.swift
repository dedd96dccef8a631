import AgentLoop
import Foundation
import StrategyCore

/// The key facts of a stored strategy, as every tool that names one states them: id, name, version, the
/// rules in words and as stored, risk and data.
package struct StrategyFacts: Codable, Hashable, Sendable {
    package var strategyId: String
    package var name: String
    package var version: Int
    package var active: Bool
    package var timeframe: String
    /// The rules in words; written for the model as the lines "Entry: …", "Exit: …", "Position size: …".
    package var rules: PlainRules
    package var entryConditions: [StrategyCondition]
    package var entryLogic: String
    package var exitConditions: [StrategyCondition]
    package var exitLogic: String
    package var riskParameters: RiskParameters
    /// "source:data_type" for each kind of data the strategy reads.
    package var dataRequirements: [String]

    package init(_ strategy: StoredStrategy) {
        strategyId = strategy.id
        name = strategy.name
        version = strategy.version
        active = strategy.isActive
        timeframe = strategy.timeframe.rawValue
        rules = strategy.plainRules
        entryConditions = strategy.entryConditions.map(StrategyCondition.init)
        entryLogic = strategy.entryLogic.rawValue
        exitConditions = strategy.exitConditions.map(StrategyCondition.init)
        exitLogic = strategy.exitLogic.rawValue
        riskParameters = strategy.riskParameters
        dataRequirements = strategy.dataRequirements.map { "\($0.source.rawValue):\($0.dataType)" }
    }

    enum CodingKeys: String, CodingKey {
        case strategyId = "strategy_id", name, version, active, timeframe, rules = "summary"
        case entryConditions = "entry_conditions", entryLogic = "entry_logic", exitConditions = "exit_conditions"
        case exitLogic = "exit_logic", riskParameters = "risk_parameters", dataRequirements = "data_requirements"
    }

    /// The keys every result that names a strategy writes.
    package static let schema = ObjectSchema(required: [
        "strategy_id": .string, "name": .string, "version": .integer, "active": .boolean, "timeframe": .string,
        "summary": .array(.string), "entry_conditions": .array(StrategyCondition.outputSchema),
        "entry_logic": .oneOfStrings(Logic.allCases.map(\.rawValue)), "exit_conditions": .array(StrategyCondition.outputSchema),
        "exit_logic": .oneOfStrings(Logic.allCases.map(\.rawValue)), "risk_parameters": RiskParameters.outputSchema,
        "data_requirements": .array(.string),
    ])

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        strategyId = try c.decode(String.self, forKey: .strategyId)
        name = try c.decode(String.self, forKey: .name)
        version = try c.decode(Int.self, forKey: .version)
        active = try c.decode(Bool.self, forKey: .active)
        timeframe = try c.decode(String.self, forKey: .timeframe)
        rules = try c.decode(PlainRules.self, forKey: .rules)
        entryConditions = try c.decode([StrategyCondition].self, forKey: .entryConditions)
        entryLogic = try c.decode(String.self, forKey: .entryLogic)
        exitConditions = try c.decode([StrategyCondition].self, forKey: .exitConditions)
        exitLogic = try c.decode(String.self, forKey: .exitLogic)
        riskParameters = try c.decode(RiskParameters.self, forKey: .riskParameters)
        dataRequirements = try c.decode([String].self, forKey: .dataRequirements)
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(strategyId, forKey: .strategyId)
        try c.encode(name, forKey: .name)
        try c.encode(version, forKey: .version)
        try c.encode(active, forKey: .active)
        try c.encode(timeframe, forKey: .timeframe)
        try c.encode(rules, forKey: .rules)
        try c.encode(entryConditions, forKey: .entryConditions)
        try c.encode(entryLogic, forKey: .entryLogic)
        try c.encode(exitConditions, forKey: .exitConditions)
        try c.encode(exitLogic, forKey: .exitLogic)
        try c.encode(riskParameters, forKey: .riskParameters)
        try c.encode(dataRequirements, forKey: .dataRequirements)
    }
}

/// Written as its three labelled lines, and read back from them: the labels are `PlainRules`' own.
extension PlainRules: Codable {
    package init(from decoder: any Decoder) throws {
        let lines = try decoder.singleValueContainer().decode([String].self)
        func part(_ label: String) -> String {
            lines.first { $0.hasPrefix(label) }.map { String($0.dropFirst(label.count)) } ?? ""
        }
        self.init(entry: part(Self.entryLabel), exit: part(Self.exitLabel), positionSize: part(Self.positionSizeLabel))
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(lines)
    }
}

/// A condition for the model: the stored form plus how a person reads it.
package struct StrategyCondition: Codable, Hashable, Sendable {
    package var field: String
    package var `operator`: ConditionOperator
    package var value: ConditionValue
    package var reads: String

    package init(_ condition: Condition) {
        field = condition.field
        self.operator = condition.operator
        value = condition.value
        reads = condition.plainText
    }
}

extension StrategyFacts {
    /// The strategy these facts state, as rules (no id or version: it is read, not stored).
    package var definition: TradingStrategy {
        TradingStrategy(
            name: name, timeframe: Timeframe(rawValue: timeframe) ?? .fallback,
            entryConditions: entryConditions.map(\.condition), entryLogic: Logic(rawValue: entryLogic) ?? .and,
            exitConditions: exitConditions.map(\.condition), exitLogic: Logic(rawValue: exitLogic) ?? .or,
            riskParameters: riskParameters, isActive: active)
    }
}

extension StrategyCondition {
    /// The stored condition these facts state.
    package var condition: Condition { Condition(field: field, operator: self.operator, value: value) }

    /// A value is a number, a list of numbers (`between`, `in`) or another field, optionally scaled.
    package static let outputSchema = ValueSchema.object(ObjectSchema(required: [
        "field": .string, "operator": .oneOfStrings(ConditionOperator.allCases.map(\.rawValue)), "reads": .string,
        "value": .oneOf([
            .number, .array(.number),
            .object(ObjectSchema(required: ["field": .string], nullable: ["multiplier": .number])),
        ]),
    ]))
}

extension RiskParameters {
    /// Every key is written, `null` for none.
    package static let outputSchema = ValueSchema.object(ObjectSchema(required: [
        "stop_loss_pct": .nullable(.number), "take_profit_pct": .nullable(.number), "max_hold_days": .nullable(.integer),
        "position_size_pct": .number, "risk_per_trade_pct": .nullable(.number),
    ]))
}
