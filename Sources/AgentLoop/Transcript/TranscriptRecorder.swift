import Foundation

/// Turns what happens in a session (the person's lines and the loop's events) into transcript events,
/// with timings: how long each tool and each turn took.
package final class TranscriptRecorder: @unchecked Sendable {
    package let log: TranscriptLog
    private let now: @Sendable () -> Date
    private let lock = NSLock()
    private var toolStarts: [String: Date] = [:]
    private var turnStart: Date?

    package init(log: TranscriptLog, now: @escaping @Sendable () -> Date = Date.init) {
        self.log = log
        self.now = now
    }

    /// The first line of a session.
    package func session(model: String, provider: String, version: String, seed: UInt64, user: String,
                        settings: [String: String]) {
        var event = TranscriptEvent(type: .session, at: now())
        event.model = model
        event.provider = provider
        event.version = version
        event.seed = seed
        event.user = user
        event.settings = settings
        log.append(event)
    }

    package func userLine(_ text: String) {
        let time = now()
        lock.withLock { turnStart = time }
        var event = TranscriptEvent(type: .user, at: time)
        event.text = text
        log.append(event)
    }

    package func modelSwitched(to name: String) {
        var event = TranscriptEvent(type: .modelSwitch, at: now())
        event.model = name
        log.append(event)
    }

    package func confirmation(call: ToolCall, question: String, answer: Bool) {
        var event = TranscriptEvent(type: .confirmation, at: now())
        event.callId = call.id
        event.name = call.name
        event.text = question
        event.answer = answer
        log.append(event)
    }

    package func notice(_ text: String, kind: String) {
        var event = TranscriptEvent(type: .notice, at: now())
        event.name = kind
        event.text = text
        log.append(event)
    }

    /// Records one loop event; text deltas are skipped (the whole message follows in `assistantMessage`).
    package func record(_ loopEvent: LoopEvent) {
        let time = now()
        switch loopEvent {
        case .assistantTextDelta, .usage:
            return
        case .assistantMessage(let text, let calls):
            var event = TranscriptEvent(type: .assistant, at: time)
            event.text = text
            event.toolCalls = calls.isEmpty ? nil : calls.map(TranscriptEvent.Call.init)
            log.append(event)
        case .toolStarted(let call):
            lock.withLock { toolStarts[call.id] = time }
            var event = TranscriptEvent(type: .toolCall, at: time)
            event.callId = call.id
            event.name = call.name
            event.arguments = call.argumentsJSON
            log.append(event)
        case .toolFinished(let call, let output):
            let started = lock.withLock { toolStarts.removeValue(forKey: call.id) }
            var event = TranscriptEvent(type: .toolResult, at: started ?? time)
            event.callId = call.id
            event.name = call.name
            event.content = output.modelContent
            event.display = output.display
            event.isError = output.isError
            event.elapsedMs = started.map { Self.milliseconds(from: $0, to: time) }
            if output == AgentLoop.cancelledOutput { event.outcome = "cancelled" }
            log.append(event)
        case .roundCapReached(let limit):
            notice("Stopped after \(limit) model rounds without a final answer.", kind: "round_cap")
        case .repeatedFailure(_, let message):
            notice(message, kind: "repeated_failure")
        case .cancelled:
            notice("Cancelled.", kind: "cancelled")
        case .turnEnded(let summary):
            let started = lock.withLock { turnStart }
            var event = TranscriptEvent(type: .turnEnd, at: time)
            event.usage = summary.usage
            event.sessionUsage = summary.sessionUsage
            event.rounds = summary.rounds
            event.outcome = "\(summary.outcome)"
            event.elapsedMs = started.map { Self.milliseconds(from: $0, to: time) }
            log.append(event)
        }
    }

    static func milliseconds(from start: Date, to end: Date) -> Int {
        max(0, Int((end.timeIntervalSince(start) * 1000).rounded()))
    }
}
