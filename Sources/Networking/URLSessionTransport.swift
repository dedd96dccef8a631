import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real transport: URLSession from (Foundation)Networking, streaming through a data delegate.
///
/// Linux's URLSession has no `bytes(for:)`, so a session delegate receives the response head and
/// each chunk and feeds them to an `AsyncThrowingStream`. Cancelling the consuming task, or dropping
/// the stream, cancels the data task. `HTTPRequest.timeout` is the idle timeout: seconds without
/// any progress before the request fails with `NetworkingError.timeout`.
package final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
    private let session: URLSession
    private let router: ExchangeRouter

    package init(configuration: URLSessionConfiguration = .ephemeral) {
        let router = ExchangeRouter()
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        queue.name = "URLSessionTransport"
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        self.session = URLSession(configuration: configuration, delegate: router, delegateQueue: queue)
        self.router = router
    }

    deinit {
        // Streams handed out keep the session alive through their termination handlers, so only
        // stop taking new work here rather than cancelling what is still being read.
        session.finishTasksAndInvalidate()
    }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let response = try await stream(request)
        var body = Data()
        for try await chunk in response.body { body.append(chunk) }
        return HTTPResponse(status: response.status, headers: response.headers, body: body)
    }

    package func stream(_ request: HTTPRequest) async throws -> HTTPStreamResponse {
        try Task.checkCancellation()
        // Our own watchdog enforces the idle timeout (Linux URLSession rounds it down to whole seconds);
        // URLSession's own is set a little longer as a backstop.
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData,
                                    timeoutInterval: request.timeout + 2)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body

        let task = session.dataTask(with: urlRequest)
        let (body, continuation) = AsyncThrowingStream<Data, any Error>.makeStream()
        let exchange = Exchange(endpoint: Redactor.endpoint(request.url), timeout: request.timeout, body: continuation)
        let session = self.session
        continuation.onTermination = { termination in
            if case .cancelled = termination { task.cancel() }
            _ = session  // the session lives as long as someone reads the body
        }
        router.register(exchange, for: task.taskIdentifier)
        exchange.startWatchdog { task.cancel() }

        let head = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (head: CheckedContinuation<Exchange.Head, any Error>) in
                exchange.awaitHead(head)
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
        return HTTPStreamResponse(status: head.status, headers: head.headers, body: body)
    }
}

/// One request in flight: where its head and its body chunks go.
final class Exchange: @unchecked Sendable {
    struct Head: Sendable {
        var status: Int
        var headers: [String: String]
    }

    let endpoint: String
    let timeout: TimeInterval
    private let body: AsyncThrowingStream<Data, any Error>.Continuation
    private let lock = NSLock()
    private var head: CheckedContinuation<Head, any Error>?
    private var headDelivered = false
    private var lastProgress = Date()
    private var finished = false
    private var timedOut = false

    init(endpoint: String, timeout: TimeInterval, body: AsyncThrowingStream<Data, any Error>.Continuation) {
        self.endpoint = endpoint
        self.timeout = timeout
        self.body = body
    }

    /// Cancels the request through `cancel` once no byte has arrived for `timeout` seconds.
    func startWatchdog(cancel: @escaping @Sendable () -> Void) {
        let interval = UInt64(max(0.01, min(timeout / 4, 0.25)) * 1e9)
        Task.detached { [weak self] in
            while true {
                try? await Task.sleep(nanoseconds: interval)
                guard let self else { return }
                let expired: Bool? = self.lock.withLock {
                    if self.finished { return nil }
                    if Date().timeIntervalSince(self.lastProgress) < self.timeout { return false }
                    self.timedOut = true
                    return true
                }
                switch expired {
                case nil: return
                case true?:
                    cancel()
                    return
                case false?: continue
                }
            }
        }
    }

    func awaitHead(_ continuation: CheckedContinuation<Head, any Error>) {
        lock.withLock { head = continuation }
    }

    func receive(head value: Head) {
        let waiting: CheckedContinuation<Head, any Error>? = lock.withLock {
            defer { head = nil; headDelivered = true; lastProgress = Date() }
            return head
        }
        waiting?.resume(returning: value)
    }

    func receive(data: Data) {
        lock.withLock { lastProgress = Date() }
        body.yield(data)
    }

    func complete(error: (any Error)?) {
        let (waiting, delivered, expired): (CheckedContinuation<Head, any Error>?, Bool, Bool) = lock.withLock {
            defer { head = nil; finished = true }
            return (head, headDelivered, timedOut)
        }
        guard let error else {
            body.finish()
            waiting?.resume(throwing: NetworkingError.connectionFailed(endpoint: endpoint, reason: "no response"))
            return
        }
        let mapped = expired ? NetworkingError.timeout(endpoint: endpoint, seconds: timeout) : map(error, afterHead: delivered)
        body.finish(throwing: mapped)
        waiting?.resume(throwing: mapped)
    }

    private func map(_ error: any Error, afterHead: Bool) -> any Error {
        let code = (error as? URLError)?.code
        if code == .cancelled { return CancellationError() }
        if code == .timedOut { return NetworkingError.timeout(endpoint: endpoint, seconds: timeout) }
        let reason = Redactor.scrub(error.localizedDescription)
        return afterHead
            ? NetworkingError.streamInterrupted(endpoint: endpoint, reason: reason)
            : NetworkingError.connectionFailed(endpoint: endpoint, reason: reason)
    }
}

/// The session's single delegate, routing callbacks to the exchange of each task.
final class ExchangeRouter: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var exchanges: [Int: Exchange] = [:]

    func register(_ exchange: Exchange, for task: Int) {
        lock.withLock { exchanges[task] = exchange }
    }

    private func exchange(_ task: URLSessionTask, remove: Bool = false) -> Exchange? {
        lock.withLock { remove ? exchanges.removeValue(forKey: task.taskIdentifier) : exchanges[task.taskIdentifier] }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let http = response as? HTTPURLResponse
        var headers: [String: String] = [:]
        for (name, value) in http?.allHeaderFields ?? [:] {
            if let name = name as? String { headers[name] = "\(value)" }
        }
        exchange(dataTask)?.receive(head: .init(status: http?.statusCode ?? 0, headers: headers))
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        exchange(dataTask)?.receive(data: data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        exchange(task, remove: true)?.complete(error: error)
    }
}
