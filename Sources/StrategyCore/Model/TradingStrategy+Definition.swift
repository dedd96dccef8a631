import Foundation

extension TradingStrategy {
    /// What makes two strategies the same trial: the rules that decide trades (timeframe, conditions, logic,
    /// risk parameters) as canonical JSON. Name, description, id and version are left out, so a renamed or
    /// reverted definition is the same trial, and any changed number is a different one.
    package var definitionKey: String {
        struct Rules: Encodable {
            var timeframe: Timeframe
            var entryConditions: [Condition]
            var entryLogic: Logic
            var exitConditions: [Condition]
            var exitLogic: Logic
            var riskParameters: RiskParameters

            enum CodingKeys: String, CodingKey {
                case timeframe
                case entryConditions = "entry_conditions"
                case entryLogic = "entry_logic"
                case exitConditions = "exit_conditions"
                case exitLogic = "exit_logic"
                case riskParameters = "risk_parameters"
            }
        }
        let rules = Rules(timeframe: timeframe, entryConditions: entryConditions, entryLogic: entryLogic,
                          exitConditions: exitConditions, exitLogic: exitLogic, riskParameters: riskParameters)
        return (try? StrategyJSON.encodeString(rules)) ?? "\(rules)"
    }
}
