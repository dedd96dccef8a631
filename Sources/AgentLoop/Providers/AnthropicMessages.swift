import Foundation

/// The Anthropic messages wire format. Mapped to the neutral types at the adapter's edge.
enum AnthropicMessages {
    static let version = "2023-06-01"

    struct Request: Encodable {
        var model: String
        var maxTokens: Int
        var system: String?
        var messages: [Message]
        var tools: [Tool]?
        var stream = true

        enum CodingKeys: String, CodingKey {
            case model, system, messages, tools, stream
            case maxTokens = "max_tokens"
        }
    }

    struct Message: Encodable, Hashable {
        var role: String
        var content: [Block]
    }

    enum Block: Encodable, Hashable {
        case text(String)
        case toolUse(id: String, name: String, input: AgentJSON)
        case toolResult(toolUseId: String, content: String, isError: Bool)

        private enum CodingKeys: String, CodingKey {
            case type, text, id, name, input, content
            case toolUseId = "tool_use_id"
            case isError = "is_error"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .text(let text):
                try container.encode("text", forKey: .type)
                try container.encode(text, forKey: .text)
            case .toolUse(let id, let name, let input):
                try container.encode("tool_use", forKey: .type)
                try container.encode(id, forKey: .id)
                try container.encode(name, forKey: .name)
                try container.encode(input, forKey: .input)
            case .toolResult(let toolUseId, let content, let isError):
                try container.encode("tool_result", forKey: .type)
                try container.encode(toolUseId, forKey: .toolUseId)
                try container.encode(content, forKey: .content)
                if isError { try container.encode(true, forKey: .isError) }
            }
        }
    }

    struct Tool: Encodable {
        var name: String
        var description: String
        var inputSchema: AgentJSON

        enum CodingKeys: String, CodingKey {
            case name, description
            case inputSchema = "input_schema"
        }
    }

    /// One streamed event; which fields are set depends on `type`.
    struct Event: Decodable {
        var type: String
        var message: MessageStart?
        var index: Int?
        var contentBlock: ContentBlock?
        var delta: Delta?
        var usage: Usage?
        var error: ErrorBody?

        enum CodingKeys: String, CodingKey {
            case type, message, index, delta, usage, error
            case contentBlock = "content_block"
        }
    }

    struct MessageStart: Decodable {
        var usage: Usage?
    }

    struct ContentBlock: Decodable {
        var type: String
        var id: String?
        var name: String?
        var text: String?
        var input: AgentJSON?
    }

    struct Delta: Decodable {
        var type: String?
        var text: String?
        var partialJSON: String?
        var stopReason: String?

        enum CodingKeys: String, CodingKey {
            case type, text
            case partialJSON = "partial_json"
            case stopReason = "stop_reason"
        }
    }

    struct Usage: Decodable {
        var inputTokens: Int?
        var outputTokens: Int?
        var cacheCreationInputTokens: Int?
        var cacheReadInputTokens: Int?

        enum CodingKeys: String, CodingKey {
            case inputTokens = "input_tokens"
            case outputTokens = "output_tokens"
            case cacheCreationInputTokens = "cache_creation_input_tokens"
            case cacheReadInputTokens = "cache_read_input_tokens"
        }

        /// All input tokens, cached or not, since the person pays attention to the total.
        var totalInput: Int? {
            guard inputTokens != nil || cacheCreationInputTokens != nil || cacheReadInputTokens != nil else { return nil }
            return (inputTokens ?? 0) + (cacheCreationInputTokens ?? 0) + (cacheReadInputTokens ?? 0)
        }
    }

    struct ErrorBody: Decodable {
        var type: String?
        var message: String?
    }

    static func request(model: String, maxTokens: Int, conversation: [ChatMessage], tools: [ToolSpec]) -> Request {
        let systemText = conversation.compactMap { if case .system(let text) = $0 { text } else { nil } }
        let specs = tools.map { Tool(name: $0.name, description: $0.description, inputSchema: $0.parametersSchema) }
        return Request(
            model: model, maxTokens: maxTokens, system: systemText.isEmpty ? nil : systemText.joined(separator: "\n\n"),
            messages: messages(from: conversation), tools: specs.isEmpty ? nil : specs)
    }

    /// Maps the conversation to alternating user/assistant messages: system text moves to the
    /// top-level field, tool results ride in user messages, and neighbours of the same role are
    /// merged (consecutive tool results, or a new line after a turn that ended on tool results).
    /// Empty text blocks are dropped because the API rejects them.
    static func messages(from conversation: [ChatMessage]) -> [Message] {
        var result: [Message] = []
        func add(_ role: String, _ blocks: [Block]) {
            guard !blocks.isEmpty else { return }
            if result.last?.role == role {
                result[result.count - 1].content += blocks
            } else {
                result.append(Message(role: role, content: blocks))
            }
        }
        for message in conversation {
            switch message {
            case .system:
                continue
            case .user(let text):
                add("user", hasContent(text) ? [.text(text)] : [])
            case .assistant(let text, let calls):
                let textBlocks: [Block] = hasContent(text) ? [.text(text)] : []
                add("assistant", textBlocks + calls.map { .toolUse(id: $0.id, name: $0.name, input: input(of: $0)) })
            case .toolResult(let toolResult):
                add("user", [.toolResult(toolUseId: toolResult.callId, content: toolResult.content, isError: toolResult.isError)])
            }
        }
        return result
    }

    private static func hasContent(_ text: String) -> Bool {
        !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// `input` must be an object; a call whose arguments were not valid JSON is replayed as `{}`
    /// (its error result already quotes what the model sent).
    private static func input(of call: ToolCall) -> AgentJSON {
        if let parsed = try? AgentJSON.parse(call.argumentsJSON), case .object = parsed { return parsed }
        return .object([:])
    }

    static func stopReason(_ wire: String?) -> StopReason {
        switch wire {
        case "end_turn", "stop_sequence", nil: .endTurn
        case "tool_use": .toolUse
        case "max_tokens": .maxTokens
        case let other?: .other(other)
        }
    }
}
