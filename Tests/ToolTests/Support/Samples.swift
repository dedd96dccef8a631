import Foundation
import StrategyCore

/// Strategies and parser replies used across the tool tests.
enum Samples {
    static let rsiDip = TradingStrategy(
        name: "RSI dip", timeframe: .shortTerm,
        entryConditions: [Condition(field: "rsi_14", operator: .lt, value: .number(35))],
        exitConditions: [Condition(field: "rsi_14", operator: .gt, value: .number(60))],
        riskParameters: RiskParameters(stopLossPct: 8, takeProfitPct: 15, maxHoldDays: 30, positionSizePct: 5))

    static let insiderRSI = TradingStrategy(
        name: "Insider + RSI", timeframe: .shortTerm,
        entryConditions: [
            Condition(field: "insider_buy_count_30d", operator: .gte, value: .number(1)),
            Condition(field: "rsi_14", operator: .lt, value: .number(45)),
        ],
        exitConditions: [Condition(field: "rsi_14", operator: .gt, value: .number(70))])

    /// A valid reply in the parser prompt's format.
    static let validReply = """
        Here is the strategy:
        ```json
        {"strategy": {"name": "RSI dip", "timeframe": "short_term",
          "entry_conditions": [{"field": "rsi_14", "operator": "lt", "value": 35}], "entry_logic": "AND",
          "exit_conditions": [{"field": "rsi_14", "operator": "gt", "value": 60}], "exit_logic": "OR",
          "risk_parameters": {"stop_loss_pct": 8, "take_profit_pct": 15, "max_hold_days": 30}},
         "assumptions": ["oversold read as RSI(14) below 35"]}
        ```
        """

    /// A reply with an unknown field and a negative stop.
    static let invalidReply = """
        {"strategy": {"name": "RSI dip", "timeframe": "short_term",
          "entry_conditions": [{"field": "rsi_fourteen", "operator": "lt", "value": 35}], "entry_logic": "AND",
          "exit_conditions": [], "exit_logic": "OR",
          "risk_parameters": {"stop_loss_pct": -8}}}
        """

    /// The refined strategy: stop tightened from 8 to 6.
    static let tighterStopReply = """
        {"strategy": {"name": "RSI dip", "timeframe": "short_term",
          "entry_conditions": [{"field": "rsi_14", "operator": "lt", "value": 35}], "entry_logic": "AND",
          "exit_conditions": [{"field": "rsi_14", "operator": "gt", "value": 60}], "exit_logic": "OR",
          "risk_parameters": {"stop_loss_pct": 6, "take_profit_pct": 15, "max_hold_days": 30, "position_size_pct": 5}},
         "assumptions": []}
        """
}
