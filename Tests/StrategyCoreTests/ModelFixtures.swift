import Foundation
@testable import StrategyCore

/// Reads the test fixtures beside this file, so no resource bundle is needed.
enum ModelFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(relativePath))
    }

    /// The reference strategies copied from the shared reference backtests, by folder name.
    static let referenceStrategies = ["rsi_30_70", "sma_cross_10_20", "trend_sma50_timeout30"]

    static func reference(_ name: String) throws -> Data {
        try data("reference/msft/\(name)/strategy.json")
    }

    /// A strategy file with every required key, for tests that change one thing in it.
    static func minimalDocument(risk: String = #"{"stop_loss_pct": 8, "take_profit_pct": 20, "max_hold_days": 30, "position_size_pct": 5}"#,
                                exits: String = #"[{"field": "rsi_14", "operator": "gt", "value": 70}]"#) -> String {
        """
        {
          "name": "RSI dip",
          "timeframe": "short_term",
          "entry_conditions": [{"field": "rsi_14", "operator": "lt", "value": 30}],
          "entry_logic": "AND",
          "exit_conditions": \(exits),
          "exit_logic": "OR",
          "risk_parameters": \(risk)
        }
        """
    }

    /// A valid strategy built in code, to change one thing in for a validation test.
    static func strategy(
        entry: [Condition] = [Condition(field: "rsi_14", operator: .lt, value: .number(30))],
        exit: [Condition] = [Condition(field: "rsi_14", operator: .gt, value: .number(70))],
        risk: RiskParameters = RiskParameters(stopLossPct: 8, takeProfitPct: 20, maxHoldDays: 30, positionSizePct: 5)
    ) -> TradingStrategy {
        TradingStrategy(name: "RSI dip", timeframe: .shortTerm, entryConditions: entry, exitConditions: exit, riskParameters: risk)
    }
}
