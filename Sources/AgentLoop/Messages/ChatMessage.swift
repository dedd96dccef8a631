/// One message of a conversation, in a form every provider can be mapped to.
///
/// Providers translate these at their edge; nothing provider-specific is stored here,
/// so a conversation can move from one model to another with `/model`.
package enum ChatMessage: Codable, Hashable, Sendable {
    case system(String)
    case user(String)
    /// What the model said; `toolCalls` are the calls it asked for in the same response.
    case assistant(text: String, toolCalls: [ToolCall])
    case toolResult(ToolResult)
}

/// A call the model asked for. `argumentsJSON` is kept as the model sent it, even when it
/// is not valid JSON, so the conversation replays exactly and the model can see its mistake.
package struct ToolCall: Codable, Hashable, Sendable {
    package var id: String
    package var name: String
    package var argumentsJSON: String

    package init(id: String, name: String, argumentsJSON: String) {
        self.id = id
        self.name = name
        self.argumentsJSON = argumentsJSON
    }
}

/// The answer to one tool call, as the model will read it.
package struct ToolResult: Codable, Hashable, Sendable {
    package var callId: String
    package var name: String
    /// Compact JSON text.
    package var content: String
    package var isError: Bool

    package init(callId: String, name: String, content: String, isError: Bool) {
        self.callId = callId
        self.name = name
        self.content = content
        self.isError = isError
    }
}
