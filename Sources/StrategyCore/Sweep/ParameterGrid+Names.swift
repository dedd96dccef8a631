import Foundation

extension ParameterGrid.Axis {
    /// Words for the risk numbers, as the chat says them.
    static let riskWords: [String: String] = [
        "stop": "stop_loss_pct", "stop_loss": "stop_loss_pct", "stop_loss_pct": "stop_loss_pct",
        "target": "take_profit_pct", "take_profit": "take_profit_pct", "take_profit_pct": "take_profit_pct",
        "hold": "max_hold_days", "max_hold": "max_hold_days", "max_hold_days": "max_hold_days",
        "size": "position_size_pct", "position_size": "position_size_pct", "position_size_pct": "position_size_pct",
        "risk_per_trade": "risk_per_trade_pct", "risk_per_trade_pct": "risk_per_trade_pct",
    ]

    /// The axis with a short name turned into its JSON path in `strategy`: `stop` → `risk_parameters.stop_loss_pct`,
    /// `rsi` or `rsi_14` → the value of the first condition (entry before exit) on that field, `rsi_period` → its
    /// period. A path with a dot is kept as it is.
    package func resolved(in strategy: TradingStrategy) throws -> Self {
        guard !path.contains(".") else { return self }
        let word = path.lowercased().replacingOccurrences(of: " ", with: "_")
        if let key = Self.riskWords[word] { return Self(path: "risk_parameters.\(key)", values: values) }
        let period = word.hasSuffix("_period")
        let name = period ? String(word.dropLast("_period".count)) : word
        for (list, conditions) in [("entry_conditions", strategy.entryConditions), ("exit_conditions", strategy.exitConditions)] {
            for (i, c) in conditions.enumerated() where c.field == name || c.field.hasPrefix(name + "_") {
                if period { return Self(path: "\(list).\(i).field", values: values) }
                guard case .number = c.value else { continue }
                return Self(path: "\(list).\(i).value", values: values)
            }
        }
        let fields = (strategy.entryConditions + strategy.exitConditions).map(\.field)
        throw SweepError.noSuchPath(path: path, key: path, available: Array(Set(Self.riskWords.values)).sorted() + fields)
    }
}
