import AgentLoop
import Foundation
import StrategyCore

/// What `optimize_strategy` is given: the strategy, the grid of its numbers to vary, what the best maximises,
/// whether to keep the best, and the data as for a backtest.
struct OptimizeInput: ToolInput {
    static let tool = ToolName.optimizeStrategy

    var strategyId: String
    var grid: [ParameterGrid.Axis]
    var objective: ParameterSweep.Objective
    var saveBest: Bool
    var startDate: Day?
    var endDate: Day?
    var tickers: [String]?
    var universe: String?
    var walkForward: WalkForward.Options?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case strategyId = "strategy_id", grid, objective, saveBest = "save_best", startDate = "start_date", endDate = "end_date"
        case tickers, universe, walkForward = "walk_forward"
    }

    static let description = "Search a grid of a strategy's numbers (thresholds, indicator periods, stop, target, hold, size) honestly: every variant is backtested on the same data, the best is reported with the Probability of Backtest Overfitting (CSCV) and its Deflated Sharpe Ratio counting every variant as a trial, and every variant is recorded as a trial of the strategy. Offer it after a streak of refinements; say plainly when the PBO is high or the deflated Sharpe is low."

    static let schema = StrategyToolbox.object([
        "strategy_id": ["type": "string", "description": StrategyToolbox.strategyIdDescription],
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
        "walk_forward": [
            "type": "object",
            "description": "Also walk forward: in each train window the sweep picks the best variant, which then trades the next test window; the test windows are stitched and compared with in-sample (walk-forward efficiency). E.g. {\"train_months\": 24, \"test_months\": 6}.",
            "properties": [
                "train_months": ["type": "integer", "minimum": 1],
                "test_months": ["type": "integer", "minimum": 1],
                "anchored": ["type": "boolean", "description": "Keep every train window's start at the first day (else they roll).", "default": false],
            ],
            "required": ["train_months", "test_months"],
        ],
    ], required: ["strategy_id", "grid"])

    init(from decoder: any Decoder) throws {
        let arguments = try ToolArguments(decoder, CodingKeys.self, tool: Self.tool)
        strategyId = try arguments.requiredString(CodingKeys.strategyId.stringValue)
        grid = try (arguments.strings(CodingKeys.grid.stringValue) ?? []).map(ParameterGrid.Axis.parse)
        let objectiveText = try arguments.string(CodingKeys.objective.stringValue) ?? ParameterSweep.Objective.sharpe.rawValue
        guard let objective = ParameterSweep.Objective(rawValue: objectiveText) else {
            throw ToolsError.invalidArgument(
                tool: Self.tool.rawValue, name: CodingKeys.objective.stringValue, reason: "is \"\(objectiveText)\", which is not an objective",
                fix: "Use one of \(ParameterSweep.Objective.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        self.objective = objective
        saveBest = try arguments.bool(CodingKeys.saveBest.stringValue) ?? false
        startDate = try arguments.day(CodingKeys.startDate.stringValue)
        endDate = try arguments.day(CodingKeys.endDate.stringValue)
        tickers = try arguments.strings(CodingKeys.tickers.stringValue)
        universe = try arguments.string(CodingKeys.universe.stringValue)
        walkForward = try Self.walkForward(arguments.values[CodingKeys.walkForward.stringValue])
    }

    /// `{"train_months": 24, "test_months": 6, "anchored": false}`; nil when absent.
    static func walkForward(_ value: AgentJSON?) throws -> WalkForward.Options? {
        guard let value, value != .null else { return nil }
        let name = CodingKeys.walkForward.stringValue
        let fix = "Send {\"train_months\": 24, \"test_months\": 6}, whole months of at least 1."
        guard let object = value.objectValue else {
            throw ToolsError.invalidArgument(tool: tool.rawValue, name: name, reason: "must be an object", fix: fix)
        }
        let inner = ToolArguments(tool: tool.rawValue, values: object)
        guard let train = try inner.integer("train_months"), let test = try inner.integer("test_months"), train >= 1, test >= 1 else {
            throw ToolsError.invalidArgument(tool: tool.rawValue, name: name, reason: "needs train_months and test_months of at least 1", fix: fix)
        }
        return WalkForward.Options(trainMonths: train, testMonths: test, anchored: try inner.bool("anchored") ?? false)
    }
}
