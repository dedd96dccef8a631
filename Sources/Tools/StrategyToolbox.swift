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
            let arguments = try ToolArguments(call)
            switch tool {
            case .createTradingStrategy: return try await create(arguments)
            case .backtestStrategy: return try await backtest(arguments)
            case .getStrategySignals: return try await signals(arguments)
            case .compareStrategies: return try await compare(arguments)
            case .refineStrategy: return try await refine(arguments)
            case .listUserStrategies: return try list(arguments)
            case .getStrategy: return try show(arguments)
            case .revertStrategy: return try revert(arguments)
            case .setStrategyActive: return try setActive(arguments)
            case .deleteStrategy: return try delete(arguments)
            case .recordSignalAction: return try recordSignalAction(arguments)
            case .optimizeStrategy: return try await optimize(arguments)
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
        }
    }

    /// An error result whose details say what went wrong as data, so a reader (the offline model) need not
    /// parse the message.
    static func failure(_ error: ToolsError) -> ToolOutput {
        var details: [String: AgentJSON] = ["problem": .string(error.problem)]
        switch error {
        case .ambiguousStrategy(_, let candidates): details["candidates"] = .strings(candidates)
        case .strategyNotFound(let reference, let suggestion):
            details["not_found"] = .string(reference)
            if let suggestion { details["did_you_mean"] = .string(suggestion) }
        case .confirmationRequired: details["needs_confirmation"] = true
        default: break
        }
        return .error(error.errorDescription ?? "\(error)", details: details)
    }

    // MARK: - Shared steps

    /// The user's strategy named by the `strategy_id` argument: a full id, a unique id prefix, or a name.
    func strategy(_ arguments: ToolArguments) throws -> TradingStrategy {
        let reference = try arguments.requiredString("strategy_id")
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
    static func label(_ strategy: TradingStrategy) -> String {
        "\(strategy.name) (\(shortId(strategy.id)))"
    }

    /// The first 8 characters of an id, enough to name it back.
    static func shortId(_ id: String?) -> String {
        String((id ?? "").prefix(8))
    }

    func render(_ table: TextTable) -> String {
        table.render(borders: context.settings.borders, maxWidth: context.settings.displayWidth)
    }
}
