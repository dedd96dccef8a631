import AgentLoop
import Foundation

/// What a tool does to the book, for a client deciding whether to ask before calling it.
package struct ToolAnnotations: Hashable, Sendable {
    /// Reads only: nothing is stored or changed.
    package var readOnly: Bool
    /// Removes something for good.
    package var destructive: Bool

    package init(readOnly: Bool, destructive: Bool) {
        self.readOnly = readOnly
        self.destructive = destructive
    }
}

/// Every tool described for another client of the tools (an MCP server, say): its description and input schema
/// as the model sees them, the schema of its result, what it does to the book, and one way to call it.
package struct ToolCatalog: Sendable {
    /// One tool.
    package struct Entry: Sendable {
        package var name: ToolName
        package var description: String
        package var inputSchema: AgentJSON
        package var outputSchema: AgentJSON
        package var annotations: ToolAnnotations
    }

    /// Every tool, in the order the model is given them.
    package static let entries: [Entry] = StrategyToolbox.specs.compactMap { spec in
        ToolName(rawValue: spec.name).map { tool in
            Entry(name: tool, description: spec.description, inputSchema: spec.parametersSchema,
                  outputSchema: tool.resultType.outputSchema.json, annotations: tool.annotations)
        }
    }

    package let toolbox: StrategyToolbox

    package init(context: ToolContext) {
        toolbox = StrategyToolbox(context: context)
    }

    /// Calls one tool by name with its arguments as JSON text. The output holds the result type's encoding, the
    /// text for a person, and whether it is an error (then the JSON is a `ToolFailure`). A problem the caller can
    /// fix, an unknown name included, is an error result, never a throw.
    package func call(name: String, argumentsJSON: String) async throws -> ToolOutput {
        try await toolbox.run(ToolCall(id: name, name: name, argumentsJSON: argumentsJSON))
    }
}

extension ToolName {
    /// The type whose encoding a successful call returns.
    package var resultType: any DescribedResult.Type {
        switch self {
        case .createTradingStrategy: CreateStrategyResult.self
        case .backtestStrategy: BacktestResult.self
        case .getStrategySignals: SignalsResult.self
        case .compareStrategies: LeaderboardResult.self
        case .refineStrategy: RefineStrategyResult.self
        case .listUserStrategies: StrategyListResult.self
        case .getStrategy: StrategyDetailResult.self
        case .revertStrategy: RevertStrategyResult.self
        case .setStrategyActive: StrategyActivityResult.self
        case .deleteStrategy: DeleteStrategyResult.self
        case .recordSignalAction: SignalActionResult.self
        case .optimizeStrategy: OptimizeResult.self
        case .analyzeStrategyRobustness: RobustnessResult.self
        case .managePaperAccount: ManagePaperAccountResult.self
        case .getPaperAccount: PaperAccountResult.self
        }
    }

    /// Listing, showing, scanning for signals and comparing change nothing; deleting cannot be undone. Creating,
    /// refining and reverting add a version, pausing is undone by resuming, and a backtest or a recorded action
    /// is stored beside what was there. Showing a paper account reads only; managing one is undone by its opposite
    /// (add and remove, halt and resume), and an opened account is kept.
    package var annotations: ToolAnnotations {
        switch self {
        case .listUserStrategies, .getStrategy, .getStrategySignals, .compareStrategies, .getPaperAccount:
            ToolAnnotations(readOnly: true, destructive: false)
        case .deleteStrategy:
            ToolAnnotations(readOnly: false, destructive: true)
        case .createTradingStrategy, .backtestStrategy, .refineStrategy, .revertStrategy, .setStrategyActive,
             .recordSignalAction, .optimizeStrategy, .analyzeStrategyRobustness, .managePaperAccount:
            ToolAnnotations(readOnly: false, destructive: false)
        }
    }
}
