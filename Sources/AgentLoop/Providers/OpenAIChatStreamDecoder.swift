import Foundation
import Networking

extension OpenAIChat {
    /// Assembles a chat-completions stream: text as it comes, tool calls once complete.
    ///
    /// Tool-call fragments are joined by `index`; a fragment with a new `id` at a used index
    /// starts a new call (some servers number every call 0). Calls are emitted when the
    /// choice finishes, usage and `done` at `[DONE]`.
    struct StreamDecoder: ProviderStreamDecoder {
        private var parser = SSEParser()
        private var pending: [PendingCall] = []
        private var slotForIndex: [Int: Int] = [:]
        private var finishReason: String?
        private var sawFinish = false
        private var sawDone = false
        /// Some servers repeat running totals in every chunk, so only the last one counts.
        private var usage: TokenUsage?
        private let provider: String

        private struct PendingCall: Sendable {
            var id: String
            var name: String
            var arguments: String
        }

        init(provider: String = "openai") {
            self.provider = provider
        }

        mutating func feed(_ bytes: Data) throws -> [ModelEvent] {
            var events: [ModelEvent] = []
            for event in parser.feed(bytes) { events += try handle(event) }
            return events
        }

        mutating func finish() throws -> [ModelEvent] {
            // An event still open at the end is incomplete and dropped, as the SSE rules say.
            if sawDone { return [] }
            guard sawFinish else {
                if let call = pending.last {
                    throw AgentError.streamDropped(provider: provider, detail: "in the middle of a call to \(call.name.isEmpty ? "a tool" : call.name)")
                }
                throw AgentError.streamDropped(provider: provider, detail: "before the end of the answer ([DONE] never came)")
            }
            // Some servers omit [DONE]; a finished choice is complete enough.
            return ending()
        }

        private mutating func handle(_ event: SSEEvent) throws -> [ModelEvent] {
            if sawDone { return [] }
            let data = event.data.trimmingCharacters(in: .whitespaces)
            if data == "[DONE]" {
                sawDone = true
                return flushCalls() + ending()
            }
            if data.isEmpty { return [] }
            let chunk: Chunk
            do {
                chunk = try JSONDecoder().decode(Chunk.self, from: Data(data.utf8))
            } catch {
                throw AgentError.malformedStream(provider: provider, detail: "a chunk is not chat-completion JSON: \(data.prefix(80))")
            }
            if let error = chunk.error {
                throw AgentError.streamError(provider: provider, message: Redaction.redact(error.message ?? error.type ?? "unknown error", secret: nil))
            }
            var events: [ModelEvent] = []
            for choice in chunk.choices ?? [] where (choice.index ?? 0) == 0 {
                if let text = choice.delta?.content, !text.isEmpty { events.append(.textDelta(text)) }
                for (position, fragment) in (choice.delta?.toolCalls ?? []).enumerated() {
                    absorb(fragment, fallbackIndex: position)
                }
                if let reason = choice.finishReason {
                    finishReason = reason
                    sawFinish = true
                    events += flushCalls()
                }
            }
            if let wire = chunk.usage {
                usage = TokenUsage(input: wire.promptTokens ?? 0, output: wire.completionTokens ?? 0)
            }
            return events
        }

        private func ending() -> [ModelEvent] {
            (usage.map { [ModelEvent.usage($0)] } ?? []) + [.done(OpenAIChat.stopReason(finishReason))]
        }

        private mutating func absorb(_ fragment: ToolCallDelta, fallbackIndex: Int) {
            let index = fragment.index ?? fallbackIndex
            if let slot = slotForIndex[index], fragment.id == nil || fragment.id == pending[slot].id || fragment.id == "" {
                if let name = fragment.function?.name, pending[slot].name.isEmpty { pending[slot].name = name }
                pending[slot].arguments += fragment.function?.arguments ?? ""
                return
            }
            slotForIndex[index] = pending.count
            pending.append(PendingCall(
                id: fragment.id ?? "", name: fragment.function?.name ?? "", arguments: fragment.function?.arguments ?? ""))
        }

        private mutating func flushCalls() -> [ModelEvent] {
            defer {
                pending = []
                slotForIndex = [:]
            }
            return pending.enumerated().map { position, call in
                let arguments = call.arguments.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "{}" : call.arguments
                return .toolCall(ToolCall(id: call.id.isEmpty ? "call_\(position)" : call.id, name: call.name, argumentsJSON: arguments))
            }
        }
    }
}
