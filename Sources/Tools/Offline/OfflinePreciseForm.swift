import AgentLoop
import Foundation
import StrategyCore

/// Writes a strategy in the parser's precise form (`entry: rsi_14 < 20; stop 10%; …`), so the offline model
/// can hand a strategy it already holds (the long version of a short idea) back to the create tool exactly.
enum OfflinePreciseForm {
    /// The precise form, or nil when a rule has no precise spelling (the `in` operator).
    static func text(_ strategy: TradingStrategy) -> String? {
        guard let entry = conditions(strategy.entryConditions, logic: strategy.entryLogic), !entry.isEmpty else { return nil }
        var statements = ["entry: " + entry]
        guard let exit = conditions(strategy.exitConditions, logic: strategy.exitLogic) else { return nil }
        if !exit.isEmpty { statements.append("exit: " + exit) }
        let risk = strategy.riskParameters
        if let stop = risk.stopLossPct { statements.append("stop \(number(stop))%") }
        if let target = risk.takeProfitPct { statements.append("target \(number(target))%") }
        if let days = risk.maxHoldDays { statements.append("max \(days) days") }
        statements.append("size \(number(risk.positionSizePct))%")
        statements.append("timeframe \(strategy.timeframe.rawValue)")
        return statements.joined(separator: "; ")
    }

    static func conditions(_ conditions: [Condition], logic: Logic) -> String? {
        var parts: [String] = []
        for condition in conditions {
            let symbol: String
            switch condition.operator {
            case .lt: symbol = "<"
            case .gt: symbol = ">"
            case .lte: symbol = "<="
            case .gte: symbol = ">="
            case .eq: symbol = "="
            case .crossesAbove: symbol = "crosses_above"
            case .crossesBelow: symbol = "crosses_below"
            case .between:
                guard case .numbers(let bounds) = condition.value, bounds.count == 2 else { return nil }
                parts.append("\(condition.field) between \(number(bounds[0])) and \(number(bounds[1]))")
                continue
            case .in: return nil
            }
            let value: String
            switch condition.value {
            case .number(let n): value = number(n)
            case .field(let reference):
                value = reference.multiplier.map { "\(number($0)) * \(reference.field)" } ?? reference.field
            case .numbers: return nil
            }
            parts.append("\(condition.field) \(symbol) \(value)")
        }
        return parts.joined(separator: logic == .and ? " and " : " or ")
    }

    static func number(_ value: Double) -> String { AgentJSON.number(value).compactText }
}
