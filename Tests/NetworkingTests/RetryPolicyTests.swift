import Foundation
import Networking
import Testing

@Suite("Retry policy")
struct RetryPolicyTests {
    @Test("reads Retry-After as seconds")
    func retryAfterSeconds() {
        #expect(RetryPolicy.parseRetryAfter("120", now: Date()) == 120)
        #expect(RetryPolicy.parseRetryAfter(" 0 ", now: Date()) == 0)
        #expect(RetryPolicy.parseRetryAfter("soon", now: Date()) == nil)
    }

    @Test("reads Retry-After as an HTTP date relative to now")
    func retryAfterDate() throws {
        // 2015-10-21T07:28:00Z is 1445412480 s after the epoch (RFC 9110's own example date);
        // "now" is 90 s earlier, so the wait is 90 s.
        let now = Date(timeIntervalSince1970: 1_445_412_480 - 90)
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now: now) == 90)
        // A date already past means "retry now", never a negative wait.
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now: now.addingTimeInterval(1000)) == 0)
    }

    @Test("retries 429 and 5xx but not other 4xx")
    func retryableStatuses() {
        let policy = RetryPolicy()
        #expect(policy.isRetryable(status: 429))
        #expect(policy.isRetryable(status: 500))
        #expect(policy.isRetryable(status: 503))
        #expect(!policy.isRetryable(status: 400))
        #expect(!policy.isRetryable(status: 401))
        #expect(!policy.isRetryable(status: 404))
        #expect(!policy.isRetryable(status: 200))
    }

    @Test("backs off exponentially within the jitter band, and stops after the last attempt")
    func backoff() {
        let policy = RetryPolicy(maxAttempts: 4, baseDelay: 1, maxDelay: 30, jitter: 0.25)
        var random = SeededRandom(seed: 42)
        // Nominal waits 1, 2, 4 s, each scaled by a factor in [0.75, 1.25].
        for (attempt, nominal) in [(1, 1.0), (2, 2.0), (3, 4.0)] {
            let wait = policy.delay(afterAttempt: attempt, retryAfter: nil, using: &random)
            #expect(wait != nil)
            if let wait { #expect(wait >= nominal * 0.75 && wait <= nominal * 1.25, "attempt \(attempt): \(wait)") }
        }
        #expect(policy.delay(afterAttempt: 4, retryAfter: nil, using: &random) == nil)
    }

    @Test("jitter is reproducible from the seed and varies between seeds")
    func seededJitter() {
        let policy = RetryPolicy(jitter: 0.5)
        func waits(_ seed: UInt64) -> [Double] {
            var random = SeededRandom(seed: seed)
            return (1...3).compactMap { policy.delay(afterAttempt: $0, retryAfter: nil, using: &random) }
        }
        #expect(waits(7) == waits(7))
        #expect(waits(7) != waits(8))
    }

    @Test("waits exactly what Retry-After asks, unless it is longer than the cap")
    func honoursRetryAfter() {
        let policy = RetryPolicy(maxRetryAfter: 60)
        var random = SeededRandom(seed: 1)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 17, using: &random) == 17)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 600, using: &random) == nil)
    }
}
