import Foundation
import Networking

/// A transport double that plays back canned responses in order and records every request.
///
/// For unit tests of clients that need no socket; the last response repeats once the script runs out.
package final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    package enum Step: Sendable {
        case respond(HTTPResponse)
        case fail(any Error)
    }

    private let lock = NSLock()
    private var steps: [Step]
    private var index = 0
    private var log: [HTTPRequest] = []

    package init(_ steps: [Step]) {
        self.steps = steps
    }

    package convenience init(responses: [HTTPResponse]) {
        self.init(responses.map { .respond($0) })
    }

    package var requests: [HTTPRequest] { lock.withLock { log } }
    package var requestCount: Int { lock.withLock { log.count } }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let step: Step = lock.withLock {
            log.append(request)
            defer { index += 1 }
            return steps[min(index, steps.count - 1)]
        }
        switch step {
        case .respond(let response): return response
        case .fail(let error): throw error
        }
    }

    package func stream(_ request: HTTPRequest) async throws -> HTTPStreamResponse {
        let response = try await send(request)
        let body = AsyncThrowingStream<Data, any Error> { continuation in
            continuation.yield(response.body)
            continuation.finish()
        }
        return HTTPStreamResponse(status: response.status, headers: response.headers, body: body)
    }
}

/// Records the waits a `RetryingTransport` asks for, instead of sleeping.
package final class SleepRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var log: [TimeInterval] = []

    package init() {}

    package var waits: [TimeInterval] { lock.withLock { log } }

    package var sleep: @Sendable (TimeInterval) async throws -> Void {
        { [self] seconds in lock.withLock { log.append(seconds) } }
    }
}
