import Foundation

/// Wraps a model and writes each complete response to the transcript as it finishes, so a replay can
/// answer the same requests in the same order. Requests without tools (a tool asking the model for
/// text, like the strategy parser) are recorded too: they come from the same model, in between.
package struct RecordingModel: ChatModel {
    package let inner: any ChatModel
    package let log: TranscriptLog
    private let now: @Sendable () -> Date

    package init(_ inner: any ChatModel, log: TranscriptLog, now: @escaping @Sendable () -> Date = Date.init) {
        self.inner = inner
        self.log = log
        self.now = now
    }

    package var name: String { inner.name }

    package func respond(to conversation: [ChatMessage], tools: [ToolSpec]) -> AsyncThrowingStream<ModelEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<ModelEvent, any Error>.makeStream()
        let pump = Task {
            let started = now()
            var event = TranscriptEvent(type: .modelResponse, at: started)
            event.model = inner.name
            event.withTools = !tools.isEmpty
            var text = ""
            var calls: [TranscriptEvent.Call] = []
            var usage = TokenUsage.zero
            func finish(error: (any Error)?) {
                event.text = text
                event.toolCalls = calls.isEmpty ? nil : calls
                event.usage = usage
                event.elapsedMs = TranscriptRecorder.milliseconds(from: started, to: now())
                if let error {
                    event.error = error is CancellationError ? "cancelled"
                        : (error as? any LocalizedError)?.errorDescription ?? "\(error)"
                }
                log.append(event)
            }
            do {
                for try await piece in inner.respond(to: conversation, tools: tools) {
                    switch piece {
                    case .textDelta(let delta): text += delta
                    case .toolCall(let call): calls.append(TranscriptEvent.Call(call))
                    case .usage(let more): usage += more
                    case .done(let reason): event.stop = Self.text(reason)
                    }
                    continuation.yield(piece)
                }
                if Task.isCancelled { throw CancellationError() }
                finish(error: nil)
                continuation.finish()
            } catch {
                finish(error: Task.isCancelled ? CancellationError() : error)
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { termination in
            if case .cancelled = termination { pump.cancel() }
        }
        return stream
    }

    static func text(_ reason: StopReason) -> String {
        switch reason {
        case .endTurn: "end_turn"
        case .toolUse: "tool_use"
        case .maxTokens: "max_tokens"
        case .other(let text): text
        }
    }

    static func reason(_ text: String?) -> StopReason {
        switch text {
        case "end_turn", nil: .endTurn
        case "tool_use": .toolUse
        case "max_tokens": .maxTokens
        case let other?: .other(other)
        }
    }
}
