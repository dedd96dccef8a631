import MCP

/// Sends a call's progress to the client as `notifications/progress`, in order, at most once per percent
/// (a backtest counts every ticker and every day), and all of it before the call's answer.
final class ProgressReporter: Sendable {
    private struct Step: Sendable {
        var done: Double
        var total: Double?
        var message: String
    }

    private let continuation: AsyncStream<Step>.Continuation
    private let sending: Task<Void, Never>

    init(token: ProgressToken, server: Server) {
        let (steps, continuation) = AsyncStream<Step>.makeStream(bufferingPolicy: .unbounded)
        self.continuation = continuation
        sending = Task {
            var last: (percent: Int, message: String)?
            var sent = -Double.infinity
            for await step in steps {
                let percent = step.total.map { $0 > 0 ? Int(step.done / $0 * 100) : 0 } ?? Int(step.done)
                // Progress never runs backwards, and an unchanged percent under the same label is not news.
                guard step.done >= sent, last.map({ $0.percent != percent || $0.message != step.message }) ?? true else { continue }
                last = (percent, step.message)
                sent = step.done
                try? await server.notify(ProgressNotification.message(
                    .init(progressToken: token, progress: step.done, total: step.total, message: step.message)))
            }
        }
    }

    /// Called from the working task, as often as it likes.
    var report: CatalogProgress {
        { [continuation] done, total, message in continuation.yield(Step(done: done, total: total, message: message)) }
    }

    /// Sends what is queued; after this, nothing more is sent.
    func finish() async {
        continuation.finish()
        await sending.value
    }
}
