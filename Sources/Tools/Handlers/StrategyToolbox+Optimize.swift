import AgentLoop
import Foundation
import StrategyCore

/// `optimize_strategy`: a parameter sweep over a grid of the strategy's numbers, with the best variant,
/// the Probability of Backtest Overfitting and the best variant's Deflated Sharpe Ratio.
extension StrategyToolbox {
    static let optimizeSpec = ToolSpec(
        name: ToolName.optimizeStrategy.rawValue,
        description: "Search a grid of a strategy's numbers (thresholds, indicator periods, stop, target, hold, size) honestly: every variant is backtested on the same data, the best is reported with the Probability of Backtest Overfitting (CSCV) and its Deflated Sharpe Ratio counting every variant as a trial, and every variant is recorded as a trial of the strategy. Offer it after a streak of refinements; say plainly when the PBO is high or the deflated Sharpe is low.",
        parametersSchema: object([
            "strategy_id": ["type": "string", "description": strategyIdDescription],
            "grid": [
                "type": "array", "items": ["type": "string"], "minItems": 1,
                "description": "One entry per number to vary: PATH=LO..HI:STEP or PATH=A,B,C, where PATH names a number in the strategy JSON, e.g. \"risk_parameters.stop_loss_pct=4..12:2\" or \"entry_conditions.0.value=20..40:5\". A path ending at a condition's field (\"entry_conditions.0.field=10..20:2\") varies the indicator's period. Entries multiply.",
            ],
            "objective": ["type": "string", "enum": ["sharpe", "total_return", "calmar"], "description": "What the best variant maximises. Defaults to sharpe.", "default": "sharpe"],
            "save_best": ["type": "boolean", "description": "Save the best variant as the strategy's next version. Only when the person asked to keep it.", "default": false],
            "start_date": ["type": "string", "description": "Start date in YYYY-MM-DD format; defaults as for a backtest."],
            "end_date": ["type": "string", "description": "End date in YYYY-MM-DD format; defaults as for a backtest."],
            "tickers": ["type": "array", "items": ["type": "string"], "description": "Tickers to test on. Leave out to use the universe."],
            "universe": ["type": "string", "description": "A named universe such as \"sample\". Do not combine with tickers."],
        ], required: ["strategy_id", "grid"]))

    func optimize(_ arguments: ToolArguments) async throws -> ToolOutput {
        let texts = try arguments.strings("grid") ?? []
        let axes = try texts.map(ParameterGrid.Axis.parse)
        let objectiveText = try arguments.string("objective") ?? ParameterSweep.Objective.sharpe.rawValue
        guard let objective = ParameterSweep.Objective(rawValue: objectiveText) else {
            throw ToolsError.invalidArgument(
                tool: arguments.tool, name: "objective", reason: "is \"\(objectiveText)\", which is not an objective",
                fix: "Use one of \(ParameterSweep.Objective.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        var backtest = BacktestQuery(
            strategy: try strategy(arguments), start: try arguments.day("start_date"), end: try arguments.day("end_date"),
            tickers: try arguments.strings("tickers"), universe: try arguments.string("universe"))
        backtest.names.caller = ToolName.optimizeStrategy.rawValue
        let outcome = try await OptimizeService(context: context).run(OptimizeService.Query(
            backtest: backtest, axes: axes, objective: objective, saveBest: try arguments.bool("save_best") ?? false))
        return ToolOutput(modelContent: outcome.modelJSON.compactText, display: outcome.display(context.settings.renderStyle))
    }
}
