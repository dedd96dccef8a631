import Foundation

/// Answers from a recording: each request gets the next recorded model response, text, tool calls and
/// usage as they were, in order. What it is asked is not checked; the tools' results are, by the caller.
package final class ReplayModel: ChatModel, @unchecked Sendable {
    private let responses: [TranscriptEvent]
    private let lock = NSLock()
    private var next = 0
    package let name: String

    /// - Parameter events: a transcript; its `model_response` events are the answers.
    package init(events: [TranscriptEvent]) {
        responses = events.filter { $0.type == .modelResponse }
        let recorded = events.first { $0.type == .session }?.model ?? "unknown"
        name = "replay:\(recorded)"
    }

    /// How many recorded responses have been given out.
    package var answered: Int { lock.withLock { next } }
    package var recordedCount: Int { responses.count }

    package func respond(to conversation: [ChatMessage], tools: [ToolSpec]) -> AsyncThrowingStream<ModelEvent, any Error> {
        let response: TranscriptEvent? = lock.withLock {
            guard next < responses.count else { return nil }
            defer { next += 1 }
            return responses[next]
        }
        let total = responses.count
        return AsyncThrowingStream { continuation in
            guard let response else {
                continuation.finish(throwing: AgentError.replayExhausted(recorded: total))
                return
            }
            if let text = response.text, !text.isEmpty { continuation.yield(.textDelta(text)) }
            for call in response.toolCalls ?? [] { continuation.yield(.toolCall(call.toolCall)) }
            if let usage = response.usage { continuation.yield(.usage(usage)) }
            if let error = response.error {
                continuation.finish(throwing: error == "cancelled"
                    ? CancellationError() as any Error : AgentError.streamError(provider: "replay", message: error))
                return
            }
            continuation.yield(.done(RecordingModel.reason(response.stop)))
            continuation.finish()
        }
    }
}
