import AgentLoop
import Foundation
import StrategyCore

/// `backtest_strategy`: reads the arguments and hands them to `BacktestService`, which plans, runs and stores.
extension StrategyToolbox {
    func backtest(_ arguments: ToolArguments) async throws -> ToolOutput {
        let query = BacktestQuery(
            strategy: try strategy(arguments), start: try arguments.day("start_date"), end: try arguments.day("end_date"),
            capital: try arguments.number("initial_capital"), tickers: try arguments.strings("tickers"),
            universe: try arguments.string("universe"))
        let outcome = try await BacktestService(context: context).run(query)
        return ToolOutput(result: outcome.modelResult, display: outcome.display(context.settings.renderStyle))
    }
}
