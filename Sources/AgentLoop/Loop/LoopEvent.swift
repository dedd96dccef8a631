/// What happens during a turn, in the order it happens, for the REPL and transcripts to show.
package enum LoopEvent: Hashable, Sendable {
    /// A piece of the model's text, to print as it arrives.
    case assistantTextDelta(String)
    /// The model's complete message for one round, as appended to the conversation.
    case assistantMessage(text: String, toolCalls: [ToolCall])
    case toolStarted(ToolCall)
    case toolFinished(ToolCall, ToolOutput)
    /// Tokens used by one model request.
    case usage(TokenUsage)
    /// The model kept calling tools past the limit; the turn ends without a final answer.
    case roundCapReached(limit: Int)
    /// The same call failed three times in a row; `message` explains it to the person.
    case repeatedFailure(ToolCall, message: String)
    /// The turn was cancelled; unanswered calls got a "cancelled" result.
    case cancelled
    /// Always the last event of a turn that did not throw.
    case turnEnded(TurnSummary)
}

/// How a turn went, for the status line and transcripts.
package struct TurnSummary: Hashable, Sendable {
    package var usage: TokenUsage
    package var sessionUsage: TokenUsage
    /// Model requests made in this turn.
    package var rounds: Int
    package var outcome: TurnOutcome

    package init(usage: TokenUsage, sessionUsage: TokenUsage, rounds: Int, outcome: TurnOutcome) {
        self.usage = usage
        self.sessionUsage = sessionUsage
        self.rounds = rounds
        self.outcome = outcome
    }
}

/// Why a turn ended.
package enum TurnOutcome: Hashable, Sendable {
    case answered
    case roundCapReached
    case repeatedFailure
    case cancelled
}
