/// Anything that can answer a conversation: an HTTP provider, the offline model, a replay, a test script.
package protocol ChatModel: Sendable {
    /// `provider:model`, as shown to the person and written to transcripts.
    var name: String { get }

    /// Streams one response. The stream ends after `.done`, or throws an `AgentError`.
    /// Cancelling the consuming task cancels the request.
    func respond(to conversation: [ChatMessage], tools: [ToolSpec]) -> AsyncThrowingStream<ModelEvent, any Error>
}

/// One piece of a streamed response.
package enum ModelEvent: Hashable, Sendable {
    case textDelta(String)
    /// A tool call with its arguments complete.
    case toolCall(ToolCall)
    case usage(TokenUsage)
    case done(StopReason)
}

/// Why the model stopped, in neutral words.
package enum StopReason: Hashable, Sendable, Codable {
    case endTurn
    case toolUse
    case maxTokens
    case other(String)
}

/// Tokens read and written; added up per turn and per session.
package struct TokenUsage: Codable, Hashable, Sendable {
    package var input: Int
    package var output: Int

    package init(input: Int = 0, output: Int = 0) {
        self.input = input
        self.output = output
    }

    package static let zero = TokenUsage()

    package static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        TokenUsage(input: lhs.input + rhs.input, output: lhs.output + rhs.output)
    }

    package static func += (lhs: inout TokenUsage, rhs: TokenUsage) {
        lhs = lhs + rhs
    }
}
