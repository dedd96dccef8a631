import Foundation
import Networking

/// Posts one alert to one webhook, repeating after a passing failure (429, 5xx, a timeout, a failed connection)
/// with exponential backoff, and says what happened without ever showing the webhook's URL.
package struct AlertSender: Sendable {
    package typealias Sleep = @Sendable (TimeInterval) async throws -> Void

    /// The result of sending one alert.
    package struct Outcome: Hashable, Sendable {
        package var attempts: Int
        /// The final HTTP status, when a response came.
        package var status: Int?
        /// Why it failed, already free of the URL; nil when the webhook accepted it.
        package var failure: String?

        package var delivered: Bool { failure == nil }
    }

    package let transport: any HTTPTransport
    package let sleep: Sleep
    /// Backoff before each retry: `baseDelay`, doubled each time, at most `maxDelay`, a server's `Retry-After` honoured.
    package let baseDelay: TimeInterval
    package let maxDelay: TimeInterval
    private let now: @Sendable () -> Date

    package init(transport: any HTTPTransport, baseDelay: TimeInterval = 1, maxDelay: TimeInterval = 30,
                 now: @escaping @Sendable () -> Date = Date.init,
                 sleep: @escaping Sleep = { seconds in try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9)) }) {
        self.transport = transport
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.now = now
        self.sleep = sleep
    }

    package func send(_ event: AlertEvent, to webhook: AlertWebhook) async -> Outcome {
        let payload = AlertPayload.render(event, as: webhook.format)
        let request = HTTPRequest(method: "POST", url: webhook.url, headers: payload.headers, body: payload.body,
                                  timeout: webhook.timeout)
        // No jitter: one person's few webhooks do not retry in lockstep with anyone.
        let policy = RetryPolicy(maxAttempts: webhook.retries + 1, baseDelay: baseDelay, maxDelay: maxDelay, jitter: 0)
        var random = SeededRandom(seed: 0)
        var attempt = 1
        while true {
            let outcome: Outcome
            var retryAfter: TimeInterval?
            var passing: Bool
            do {
                let response = try await transport.send(request)
                if response.isSuccess { return Outcome(attempts: attempt, status: response.status, failure: nil) }
                passing = policy.isRetryable(status: response.status)
                retryAfter = response.header("Retry-After").flatMap { RetryPolicy.parseRetryAfter($0, now: now()) }
                outcome = Outcome(attempts: attempt, status: response.status,
                                  failure: describe(status: response.status, body: response.body, webhook: webhook))
            } catch is CancellationError {
                return Outcome(attempts: attempt, status: nil, failure: "cancelled")
            } catch let error as NetworkingError {
                passing = true
                outcome = Outcome(attempts: attempt, status: nil, failure: describe(error, webhook: webhook))
            } catch {
                passing = false
                outcome = Outcome(attempts: attempt, status: nil, failure: webhook.scrub(error.localizedDescription))
            }
            guard passing, let wait = policy.delay(afterAttempt: attempt, retryAfter: retryAfter, using: &random) else {
                return outcome
            }
            do { try await sleep(wait) } catch { return outcome }
            attempt += 1
        }
    }

    private func describe(status: Int, body: Data, webhook: AlertWebhook) -> String {
        let excerpt = webhook.scrub(NetworkingError.excerpt(of: body))
        let hint: String
        switch status {
        case 400, 422: hint = "the webhook refused the message: check its format (\(webhook.format.rawValue))"
        case 401, 403, 404, 410: hint = "the webhook does not exist or was revoked: check its url"
        case 429: hint = "rate limited: try again later"
        case 500...599: hint = "the server failed: try again later"
        default: hint = "check the webhook's url and format"
        }
        return "HTTP \(status)" + (excerpt.isEmpty ? "" : " (\(excerpt))") + ": \(hint)"
    }

    private func describe(_ error: NetworkingError, webhook: AlertWebhook) -> String {
        switch error {
        case .timeout(_, let seconds):
            return "no response within \(NetworkingErrorText.seconds(seconds)) s: check that the server is up, or raise its timeout"
        case .connectionFailed(_, let reason):
            return "could not connect (\(webhook.scrub(reason))): check the network and the url"
        case .streamInterrupted(_, let reason):
            return "the connection was cut (\(webhook.scrub(reason))): try again"
        case .httpStatus(let status, _, let excerpt, _):
            return "HTTP \(status) (\(webhook.scrub(excerpt)))"
        }
    }
}

/// Seconds as a person reads them: whole numbers without a decimal point.
enum NetworkingErrorText {
    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
