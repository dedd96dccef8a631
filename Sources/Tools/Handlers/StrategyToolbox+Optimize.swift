import AgentLoop
import Foundation
import StrategyCore

/// `optimize_strategy`: a parameter sweep over a grid of the strategy's numbers, with the best variant,
/// the Probability of Backtest Overfitting and the best variant's Deflated Sharpe Ratio.
extension StrategyToolbox {
    func optimize(_ input: OptimizeInput) async throws -> ToolOutput {
        var backtest = BacktestQuery(
            strategy: try strategy(input.strategyId).definition, start: input.startDate, end: input.endDate,
            tickers: input.tickers, universe: input.universe)
        backtest.names.caller = ToolName.optimizeStrategy.rawValue
        let outcome = try await OptimizeService(context: context).run(OptimizeService.Query(
            backtest: backtest, axes: input.grid, objective: input.objective, saveBest: input.saveBest))
        return ToolOutput(result: outcome.modelResult, display: outcome.display(context.settings.renderStyle))
    }
}
