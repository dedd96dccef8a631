import Foundation

/// The OpenAI chat-completions wire format, spoken by OpenAI, Ollama, llama.cpp, vLLM,
/// LM Studio and OpenRouter. Nothing here leaves the provider: the adapter maps to and
/// from the neutral `ChatMessage` and `ModelEvent`.
enum OpenAIChat {
    struct Request: Encodable {
        var model: String
        var messages: [Message]
        var tools: [Tool]?
        var stream = true
        var streamOptions = StreamOptions()

        enum CodingKeys: String, CodingKey {
            case model, messages, tools, stream
            case streamOptions = "stream_options"
        }
    }

    struct StreamOptions: Encodable {
        var include_usage = true
    }

    struct Message: Encodable, Hashable {
        var role: String
        var content: String?
        var toolCalls: [ToolCallOut]?
        var toolCallId: String?

        enum CodingKeys: String, CodingKey {
            case role, content
            case toolCalls = "tool_calls"
            case toolCallId = "tool_call_id"
        }
    }

    struct ToolCallOut: Encodable, Hashable {
        var id: String
        var type = "function"
        var function: FunctionCall
    }

    struct FunctionCall: Encodable, Hashable {
        var name: String
        var arguments: String
    }

    struct Tool: Encodable {
        var type = "function"
        var function: FunctionSpec
    }

    struct FunctionSpec: Encodable {
        var name: String
        var description: String
        var parameters: AgentJSON
    }

    /// One `data:` line of the stream.
    struct Chunk: Decodable {
        var choices: [Choice]?
        var usage: Usage?
        var error: ErrorBody?
    }

    struct Choice: Decodable {
        var index: Int?
        var delta: Delta?
        var finishReason: String?

        enum CodingKeys: String, CodingKey {
            case index, delta
            case finishReason = "finish_reason"
        }
    }

    struct Delta: Decodable {
        var content: String?
        var toolCalls: [ToolCallDelta]?

        enum CodingKeys: String, CodingKey {
            case content
            case toolCalls = "tool_calls"
        }
    }

    struct ToolCallDelta: Decodable {
        var index: Int?
        var id: String?
        var function: FunctionDelta?
    }

    struct FunctionDelta: Decodable {
        var name: String?
        var arguments: String?
    }

    struct Usage: Decodable {
        var promptTokens: Int?
        var completionTokens: Int?

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
        }
    }

    /// `code` is a string at OpenAI and a number at some compatible servers, so it stays loose.
    struct ErrorBody: Decodable {
        var message: String?
        var type: String?
        var code: AgentJSON?
    }

    static func request(model: String, conversation: [ChatMessage], tools: [ToolSpec]) -> Request {
        let specs = tools.map { Tool(function: FunctionSpec(name: $0.name, description: $0.description, parameters: $0.parametersSchema)) }
        return Request(model: model, messages: messages(from: conversation), tools: specs.isEmpty ? nil : specs)
    }

    static func messages(from conversation: [ChatMessage]) -> [Message] {
        conversation.map { message in
            switch message {
            case .system(let text):
                Message(role: "system", content: text)
            case .user(let text):
                Message(role: "user", content: text)
            case .assistant(let text, let calls):
                Message(
                    role: "assistant",
                    content: text.isEmpty && !calls.isEmpty ? nil : text,
                    toolCalls: calls.isEmpty ? nil : calls.map {
                        ToolCallOut(id: $0.id, function: FunctionCall(name: $0.name, arguments: $0.argumentsJSON))
                    })
            case .toolResult(let result):
                Message(role: "tool", content: result.content, toolCallId: result.callId)
            }
        }
    }

    static func stopReason(_ wire: String?) -> StopReason {
        switch wire {
        case "stop", nil: .endTurn
        case "tool_calls", "function_call": .toolUse
        case "length": .maxTokens
        case let other?: .other(other)
        }
    }
}
