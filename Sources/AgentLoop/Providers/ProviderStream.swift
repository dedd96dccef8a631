import Foundation
import Networking

/// Turns a provider's streamed bytes into neutral events, fed in any chunking.
protocol ProviderStreamDecoder: Sendable {
    mutating func feed(_ bytes: Data) throws -> [ModelEvent]
    /// Called when the body ends; throws `streamDropped` if the provider never said it was done.
    mutating func finish() throws -> [ModelEvent]
}

/// What the shared streaming code needs to know about one provider, for requests and errors.
struct ProviderEndpoint: Sendable {
    var provider: String
    var model: String
    var keyVariable: String
    var secret: String?
    var transport: any HTTPTransport
    var timeout: TimeInterval
}

extension ProviderEndpoint {
    /// Sends `request` and streams the decoded events. Cancelling the consumer cancels the request.
    /// Errors arrive as `AgentError`, except cancellation, which ends the stream quietly.
    func stream(_ request: HTTPRequest, decoder: some ProviderStreamDecoder) -> AsyncThrowingStream<ModelEvent, any Error> {
        let (events, continuation) = AsyncThrowingStream<ModelEvent, any Error>.makeStream()
        let task = Task {
            do {
                try await IdleWatchdog<ContinuousClock>.run(timeout: timeout, onTimeout: AgentError.timedOut(provider: provider, seconds: timeout)) { watchdog in
                    let response = try await transport.stream(request)
                    watchdog.touch()
                    guard (200..<300).contains(response.status) else {
                        var body = Data()
                        for try await chunk in response.body where body.count < 65_536 {
                            watchdog.touch()
                            body.append(chunk)
                        }
                        throw classify(status: response.status, body: body, retryAfter: response.header("Retry-After"), url: request.url)
                    }
                    var decoder = decoder
                    do {
                        for try await chunk in response.body {
                            // Only content counts as progress: SSE keep-alive comments decode to no event.
                            let events = try decoder.feed(chunk)
                            if !events.isEmpty { watchdog.touch() }
                            for event in events { continuation.yield(event) }
                        }
                    } catch let error as AgentError {
                        throw error
                    } catch where !(error is CancellationError) && !Task.isCancelled && !isTimeout(error) {
                        // The connection broke mid-body: the decoder knows what was cut (and whether
                        // the answer was already complete, in which case the break is harmless).
                    }
                    try Task.checkCancellation()
                    for event in try decoder.finish() { continuation.yield(event) }
                }
                continuation.finish()
            } catch is CancellationError {
                continuation.finish()
            } catch {
                continuation.finish(throwing: Task.isCancelled ? CancellationError() : agentError(from: error, url: request.url))
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return events
    }

    /// Maps a non-success status to the error a person can act on.
    func classify(status: Int, body: Data, retryAfter: String?, url: URL) -> AgentError {
        let excerpt = Redaction.excerpt(body, secret: secret)
        let lowered = String(decoding: body.prefix(8192), as: UTF8.self).lowercased()
        switch status {
        case 401, 403:
            return .keyRejected(provider: provider, status: status, environmentVariable: keyVariable, keySent: secret != nil)
        case 404:
            return lowered.contains("model") ? .unknownModel(provider: provider, model: model)
                : .endpointNotFound(provider: provider, url: url.absoluteString)
        case 429:
            return .rateLimited(provider: provider, retryAfterSeconds: retryAfter.flatMap { RetryPolicy.parseRetryAfter($0, now: Date()) })
        case 400, 413, 422:
            let overflowMarkers = [
                "context_length_exceeded", "prompt is too long", "maximum context length", "context window",
                "too many tokens", "exceeds the context",
            ]
            if overflowMarkers.contains(where: lowered.contains) { return .contextOverflow(provider: provider, excerpt: excerpt) }
            return .requestRejected(provider: provider, status: status, excerpt: excerpt)
        case 500...599:
            return .serverError(provider: provider, status: status, excerpt: excerpt)
        default:
            return .requestRejected(provider: provider, status: status, excerpt: excerpt)
        }
    }

    private func isTimeout(_ error: any Error) -> Bool {
        if case .timeout? = error as? NetworkingError { return true }
        return (error as? URLError)?.code == .timedOut
    }

    /// Anything a transport throws becomes an `AgentError` whose text carries no secret.
    func agentError(from error: any Error, url: URL) -> any Error {
        switch error {
        case let error as AgentError:
            return error
        case NetworkingError.timeout:
            return AgentError.timedOut(provider: provider, seconds: timeout)
        case NetworkingError.httpStatus(let status, _, let excerpt, let retryAfter):
            return classify(status: status, body: Data(excerpt.utf8), retryAfter: retryAfter.map { String($0) }, url: url)
        case NetworkingError.connectionFailed(_, let reason), NetworkingError.streamInterrupted(_, let reason):
            return AgentError.unreachable(provider: provider, url: url.absoluteString, reason: Redaction.redact(reason, secret: secret))
        case let error as URLError where error.code == .timedOut:
            return AgentError.timedOut(provider: provider, seconds: timeout)
        default:
            let reason = (error as? any LocalizedError)?.errorDescription ?? String(describing: error)
            return AgentError.unreachable(provider: provider, url: url.absoluteString, reason: Redaction.redact(reason, secret: secret))
        }
    }

    /// `base` + `path`, tolerating a trailing slash on the base.
    static func join(_ base: URL, _ path: String) -> URL {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return URL(string: text + path) ?? base.appendingPathComponent(path)
    }
}
