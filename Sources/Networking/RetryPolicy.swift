import Foundation

/// When and how long to wait before repeating a request that failed for a passing reason.
///
/// 429 and 5xx are the server saying "not now", so they are retried with exponential backoff and
/// jitter (so many clients do not retry in lockstep), honouring `Retry-After` when the server gives it.
/// Other 4xx mean the request itself is wrong, and repeating it cannot help.
package struct RetryPolicy: Sendable, Hashable {
    /// Total attempts including the first; 1 means never retry.
    package var maxAttempts: Int
    /// The wait before the first retry; doubled for each later one.
    package var baseDelay: TimeInterval
    /// No computed backoff exceeds this.
    package var maxDelay: TimeInterval
    /// Each backoff is scaled by a random factor in `1 - jitter ... 1 + jitter`.
    package var jitter: Double
    /// A `Retry-After` longer than this is not waited out: the response is returned to the caller instead.
    package var maxRetryAfter: TimeInterval
    /// Statuses worth repeating.
    package var retryableStatuses: Set<Int>

    package init(maxAttempts: Int = 4, baseDelay: TimeInterval = 1, maxDelay: TimeInterval = 30, jitter: Double = 0.25,
                maxRetryAfter: TimeInterval = 120, retryableStatuses: Set<Int> = RetryPolicy.defaultRetryableStatuses) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(0, baseDelay)
        self.maxDelay = max(0, maxDelay)
        self.jitter = min(max(0, jitter), 1)
        self.maxRetryAfter = maxRetryAfter
        self.retryableStatuses = retryableStatuses
    }

    /// 429 and every 5xx.
    package static let defaultRetryableStatuses: Set<Int> = Set([429] + Array(500...599))

    /// A policy that never retries.
    package static let none = RetryPolicy(maxAttempts: 1)

    package func isRetryable(status: Int) -> Bool { retryableStatuses.contains(status) }

    /// The wait before attempt `attempt + 1`, after attempt number `attempt` (1-based) failed,
    /// or nil when no further attempt should be made.
    package func delay(afterAttempt attempt: Int, retryAfter: TimeInterval?,
                      using random: inout some RandomNumberGenerator) -> TimeInterval? {
        guard attempt < maxAttempts else { return nil }
        if let retryAfter {
            return retryAfter <= maxRetryAfter ? max(0, retryAfter) : nil
        }
        let exponential = min(maxDelay, baseDelay * pow(2, Double(attempt - 1)))
        let factor = jitter > 0 ? Double.random(in: (1 - jitter)...(1 + jitter), using: &random) : 1
        return min(maxDelay, exponential * factor)
    }

    /// Reads `Retry-After` as delay-seconds or as an HTTP date (RFC 9110 §10.2.3); nil when it is neither.
    package static func parseRetryAfter(_ value: String, now: Date) -> TimeInterval? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds.isFinite { return max(0, seconds) }
        for format in httpDateFormats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) {
                return max(0, date.timeIntervalSince(now))
            }
        }
        return nil
    }

    /// IMF-fixdate first, then the two obsolete forms RFC 9110 still asks recipients to accept.
    static let httpDateFormats = [
        "EEE, dd MMM yyyy HH:mm:ss zzz",
        "EEEE, dd-MMM-yy HH:mm:ss zzz",
        "EEE MMM d HH:mm:ss yyyy",
    ]
}

/// A small seedable generator (SplitMix64), so backoff jitter can be pinned in tests.
package struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
