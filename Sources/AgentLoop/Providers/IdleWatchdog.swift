import Foundation

/// Fails an operation when it makes no progress for `timeout` seconds.
///
/// The limit is on silence, not on the whole response: a long answer that keeps streaming
/// is fine, a server that stalls mid-stream is not. The transport may have its own timeout;
/// this one holds whatever the transport does. The clock is a parameter, so a test can move
/// time by hand instead of waiting for it.
final class IdleWatchdog<C: Clock>: @unchecked Sendable where C.Duration == Duration {
    private let clock: C
    private let lock = NSLock()
    private var lastProgress: C.Instant

    private init(clock: C) {
        self.clock = clock
        lastProgress = clock.now
    }

    /// Marks progress: a response head or content arrived (a keep-alive comment is not content).
    func touch() {
        let now = clock.now
        lock.withLock { lastProgress = now }
    }

    private var lastProgressTime: C.Instant {
        lock.withLock { lastProgress }
    }

    static func run(
        timeout: TimeInterval, clock: C, onTimeout: any Error & Sendable,
        _ operation: @escaping @Sendable (IdleWatchdog) async throws -> Void
    ) async throws {
        let watchdog = IdleWatchdog(clock: clock)
        let limit = Duration.milliseconds(Int64((timeout * 1000).rounded()))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await operation(watchdog) }
            group.addTask {
                while true {
                    let deadline = watchdog.lastProgressTime.advanced(by: limit)
                    if clock.now >= deadline { throw onTimeout }
                    try await clock.sleep(until: deadline, tolerance: nil)
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }
}

extension IdleWatchdog where C == ContinuousClock {
    /// On the real clock.
    static func run(
        timeout: TimeInterval, onTimeout: any Error & Sendable,
        _ operation: @escaping @Sendable (IdleWatchdog) async throws -> Void
    ) async throws {
        try await run(timeout: timeout, clock: ContinuousClock(), onTimeout: onTimeout, operation)
    }
}
