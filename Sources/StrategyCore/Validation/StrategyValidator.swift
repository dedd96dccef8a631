import Foundation

/// Checks a strategy for everything a careful trader would catch before running it, and reports
/// every problem at once (a person fixes a file in one pass, a model in one retry).
package enum StrategyValidator {
    /// All problems, in document order: name, entry conditions, exit conditions, conditions that contradict
    /// each other, risk, then whole-strategy checks.
    package static func validate(_ strategy: TradingStrategy) -> [StrategyProblem] {
        var problems: [StrategyProblem] = []
        if strategy.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(StrategyProblem(
                path: "name", message: "the strategy has no name",
                fix: #"give it a short name, e.g. "RSI oversold bounce""#))
        }
        if strategy.entryConditions.isEmpty {
            problems.append(StrategyProblem(
                path: "entry_conditions", message: "there are no entry conditions, so the strategy never buys",
                fix: #"add at least one condition, e.g. {"field": "rsi_14", "operator": "lt", "value": 30}"#))
        }
        for (index, condition) in strategy.entryConditions.enumerated() {
            problems += ConditionCheck(condition: condition, path: "entry_conditions[\(index)]", isEntry: true).problems()
        }
        for (index, condition) in strategy.exitConditions.enumerated() {
            problems += ConditionCheck(condition: condition, path: "exit_conditions[\(index)]", isEntry: false).problems()
        }
        problems += ConditionConsistency.problems(strategy.entryConditions, logic: strategy.entryLogic, listKey: "entry_conditions")
        problems += ConditionConsistency.problems(strategy.exitConditions, logic: strategy.exitLogic, listKey: "exit_conditions")
        problems += riskProblems(strategy.riskParameters)
        let risk = strategy.riskParameters
        if strategy.exitConditions.isEmpty, risk.stopLossPct == nil, risk.takeProfitPct == nil, risk.maxHoldDays == nil {
            problems.append(StrategyProblem(
                path: "exit_conditions",
                message: "nothing ever closes a position: no exit conditions, stop loss, take profit or max_hold_days",
                fix: "add an exit condition, or set risk_parameters.stop_loss_pct or risk_parameters.max_hold_days (e.g. 90)"))
        }
        return problems
    }

    static func riskProblems(_ risk: RiskParameters) -> [StrategyProblem] {
        var problems: [StrategyProblem] = []
        func add(_ key: RiskParameters.CodingKeys, _ message: String, _ fix: String) {
            problems.append(StrategyProblem(path: "risk_parameters.\(key.rawValue)", message: message, fix: fix))
        }
        if let stop = risk.stopLossPct {
            if !stop.isFinite {
                add(.stopLossPct, "the stop loss is not a finite number (\(PlainNumber.text(stop)))",
                    "write the stop in percent points below the entry, e.g. 8, or null for none")
            } else if stop <= 0 {
                add(.stopLossPct, "the stop loss must be above 0, found \(PlainNumber.text(stop))",
                    "write the loss in percent points below the entry as a positive number, e.g. 8 for an 8% stop, or null for none")
            } else if stop >= 100 {
                add(.stopLossPct, "a stop loss of \(PlainNumber.text(stop))% never triggers: a long position cannot lose 100% or more",
                    "use a value below 100, e.g. 8, or null for none")
            }
        }
        if let target = risk.takeProfitPct {
            if !target.isFinite {
                add(.takeProfitPct, "the take profit is not a finite number (\(PlainNumber.text(target)))",
                    "write the target in percent points above the entry, e.g. 20, or null for none")
            } else if target <= 0 {
                add(.takeProfitPct, "the take profit must be above 0, found \(PlainNumber.text(target))",
                    "write the gain in percent points above the entry, e.g. 20 for a 20% target, or null for none")
            }
        }
        if let days = risk.maxHoldDays, days < 1 {
            add(.maxHoldDays, "max_hold_days must be at least 1, found \(days)",
                "write the holding limit in calendar days, e.g. 30, or null for none")
        }
        let size = risk.positionSizePct
        if !size.isFinite || size <= 0 || size > 100 {
            add(.positionSizePct, "position_size_pct must be above 0 and at most 100, found \(PlainNumber.text(size))",
                "write the share of equity put in each position, e.g. 5 for 5%")
        }
        if let perTrade = risk.riskPerTradePct {
            if !perTrade.isFinite || perTrade <= 0 || perTrade > 100 {
                add(.riskPerTradePct, "risk_per_trade_pct must be above 0 and at most 100, found \(PlainNumber.text(perTrade))",
                    "write the share of equity to lose when the stop is hit, e.g. 1 for 1%")
            } else if risk.stopLossPct == nil {
                add(.riskPerTradePct, "risk_per_trade_pct needs a stop loss to size against, and there is none",
                    "set risk_parameters.stop_loss_pct (e.g. 8), or remove risk_per_trade_pct")
            }
        }
        return problems
    }
}
