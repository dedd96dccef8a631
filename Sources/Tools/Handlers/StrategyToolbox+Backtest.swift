import AgentLoop
import Foundation
import StrategyCore

/// `backtest_strategy`: reads the arguments and hands them to `BacktestService`, which plans, runs and stores.
extension StrategyToolbox {
    func backtest(_ input: BacktestInput) async throws -> ToolOutput {
        let query = BacktestQuery(
            strategy: try strategy(input.strategyId).definition, start: input.startDate, end: input.endDate,
            capital: input.initialCapital, tickers: input.tickers, universe: input.universe)
        let outcome = try await BacktestService(context: context).run(query)
        return ToolOutput(result: outcome.modelResult, display: outcome.display(context.settings.renderStyle))
    }
}
