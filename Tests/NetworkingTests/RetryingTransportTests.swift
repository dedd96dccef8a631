import Foundation
import Networking
import TestSupport
import Testing

@Suite("Retrying transport")
struct RetryingTransportTests {
    let request = HTTPRequest(url: URL(string: "https://example.test/data?apikey=SECRET123")!)

    @Test("waits out Retry-After on a 429 and then returns the success")
    func retryAfterHonoured() async throws {
        let base = ScriptedTransport(responses: [
            HTTPResponse(status: 429, headers: ["Retry-After": "7"]),
            HTTPResponse(status: 200, body: Data("ok".utf8)),
        ])
        let sleeps = SleepRecorder()
        let transport = RetryingTransport(base: base, policy: RetryPolicy(maxAttempts: 3), seed: 1, sleep: sleeps.sleep)
        let response = try await transport.send(request)
        #expect(response.status == 200)
        #expect(base.requestCount == 2)
        #expect(sleeps.waits == [7])
    }

    @Test("retries a 500 with backoff, then succeeds")
    func serverErrorThenSuccess() async throws {
        let base = ScriptedTransport(responses: [HTTPResponse(status: 500), HTTPResponse(status: 503), HTTPResponse(status: 200)])
        let sleeps = SleepRecorder()
        let policy = RetryPolicy(maxAttempts: 4, baseDelay: 0.5, jitter: 0.2)
        let response = try await RetryingTransport(base: base, policy: policy, seed: 9, sleep: sleeps.sleep).send(request)
        #expect(response.status == 200)
        #expect(base.requestCount == 3)
        #expect(sleeps.waits.count == 2)
        // 0.5 s then 1 s nominal, each within ±20%.
        #expect(sleeps.waits.count == 2 && (0.4...0.6).contains(sleeps.waits[0]) && (0.8...1.2).contains(sleeps.waits[1]))
    }

    @Test("never retries a 404")
    func notFoundNotRetried() async throws {
        let base = ScriptedTransport(responses: [HTTPResponse(status: 404), HTTPResponse(status: 200)])
        let sleeps = SleepRecorder()
        let response = try await RetryingTransport(base: base, seed: 1, sleep: sleeps.sleep).send(request)
        #expect(response.status == 404)
        #expect(base.requestCount == 1)
        #expect(sleeps.waits.isEmpty)
    }

    @Test("returns the last response once the attempts run out")
    func attemptsExhausted() async throws {
        let base = ScriptedTransport(responses: [HTTPResponse(status: 503)])
        let sleeps = SleepRecorder()
        let response = try await RetryingTransport(base: base, policy: RetryPolicy(maxAttempts: 3), seed: 1, sleep: sleeps.sleep)
            .send(request)
        #expect(response.status == 503)
        #expect(base.requestCount == 3)
        #expect(sleeps.waits.count == 2)
    }
}
