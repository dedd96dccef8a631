import Foundation
import StrategyCore

/// A strategy as a tool result names it: its id, name and, when the result states it, its version.
package struct NamedStrategy: Hashable, Sendable {
    package var id: String
    package var name: String
    package var version: Int?

    package init(id: String, name: String, version: Int?) {
        self.id = id
        self.name = name
        self.version = version
    }

    init(_ facts: StrategyFacts) {
        self.init(id: facts.strategyId, name: facts.name, version: facts.version)
    }
}

/// Reading a tool's result back as its result type, for the offline model and the chat's "last strategy".
extension ToolName {
    /// The result text read as `Result`; nil when it is not one (an error, another tool's result).
    package func decode<Result: Decodable>(_ type: Result.Type, from content: String) -> Result? {
        try? StrategyJSON.decoder.decode(Result.self, from: Data(content.utf8))
    }

    /// The one strategy a successful result is about; nil for a list, a leaderboard, a signal action or a deletion.
    package func strategyNamed(inResult content: String) -> NamedStrategy? {
        switch self {
        case .createTradingStrategy:
            guard case .created(let result)? = decode(CreateStrategyResult.self, from: content) else { return nil }
            return NamedStrategy(result.strategy)
        case .refineStrategy:
            guard case .refined(let result)? = decode(RefineStrategyResult.self, from: content) else { return nil }
            return NamedStrategy(result.strategy)
        case .revertStrategy: return decode(RevertStrategyResult.self, from: content).map { NamedStrategy($0.strategy) }
        case .getStrategy: return decode(StrategyDetailResult.self, from: content).map { NamedStrategy($0.strategy) }
        case .backtestStrategy:
            return decode(BacktestResult.self, from: content).map { .init(id: $0.strategyId, name: $0.strategyName, version: $0.strategyVersion) }
        case .getStrategySignals:
            return decode(SignalsResult.self, from: content).map { .init(id: $0.strategyId, name: $0.strategyName, version: nil) }
        case .setStrategyActive:
            return decode(StrategyActivityResult.self, from: content).map { .init(id: $0.strategyId, name: $0.name, version: nil) }
        case .optimizeStrategy:
            return decode(OptimizeResult.self, from: content).map { .init(id: $0.run.strategyId, name: $0.run.strategyName, version: $0.run.strategyVersion) }
        case .analyzeStrategyRobustness:
            return decode(RobustnessResult.self, from: content).map { .init(id: $0.run.strategyId, name: $0.run.strategyName, version: $0.run.strategyVersion) }
        case .managePaperAccount:
            return decode(ManagePaperAccountResult.self, from: content)?.strategy.map { .init(id: $0.strategyId, name: $0.name, version: $0.version) }
        case .listUserStrategies, .compareStrategies, .deleteStrategy, .recordSignalAction, .getPaperAccount:
            return nil
        }
    }

    /// The strategies a list or a leaderboard shows, in its order; empty for any other result.
    package func strategiesListed(inResult content: String) -> [NamedStrategy] {
        switch self {
        case .listUserStrategies:
            return decode(StrategyListResult.self, from: content)?.strategies.map { .init(id: $0.strategyId, name: $0.name, version: $0.version) } ?? []
        case .compareStrategies:
            return decode(LeaderboardResult.self, from: content)?.strategies.map { .init(id: $0.strategyId, name: $0.name, version: nil) } ?? []
        default:
            return []
        }
    }
}
