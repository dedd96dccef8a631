import AgentLoop
import Foundation
import StrategyCore

/// What the offline model reads from a conversation: the person's last line, the tool results it has to
/// explain, and which strategy "it" means. The model keeps no state of its own, so the same conversation
/// always gives the same reading.
struct OfflineTranscript {
    /// A tool call paired with its result; the result is read as the tool's own result type (`decoded`).
    struct Exchange {
        var call: ToolCall
        var result: ToolResult

        var succeeded: Bool { !result.isError && failure == nil }
    }

    /// A strategy seen in a tool result or call: its id, name and latest known version.
    typealias KnownStrategy = NamedStrategy

    let messages: [ChatMessage]

    init(_ messages: [ChatMessage]) {
        self.messages = messages
    }

    /// The tool calls made so far, to number new call ids after them.
    var toolCallCount: Int {
        messages.reduce(0) { count, message in
            if case .assistant(_, let calls) = message { return count + calls.count }
            return count
        }
    }

    var lastUserIndex: Int? {
        messages.lastIndex { if case .user = $0 { true } else { false } }
    }

    var lastUserLine: String? {
        guard let index = lastUserIndex, case .user(let line) = messages[index] else { return nil }
        return line
    }

    /// Whether the model must answer the person's line (rather than explain tool results).
    var endsWithUserLine: Bool {
        guard let last = messages.last(where: { if case .system = $0 { false } else { true } }) else { return false }
        if case .user = last { return true }
        return false
    }

    /// The results that arrived since the model's last message, with their calls, in call order.
    var pendingExchanges: [Exchange] {
        guard let assistantIndex = messages.lastIndex(where: { if case .assistant = $0 { true } else { false } }),
              case .assistant(_, let calls) = messages[assistantIndex]
        else { return [] }
        let results = messages[(assistantIndex + 1)...].compactMap { message -> ToolResult? in
            if case .toolResult(let result) = message { return result }
            return nil
        }
        return calls.compactMap { call in
            results.first { $0.callId == call.id }.map { Exchange(call: call, result: $0) }
        }
    }

    /// Every call and result of the turn in progress (since the person's last line).
    var currentTurnExchanges: [Exchange] {
        exchanges(from: (lastUserIndex ?? -1) + 1, to: messages.count)
    }

    /// The exchanges of the turn before the person's last line: what the last answer was about.
    var previousTurnExchanges: [Exchange] {
        guard let last = lastUserIndex else { return [] }
        let previous = messages[..<last].lastIndex { if case .user = $0 { true } else { false } } ?? -1
        return exchanges(from: previous + 1, to: last)
    }

    func exchanges(from start: Int, to end: Int) -> [Exchange] {
        guard start < end else { return [] }
        var calls: [String: ToolCall] = [:]
        var found: [Exchange] = []
        for message in messages[start..<end] {
            switch message {
            case .assistant(_, let toolCalls):
                for call in toolCalls { calls[call.id] = call }
            case .toolResult(let result):
                if let call = calls[result.callId] {
                    found.append(Exchange(call: call, result: result))
                }
            default:
                break
            }
        }
        return found
    }

    /// Every exchange in the conversation, oldest first.
    var allExchanges: [Exchange] { exchanges(from: 0, to: messages.count) }

    /// Strategies the conversation has seen, oldest first; deleted ones are dropped.
    var knownStrategies: [KnownStrategy] {
        var known: [KnownStrategy] = []
        func note(_ strategy: KnownStrategy) {
            guard !strategy.id.isEmpty else { return }
            if let index = known.firstIndex(where: { $0.id == strategy.id }) {
                let old = known.remove(at: index)
                known.append(KnownStrategy(id: strategy.id, name: strategy.name, version: strategy.version ?? old.version))
            } else {
                known.append(strategy)
            }
        }
        for exchange in allExchanges where exchange.succeeded {
            if exchange.tool == .deleteStrategy, let deleted = exchange.decoded(DeleteStrategyResult.self) {
                known.removeAll { $0.id == deleted.strategyId }
                continue
            }
            exchange.strategiesListed.forEach(note)
            if let named = exchange.strategyNamed { note(named) }
        }
        return known
    }

    /// The rules of strategy `id` as the latest result that stated them (a create, a refinement, a revert, a show).
    func latestDefinition(of id: String) -> TradingStrategy? {
        for exchange in allExchanges.reversed() where exchange.succeeded {
            guard let facts = exchange.decoded(StrategyFacts.self), facts.strategyId == id else { continue }
            return facts.definition
        }
        return nil
    }

    /// The strategy "it" means: the last one a single-strategy result named (a list or leaderboard names many).
    var currentStrategy: KnownStrategy? {
        let known = knownStrategies
        for exchange in allExchanges.reversed() where exchange.succeeded {
            if let id = exchange.strategyNamed?.id,
               let strategy = known.first(where: { $0.id == id }) {
                return strategy
            }
        }
        if known.count == 1 { return known[0] }
        return nil
    }

}

extension OfflineTranscript.Exchange {
    /// The tool called, when it is one of ours.
    var tool: ToolName? { ToolName(rawValue: call.name) }

    /// The result read as the tool's result type; nil when it is not one (an error, another tool's result).
    func decoded<Result: Decodable>(_ type: Result.Type) -> Result? {
        try? StrategyJSON.decoder.decode(Result.self, from: Data(result.content.utf8))
    }

    /// What went wrong, when the result is an error.
    var failure: ToolFailure? { decoded(ToolFailure.self) }

    /// The one strategy a successful result is about; nil for a list, a leaderboard, a signal action or a deletion.
    var strategyNamed: OfflineTranscript.KnownStrategy? { tool?.strategyNamed(inResult: result.content) }

    /// The strategies a list or a leaderboard shows, in its order.
    var strategiesListed: [OfflineTranscript.KnownStrategy] { tool?.strategiesListed(inResult: result.content) ?? [] }

    /// The call's arguments parsed (an empty object when they are not JSON).
    var arguments: AgentJSON {
        (try? AgentJSON.parse(call.argumentsJSON)) ?? .object([:])
    }
}
