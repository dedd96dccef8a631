import AgentLoop
import Foundation
import MarketData
import Store
import StrategyCore
import Tools

/// How the strategy slash commands reach the tools: the same toolbox and handlers the model calls, with
/// the offline text parser as interpreter, so every slash command works with no model at all.
extension SlashCommand {
    /// The toolbox for one slash command, sharing the session's clock, ids and settings.
    @MainActor static func toolbox(_ context: ChatContext) throws -> StrategyToolbox {
        let store = try context.store()
        let data = try marketData(context)
        let settings = context.session?.toolSettings
            ?? ToolSettings(displayWidth: max(80, context.style.width ?? 100), ascii: context.style.ascii)
        let clock = context.clock, ids = context.ids
        let tools = ToolContext(
            store: store, userId: context.user, marketData: data, settings: settings,
            interpreter: TextParserStrategyInterpreter(), now: { clock?.now() ?? Date() },
            makeId: { ids?.next() ?? StratStore.randomId() }, progress: ProgressPrinter.standardError(ascii: context.style.ascii))
        return StrategyToolbox(context: tools)
    }

    /// The sources the chat uses too: live ones when their keys are set, else the embedded set (plus imports).
    @MainActor static func marketData(_ context: ChatContext) throws -> MarketData {
        let store = try context.store()
        do {
            guard let session = context.session else { return try MarketData.offline(storage: store) }
            return try MarketData.configured(environment: session.dataEnvironment, storage: store, cache: store)
        } catch {
            throw SlashError.toolFailed(error.localizedDescription)
        }
    }

    /// Runs one tool and prints what it shows the person. Ctrl-C cancels it (a backtest stops between
    /// days) and the prompt comes back; an error result is thrown so the shell reports it.
    @MainActor @discardableResult
    static func runTool(_ tool: ToolName, _ arguments: [String: AgentJSON], _ context: ChatContext) async throws -> ToolOutput {
        let toolbox = try toolbox(context)
        let call = ToolCall(id: "slash-\(tool.rawValue)", name: tool.rawValue, argumentsJSON: AgentJSON.object(arguments).compactText)
        let task = Task { try await toolbox.run(call) }
        let watch = context.session?.interrupts?.watch { task.cancel() }
        let result = await task.result
        watch?.stop()
        if task.isCancelled { throw SlashError.cancelled }
        let output = try result.get()
        if output.isError { throw SlashError.toolFailed(output.display ?? output.modelContent) }
        if let display = output.display {
            // Set off by a blank line, as the chat shows tool results, so commands read apart in a long session.
            context.show(String(display.reversed().drop { $0 == "\n" }.reversed()))
            context.console.line()
        }
        return output
    }

    /// The strategy a reference names: an id, an id prefix of 4 or more characters, or a name, ignoring case.
    /// An empty reference means the strategy created or named last in this session. The strategy found
    /// becomes the one named last.
    @MainActor static func strategy(_ reference: String, _ context: ChatContext, usage: String) throws -> StoredStrategy {
        var text = reference.trimmingCharacters(in: .whitespaces)
        let implicit = text.isEmpty
        if implicit {
            guard let last = context.lastStrategyId else {
                throw SlashError.usage("No strategy was created or named in this session yet: \(usage) (/strategies lists yours).")
            }
            text = last
        }
        switch try context.store().resolveStrategyReference(text, user: context.user) {
        case .found(let strategy):
            context.lastStrategyId = strategy.id
            return strategy
        case .ambiguous(let matches):
            throw SlashError.ambiguous(reference: text, candidates: matches.map(candidateLine))
        case .notFound(let suggestion):
            if implicit {
                context.lastStrategyId = nil
                throw SlashError.usage("The strategy named last is gone: \(usage) (/strategies lists yours).")
            }
            throw SlashError.notFound(reference: text, suggestion: suggestion)
        }
    }

    /// The strategy a successful tool result is about, so a chat turn that creates or names one makes it the
    /// default for `/backtest` and the like; nil for a list, a leaderboard or a deletion.
    static func mentionedStrategy(by call: ToolCall, in output: ToolOutput) -> String? {
        guard !output.isError, let id = ToolName(rawValue: call.name)?.strategyNamed(inResult: output.modelContent)?.id,
              !id.isEmpty else { return nil }
        return id
    }

    /// "a1b2c3d4  RSI dip": the id prefix that names it back, then the name.
    static func candidateLine(_ strategy: StoredStrategy) -> String {
        String(strategy.id.prefix(Completer.idLength)) + "  " + strategy.name
    }
}
