import Foundation

/// The keys of a strategy file, listed once so the loader and the JSON Schema can never disagree.
package enum StrategyFileFormat {
    /// What every strategy file must have; everything else is optional and filled in.
    package static let requiredKeys = [
        "name", "timeframe", "entry_conditions", "entry_logic", "exit_conditions", "exit_logic", "risk_parameters",
    ]
    /// Keys a file may have besides the required ones (identity, metadata, derived data).
    package static let optionalKeys = [
        "id", "user_id", "version", "description", "natural_language_input", "data_requirements",
        "created_at", "updated_at", "is_active",
    ]
    package static var allKeys: [String] { requiredKeys + optionalKeys }

    package static let conditionRequiredKeys = ["field", "operator", "value"]
    /// `logic` is kept from the original design; the strategy's `entry_logic`/`exit_logic` decide.
    package static let conditionOptionalKeys = ["logic"]
    package static let fieldReferenceRequiredKeys = ["field"]
    package static let fieldReferenceOptionalKeys = ["multiplier"]
    package static let dataRequirementRequiredKeys = ["source", "data_type"]
    package static let dataRequirementOptionalKeys = ["parameters"]
    /// Every risk key is optional: an absent one takes the timeframe's default, `null` means none.
    package static var riskKeys: [String] { RiskParameters.CodingKeys.allCases.map(\.rawValue) }

    /// An example for each required key, used in "missing key" fixes and the schema's descriptions.
    static func example(forRequired key: String) -> String {
        switch key {
        case "name": #"add "name": "RSI oversold bounce""#
        case "timeframe": #"add "timeframe": one of "short_term", "medium_term", "long_term""#
        case "entry_conditions": #"add "entry_conditions": [{"field": "rsi_14", "operator": "lt", "value": 30}]"#
        case "entry_logic": #"add "entry_logic": "AND" (all conditions must hold) or "OR" (any one)"#
        case "exit_conditions": #"add "exit_conditions": [{"field": "rsi_14", "operator": "gt", "value": 70}], or [] to exit only on stops"#
        case "exit_logic": #"add "exit_logic": "OR" (any one closes the position) or "AND""#
        case "risk_parameters": #"add "risk_parameters": {} to take the timeframe's default stop, target and holding limit"#
        default: "add \"\(key)\""
        }
    }
}
