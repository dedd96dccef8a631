import AgentLoop
import Foundation
import StrategyCore

/// `analyze_strategy_robustness`: a backtest judged by its deflated Sharpe, Monte Carlo runs and regimes.
extension StrategyToolbox {
    func robustness(_ input: RobustnessInput) async throws -> ToolOutput {
        var backtest = BacktestQuery(
            strategy: try strategy(input.strategyId).definition, start: input.startDate, end: input.endDate,
            tickers: input.tickers, universe: input.universe)
        backtest.names.caller = ToolName.analyzeStrategyRobustness.rawValue
        let outcome = try await RobustnessService(context: context).run(RobustnessService.Query(
            backtest: backtest, runs: input.runs, seed: UInt64(input.seed), blockLength: input.blockLength,
            holdoutChange: input.holdout, openHoldout: input.openHoldout))
        return ToolOutput(result: outcome.modelResult, display: outcome.display(context.settings.renderStyle))
    }
}
