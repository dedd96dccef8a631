import AgentLoop
import Foundation
import Tools

/// Runs the live tools during a replay with the clock pinned to the time each call started in the
/// recording, so anything a tool stamps or dates comes out as it did then. A call the recording shows
/// as cancelled is not run: it gets the recorded answer, as the person's Ctrl-C cannot be replayed.
final class PinningTools: ToolExecutor, @unchecked Sendable {
    private let inner: any ToolExecutor
    private let clock: SessionClock
    private let lock = NSLock()
    /// Recorded tool results not yet run, by call id, in order.
    private var pending: [String: [TranscriptEvent]]

    init(inner: any ToolExecutor, recordedResults: [TranscriptEvent], clock: SessionClock) {
        self.inner = inner
        self.clock = clock
        pending = Dictionary(grouping: recordedResults) { $0.callId ?? "" }
    }

    var specs: [ToolSpec] { inner.specs }

    func run(_ call: ToolCall) async throws -> ToolOutput {
        let recorded = lock.withLock { () -> TranscriptEvent? in
            guard var queue = pending[call.id], !queue.isEmpty else { return nil }
            let first = queue.removeFirst()
            pending[call.id] = queue
            return first
        }
        if let at = recorded?.at { clock.pin(at) }
        if let recorded, recorded.outcome == "cancelled" {
            return ToolOutput(modelContent: recorded.content ?? "", display: recorded.display.map(StyleMarks.replayed), isError: true)
        }
        return try await inner.run(call)
    }
}
