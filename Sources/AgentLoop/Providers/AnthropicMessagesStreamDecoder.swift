import Foundation
import Networking

extension AnthropicMessages {
    /// Assembles a messages stream: text deltas as they come, a tool call when its block stops
    /// (its `input_json_delta` fragments joined), usage and `done` at `message_stop`.
    struct StreamDecoder: ProviderStreamDecoder {
        private var parser = SSEParser()
        private var toolBlocks: [Int: ToolBlock] = [:]
        private var inputTokens = 0
        private var outputTokens = 0
        private var stopReason: String?
        private var sawStop = false
        private let provider = "anthropic"

        private struct ToolBlock: Sendable {
            var id: String
            var name: String
            var json: String
            var initialInput: AgentJSON?
        }

        init() {}

        mutating func feed(_ bytes: Data) throws -> [ModelEvent] {
            var events: [ModelEvent] = []
            for event in parser.feed(bytes) { events += try handle(event) }
            return events
        }

        mutating func finish() throws -> [ModelEvent] {
            // An event still open at the end is incomplete and dropped, as the SSE rules say.
            guard sawStop else {
                if let open = toolBlocks.values.first {
                    throw AgentError.streamDropped(provider: provider, detail: "in the middle of a call to \(open.name)")
                }
                throw AgentError.streamDropped(provider: provider, detail: "before the end of the answer (message_stop never came)")
            }
            return []
        }

        private mutating func handle(_ sse: SSEEvent) throws -> [ModelEvent] {
            if sawStop || sse.data.isEmpty { return [] }
            let event: Event
            do {
                event = try JSONDecoder().decode(Event.self, from: Data(sse.data.utf8))
            } catch {
                throw AgentError.malformedStream(provider: provider, detail: "an event is not messages-stream JSON: \(sse.data.prefix(80))")
            }
            switch event.type {
            case "message_start":
                if let usage = event.message?.usage {
                    inputTokens = usage.totalInput ?? inputTokens
                    outputTokens = usage.outputTokens ?? outputTokens
                }
            case "content_block_start":
                guard let index = event.index, let block = event.contentBlock else { return [] }
                if block.type == "tool_use" {
                    toolBlocks[index] = ToolBlock(id: block.id ?? "", name: block.name ?? "", json: "", initialInput: block.input)
                } else if block.type == "text", let text = block.text, !text.isEmpty {
                    return [.textDelta(text)]
                }
            case "content_block_delta":
                guard let delta = event.delta else { return [] }
                switch delta.type {
                case "text_delta":
                    if let text = delta.text, !text.isEmpty { return [.textDelta(text)] }
                case "input_json_delta":
                    if let index = event.index, toolBlocks[index] != nil { toolBlocks[index]!.json += delta.partialJSON ?? "" }
                default:
                    break
                }
            case "content_block_stop":
                guard let index = event.index, let block = toolBlocks.removeValue(forKey: index) else { return [] }
                let json = block.json.trimmingCharacters(in: .whitespacesAndNewlines)
                let arguments = json.isEmpty ? (block.initialInput ?? .object([:])).compactText : block.json
                return [.toolCall(ToolCall(id: block.id, name: block.name, argumentsJSON: arguments))]
            case "message_delta":
                if let reason = event.delta?.stopReason { stopReason = reason }
                if let usage = event.usage {
                    inputTokens = usage.totalInput ?? inputTokens
                    outputTokens = usage.outputTokens ?? outputTokens
                }
            case "message_stop":
                sawStop = true
                return [.usage(TokenUsage(input: inputTokens, output: outputTokens)), .done(AnthropicMessages.stopReason(stopReason))]
            case "error":
                let message = [event.error?.type, event.error?.message].compactMap { $0 }.joined(separator: ": ")
                throw AgentError.streamError(provider: provider, message: Redaction.redact(message.isEmpty ? "unknown error" : message, secret: nil))
            default:
                break
            }
            return []
        }
    }
}
