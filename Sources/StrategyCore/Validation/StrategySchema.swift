import Foundation

/// The JSON Schema of a strategy file, generated from the model and the field registry.
///
/// It is the one schema behind the LLM tool definitions, the parser prompt and the loader: enums come
/// from the model's `allCases`, required keys from `StrategyFileFormat`, field names and timeframe
/// defaults from the registry, so none of them can drift from what the program accepts.
package enum StrategySchema {
    package static var strategy: JSONValue {
        var properties: [String: JSONValue] = [
            "name": ["type": "string", "minLength": 1, "description": "A short name a person recognises."],
            "description": ["type": "string", "description": "What the strategy does, in plain words."],
            "natural_language_input": ["type": "string", "description": "The person's own words the strategy came from."],
            "timeframe": [
                "type": "string", "enum": .array(Timeframe.allCases.map { .string($0.rawValue) }),
                "description": .string("How long positions are meant to last; it sets the default risk parameters (\(timeframeDefaults))."),
            ],
            "data_requirements": [
                "type": "array", "items": dataRequirement,
                "description": "Data the strategy needs; derived from the conditions when left out.",
            ],
            "entry_conditions": [
                "type": "array", "items": condition, "minItems": 1,
                "description": "Conditions that open a position, combined by entry_logic.",
            ],
            "entry_logic": logic("How entry conditions combine: AND = all must hold, OR = any one."),
            "exit_conditions": [
                "type": "array", "items": condition,
                "description": "Conditions that close a position, combined by exit_logic; may be empty when stops or max_hold_days close positions.",
            ],
            "exit_logic": logic("How exit conditions combine: OR = any one closes, AND = all must hold."),
            "risk_parameters": risk,
        ]
        properties["id"] = ["type": ["string", "null"], "description": "Stored strategy id; set by the store."]
        properties["user_id"] = ["type": ["string", "null"], "description": "Owner; set by the store."]
        properties["version"] = ["type": ["integer", "null"], "minimum": 1, "description": "Version number; set by the store."]
        properties["created_at"] = ["type": ["string", "null"], "format": "date-time"]
        properties["updated_at"] = ["type": ["string", "null"], "format": "date-time"]
        properties["is_active"] = ["type": "boolean", "description": "Whether signal scans include it."]
        return [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "TradingStrategy",
            "description": "A long-only stock trading strategy. Percentages are percent points (5 means 5%).",
            "type": "object",
            "properties": .object(properties),
            "required": .array(StrategyFileFormat.requiredKeys.map { .string($0) }),
            "additionalProperties": false,
        ]
    }

    /// The field vocabulary as one line per pattern, for descriptions and prompts.
    package static var fieldVocabulary: String {
        FieldRegistry.patterns.map { pattern in
            let parameters = pattern.parameters.isEmpty ? "" : " [\(pattern.parameters.joined(separator: "; "))]"
            return "\(pattern.pattern) (e.g. \(pattern.example)): \(pattern.meaning), \(pattern.unit.label)\(parameters)"
        }.joined(separator: "\n")
    }

    static var timeframeDefaults: String {
        Timeframe.allCases.map { timeframe in
            let d = timeframe.defaultRisk
            return "\(timeframe.rawValue): stop \(PlainNumber.text(d.stopLossPct))%, target \(PlainNumber.text(d.takeProfitPct))%, \(d.maxHoldDays) days"
        }.joined(separator: "; ")
    }

    static var condition: JSONValue {
        let fieldDescription = "A field of the vocabulary, parameters in the name:\n\(fieldVocabulary)"
        return [
            "type": "object",
            "properties": [
                "field": ["type": "string", "description": .string(fieldDescription)],
                "operator": [
                    "type": "string", "enum": .array(ConditionOperator.allCases.map { .string($0.rawValue) }),
                    "description": "gt/lt/gte/lte/eq compare with one number or a field; between takes [low, high]; in takes a list; crosses_above/crosses_below compare with yesterday.",
                ],
                "value": [
                    "description": "A number, a list of numbers (between: [low, high]; in: the accepted values), or another field, optionally scaled.",
                    "oneOf": [
                        ["type": "number"],
                        ["type": "array", "items": ["type": "number"]],
                        [
                            "type": "object",
                            "properties": [
                                "field": ["type": "string", "description": "Another field of the vocabulary."],
                                "multiplier": ["type": ["number", "null"], "exclusiveMinimum": 0,
                                               "description": "Scale of the other field, e.g. 2 for twice volume_sma_20."],
                            ],
                            "required": .array(StrategyFileFormat.fieldReferenceRequiredKeys.map { .string($0) }),
                            "additionalProperties": false,
                        ],
                    ],
                ],
                "logic": ["type": "string", "enum": .array(Logic.allCases.map { .string($0.rawValue) }),
                          "description": "Kept for compatibility; entry_logic/exit_logic decide."],
            ],
            "required": .array(StrategyFileFormat.conditionRequiredKeys.map { .string($0) }),
            "additionalProperties": false,
        ]
    }

    static var risk: JSONValue {
        [
            "type": "object",
            "description": .string("Stops, target, holding limit and sizing. An absent key takes the timeframe's default (\(timeframeDefaults); position size \(PlainNumber.text(RiskParameters.defaultPositionSizePct))%); null means none."),
            "properties": [
                "stop_loss_pct": ["type": ["number", "null"], "exclusiveMinimum": 0, "exclusiveMaximum": 100,
                                  "description": "Exit when the price falls this many percent below the entry."],
                "take_profit_pct": ["type": ["number", "null"], "exclusiveMinimum": 0,
                                    "description": "Exit when the price rises this many percent above the entry."],
                "max_hold_days": ["type": ["integer", "null"], "minimum": 1,
                                  "description": "Exit after this many calendar days."],
                "position_size_pct": ["type": "number", "exclusiveMinimum": 0, "maximum": 100,
                                      "description": "Percent of equity put in each position."],
                "risk_per_trade_pct": ["type": ["number", "null"], "exclusiveMinimum": 0, "maximum": 100,
                                       "description": "Size positions so hitting the stop loses this percent of equity; needs stop_loss_pct."],
            ],
            "additionalProperties": false,
        ]
    }

    static var dataRequirement: JSONValue {
        [
            "type": "object",
            "properties": [
                "source": ["type": "string", "enum": .array(DataRequirement.Source.allCases.map { .string($0.rawValue) })],
                "data_type": ["type": "string", "description": "e.g. price_history, insider_trading, reddit_mentions, key_metrics, analyst_grades, holdings, or an indicator such as rsi."],
                "parameters": ["type": "object"],
            ],
            "required": .array(StrategyFileFormat.dataRequirementRequiredKeys.map { .string($0) }),
            "additionalProperties": false,
        ]
    }

    private static func logic(_ description: String) -> JSONValue {
        ["type": "string", "enum": .array(Logic.allCases.map { .string($0.rawValue) }), "description": .string(description)]
    }
}
