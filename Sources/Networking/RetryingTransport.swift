import Foundation

/// A transport that repeats requests the server turned away for a passing reason (see `RetryPolicy`).
///
/// After the last attempt the final response is returned as it is, so the caller decides how to
/// report it; the waits happen through an injected sleep so tests run instantly and can check them.
package final class RetryingTransport: HTTPTransport, @unchecked Sendable {
    package typealias Sleep = @Sendable (TimeInterval) async throws -> Void

    package let base: any HTTPTransport
    package let policy: RetryPolicy
    private let sleep: Sleep
    private let now: @Sendable () -> Date
    private let lock = NSLock()
    private var random: SeededRandom

    package init(base: any HTTPTransport, policy: RetryPolicy = RetryPolicy(), seed: UInt64 = UInt64.random(in: 0...UInt64.max),
                now: @escaping @Sendable () -> Date = { Date() },
                sleep: @escaping Sleep = { seconds in try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9)) }) {
        self.base = base
        self.policy = policy
        self.random = SeededRandom(seed: seed)
        self.now = now
        self.sleep = sleep
    }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var attempt = 1
        while true {
            let response = try await base.send(request)
            guard policy.isRetryable(status: response.status),
                  let wait = nextDelay(after: attempt, retryAfterHeader: response.header("Retry-After")) else {
                return response
            }
            try await sleep(wait)
            attempt += 1
        }
    }

    /// Retries only while the response head says "not now"; once a body starts streaming it is the caller's.
    package func stream(_ request: HTTPRequest) async throws -> HTTPStreamResponse {
        var attempt = 1
        while true {
            let response = try await base.stream(request)
            guard policy.isRetryable(status: response.status),
                  let wait = nextDelay(after: attempt, retryAfterHeader: response.header("Retry-After")) else {
                return response
            }
            // Drain the short error body so the connection is released before waiting.
            for try await _ in response.body {}
            try await sleep(wait)
            attempt += 1
        }
    }

    private func nextDelay(after attempt: Int, retryAfterHeader: String?) -> TimeInterval? {
        let retryAfter = retryAfterHeader.flatMap { RetryPolicy.parseRetryAfter($0, now: now()) }
        lock.lock()
        defer { lock.unlock() }
        return policy.delay(afterAttempt: attempt, retryAfter: retryAfter, using: &random)
    }
}
