/// Every strategy tool, named once: the model, the slash commands, the offline model and the command line
/// refer to a tool through this, so a renamed tool cannot leave a caller behind.
package enum ToolName: String, CaseIterable, Sendable {
    case createTradingStrategy = "create_trading_strategy"
    case backtestStrategy = "backtest_strategy"
    case getStrategySignals = "get_strategy_signals"
    case compareStrategies = "compare_strategies"
    case refineStrategy = "refine_strategy"
    case listUserStrategies = "list_user_strategies"
    case getStrategy = "get_strategy"
    case revertStrategy = "revert_strategy"
    case setStrategyActive = "set_strategy_active"
    case deleteStrategy = "delete_strategy"
    case recordSignalAction = "record_signal_action"
    case optimizeStrategy = "optimize_strategy"
    case analyzeStrategyRobustness = "analyze_strategy_robustness"
    case managePaperAccount = "manage_paper_account"
    case getPaperAccount = "get_paper_account"
}
