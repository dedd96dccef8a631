/// One message of a conversation, in a form every provider can be mapped to.
///
/// Providers translate these at their edge; nothing provider-specific is stored here,
/// so a conversation can move from one model to another with `/model`.
public enum ChatMessage: Codable, Hashable, Sendable {
    case system(String)
    case user(String)
    /// What the model said; `toolCalls` are the calls it asked for in the same response.
    case assistant(text: String, toolCalls: [ToolCall])
    case toolResult(ToolResult)
}

/// A call the model asked for. `argumentsJSON` is kept as the model sent it, even when it
/// is not valid JSON, so the conversation replays exactly and the model can see its mistake.
public struct ToolCall: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var argumentsJSON: String

    public init(id: String, name: String, argumentsJSON: String) {
        self.id = id
        self.name = name
        self.argumentsJSON = argumentsJSON
    }
}

/// The answer to one tool call, as the model will read it.
public struct ToolResult: Codable, Hashable, Sendable {
    public var callId: String
    public var name: String
    /// Compact JSON text.
    public var content: String
    public var isError: Bool

    public init(callId: String, name: String, content: String, isError: Bool) {
        self.callId = callId
        self.name = name
        self.content = content
        self.isError = isError
    }
}
