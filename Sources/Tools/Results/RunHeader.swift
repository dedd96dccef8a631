import AgentLoop
import Foundation
import StrategyCore

/// What a result of running a strategy over data states about the run, whatever it computed (a sweep, a
/// robustness check): the strategy and its version, the dates and universe, and the notes on the data. Its
/// keys sit at the top level of the result beside the result's own.
package struct RunHeader: Codable, Hashable, Sendable {
    package var strategyId, strategyName: String
    package var strategyVersion: Int
    package var startDate, endDate, universe: String
    package var tickers: Int
    package var warnings, rangeNotes, syntheticData: [String]

    init(strategy: TradingStrategy, start: Day, end: Day, plan: BacktestPlan, warnings: [String]) {
        (strategyId, strategyVersion) = StrategyToolbox.idAndVersion(strategy)
        strategyName = strategy.name
        startDate = start.iso
        endDate = end.iso
        universe = plan.universe.name
        tickers = plan.universe.tickers.count
        self.warnings = warnings
        rangeNotes = plan.rangeNotes
        syntheticData = plan.external.syntheticLabels
    }

    enum CodingKeys: String, CodingKey {
        case strategyId = "strategy_id", strategyName = "strategy_name", strategyVersion = "strategy_version"
        case startDate = "start_date", endDate = "end_date", universe, tickers, warnings, rangeNotes = "range_notes"
        case syntheticData = "synthetic_data"
    }

    static let schema = ObjectSchema(required: [
        "strategy_id": .string, "strategy_name": .string, "strategy_version": .integer, "start_date": .string,
        "end_date": .string, "universe": .string, "tickers": .integer, "warnings": .array(.string),
        "range_notes": .array(.string), "synthetic_data": .array(.string),
    ])
}
