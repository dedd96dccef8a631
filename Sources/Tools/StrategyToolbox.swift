import AgentLoop
import Foundation
import MarketData
import Store
import StrategyCore

/// The strategy tools the agent (and the slash commands) call: the original design's six and the extras a
/// chat needs. Each answer has two faces: compact JSON for the model and rendered text for the person.
///
/// A problem the caller can fix (a wrong id, a bad date) comes back as an error result, never a throw.
package struct StrategyToolbox: ToolExecutor {
    package let context: ToolContext

    package init(context: ToolContext) {
        self.context = context
    }

    package var specs: [ToolSpec] { Self.specs }

    /// Every tool name, in the order the specs list them.
    package static var toolNames: [String] { specs.map(\.name) }

    package func run(_ call: ToolCall) async throws -> ToolOutput {
        do {
            guard let tool = ToolName(rawValue: call.name) else {
                return .error("Unknown tool \"\(call.name)\". Valid tools: \(Self.toolNames.joined(separator: ", ")).")
            }
            switch tool {
            case .createTradingStrategy: return try await create(.read(call))
            case .backtestStrategy: return try await backtest(.read(call))
            case .getStrategySignals: return try await signals(.read(call))
            case .compareStrategies: return try await compare(.read(call))
            case .refineStrategy: return try await refine(.read(call))
            case .listUserStrategies: return try list(.read(call))
            case .getStrategy: return try show(.read(call))
            case .revertStrategy: return try revert(.read(call))
            case .setStrategyActive: return try setActive(.read(call))
            case .deleteStrategy: return try delete(.read(call))
            case .recordSignalAction: return try recordSignalAction(.read(call))
            case .optimizeStrategy: return try await optimize(.read(call))
            case .analyzeStrategyRobustness: return try await robustness(.read(call))
            case .managePaperAccount: return try managePaper(.read(call))
            case .getPaperAccount: return try await getPaper(.read(call))
            }
        } catch let error as ToolsError {
            return Self.failure(error)
        } catch let error as StoreError {
            return .error(error.errorDescription ?? "\(error)")
        } catch let error as MarketDataError {
            return .error(error.errorDescription ?? "\(error)")
        } catch let error as BacktestError {
            return .error(error.errorDescription ?? "\(error)")
        } catch let error as SignalError {
            return .error(error.errorDescription ?? "\(error)")
        } catch let error as SweepError {
            return .error(error.errorDescription ?? "\(error)")
        } catch let error as RobustnessError {
            return .error(error.errorDescription ?? "\(error)")
        } catch let error as PaperError {
            return .error(error.errorDescription ?? "\(error)")
        }
    }

    /// An error result whose details say what went wrong as data, so a reader (the offline model) need not
    /// parse the message.
    static func failure(_ error: ToolsError) -> ToolOutput {
        let message = error.errorDescription ?? "\(error)"
        var failure = ToolFailure(error: message, problem: error.problem)
        switch error {
        case .ambiguousStrategy(_, let candidates): failure.candidates = candidates
        case .strategyNotFound(let reference, let suggestion):
            failure.notFound = reference
            failure.didYouMean = suggestion
        case .confirmationRequired: failure.needsConfirmation = true
        default: break
        }
        return ToolOutput(result: failure, display: message, isError: true)
    }

    // MARK: - Shared steps

    /// The user's strategy named by a `strategy_id` argument: a full id, a unique id prefix, or a name.
    func strategy(_ reference: String) throws -> StoredStrategy {
        switch try context.store.resolveStrategyReference(reference, user: context.userId) {
        case .found(let strategy):
            return strategy
        case .ambiguous(let matches):
            throw ToolsError.ambiguousStrategy(reference: reference, candidates: matches.map(Self.label))
        case .notFound(let suggestion):
            throw ToolsError.strategyNotFound(reference: reference, suggestion: suggestion)
        }
    }

    /// "Insider + RSI Oversold (3f2a9c1e)".
    static func label(_ strategy: StoredStrategy) -> String {
        "\(strategy.name) (\(shortId(strategy.id)))"
    }

    /// "v3 (id 3f2a9c1e)" for a stored strategy; a draft is the first version it would be saved as: "v1 (not stored)".
    static func versionLabel(_ strategy: TradingStrategy) -> String {
        guard let stored = StoredStrategy(strategy) else { return "v1 (not stored)" }
        return "v\(stored.version) (id \(shortId(stored.id)))"
    }

    /// The id and version a result reports for the strategy it ran: a draft has no id yet (empty) and is
    /// the first version it would be saved as.
    static func idAndVersion(_ strategy: TradingStrategy) -> (id: String, version: Int) {
        StoredStrategy(strategy).map { ($0.id, $0.version) } ?? ("", 1)
    }

    /// The first 8 characters of an id, enough to name it back.
    static func shortId(_ id: String) -> String {
        String(id.prefix(8))
    }

    func render(_ table: TextTable) -> String {
        table.render(borders: context.settings.borders, maxWidth: context.settings.displayWidth)
    }
}
