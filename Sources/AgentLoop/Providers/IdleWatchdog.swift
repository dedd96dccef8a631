import Foundation

/// Fails an operation when it makes no progress for `timeout` seconds.
///
/// The limit is on silence, not on the whole response: a long answer that keeps streaming
/// is fine, a server that stalls mid-stream is not. The transport may have its own timeout;
/// this one holds whatever the transport does.
final class IdleWatchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var lastProgress = ContinuousClock.now

    /// Marks progress: a response head or content arrived (a keep-alive comment is not content).
    func touch() {
        lock.withLock { lastProgress = .now }
    }

    private var lastProgressTime: ContinuousClock.Instant {
        lock.withLock { lastProgress }
    }

    static func run(
        timeout: TimeInterval, onTimeout: any Error & Sendable,
        _ operation: @escaping @Sendable (IdleWatchdog) async throws -> Void
    ) async throws {
        let watchdog = IdleWatchdog()
        let limit = Duration.milliseconds(Int64((timeout * 1000).rounded()))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await operation(watchdog) }
            group.addTask {
                while true {
                    let deadline = watchdog.lastProgressTime + limit
                    if ContinuousClock.now >= deadline { throw onTimeout }
                    try await Task.sleep(until: deadline, clock: .continuous)
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }
}
