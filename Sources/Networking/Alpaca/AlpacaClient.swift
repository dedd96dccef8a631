import Foundation

/// Alpaca's paper Trading API: the account, orders, positions and the market clock.
///
/// 429 and 5xx are retried with backoff (`RetryingTransport`, waits injected for tests). A submission is safe to
/// repeat: its `client_order_id` comes from the signal, and when Alpaca answers that the id is taken, or the
/// connection breaks so the outcome is unknown, the order is looked up by that id and returned instead of a
/// second one being placed. Keys travel only in headers and are scrubbed from every message.
package struct AlpacaClient: Sendable {
    /// What a submission did.
    package struct Submission: Hashable, Sendable {
        package var order: Alpaca.Order
        /// True when the order was already there (a repeated submission), so nothing new was placed.
        package var alreadyPlaced: Bool
    }

    package let configuration: AlpacaConfiguration
    private let transport: any HTTPTransport
    private let timeout: TimeInterval
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - transport: the raw transport; 429 and 5xx retries are added here with `retry` and `sleep`.
    ///   - now: the clock the `opg` window is checked against.
    package init(configuration: AlpacaConfiguration, transport: any HTTPTransport = URLSessionTransport(),
                 retry: RetryPolicy = RetryPolicy(maxAttempts: 4, baseDelay: 1, maxDelay: 30),
                 timeout: TimeInterval = 20, now: @escaping @Sendable () -> Date = Date.init,
                 sleep: @escaping RetryingTransport.Sleep = { seconds in try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9)) }) {
        self.configuration = configuration
        self.transport = RetryingTransport(base: transport, policy: retry, now: now, sleep: sleep)
        self.timeout = timeout
        self.now = now
    }

    /// The time by the client's clock (the one the `opg` window is checked against).
    package var currentTime: Date { now() }

    package func account() async throws(AlpacaError) -> Alpaca.Account {
        try decode(Alpaca.Account.self, from: try await get("/v2/account"), endpoint: "/v2/account")
    }

    package func positions() async throws(AlpacaError) -> [Alpaca.Position] {
        try decode([Alpaca.Position].self, from: try await get("/v2/positions"), endpoint: "/v2/positions")
    }

    package func clock() async throws(AlpacaError) -> Alpaca.Clock {
        try decode(Alpaca.Clock.self, from: try await get("/v2/clock"), endpoint: "/v2/clock")
    }

    /// `GET /v2/orders`; `status` is open, closed or all.
    package func orders(status: String = "all", limit: Int = 500, nested: Bool = true) async throws(AlpacaError) -> [Alpaca.Order] {
        let query = [URLQueryItem(name: "status", value: status), URLQueryItem(name: "limit", value: String(limit)),
                     URLQueryItem(name: "nested", value: nested ? "true" : "false")]
        return try decode([Alpaca.Order].self, from: try await get("/v2/orders", query: query), endpoint: "/v2/orders")
    }

    /// The order with this client order id, or nil when Alpaca has none.
    package func order(clientOrderId: String) async throws(AlpacaError) -> Alpaca.Order? {
        let path = "/v2/orders:by_client_order_id"
        let response = try await exchange(HTTPRequest(url: url(path, [URLQueryItem(name: "client_order_id", value: clientOrderId)]),
                                                      headers: headers(), timeout: timeout))
        if response.status == 404 { return nil }
        try check(response, endpoint: path)
        return try decode(Alpaca.Order.self, from: response.body, endpoint: path)
    }

    /// Places an order once. An `opg` order outside Alpaca's window is refused here, before sending, with when to
    /// send it. A `day` order (a bracket or `oto`) is sent only while the market is closed (`GET /v2/clock`), so it
    /// queues for the open; once the market is open it would fill at the current price, and it is refused with
    /// `openPassed`. A repeat of an order already placed returns that order (`alreadyPlaced`).
    package func submit(_ request: Alpaca.OrderRequest) async throws(AlpacaError) -> Submission {
        if request.timeInForce == "opg", case .rejected(let reason) = AlpacaOpgWindow.verdict(at: now()) {
            throw .missedOpgWindow(clientOrderId: request.clientOrderId, reason: reason)
        }
        if request.timeInForce == "day", try await clock().isOpen {
            throw .openPassed(clientOrderId: request.clientOrderId)
        }
        let body: Data
        do { body = try JSONEncoder().encode(request) } catch { throw .unreadable(endpoint: "/v2/orders", detail: "cannot encode the order") }
        var headers = headers()
        headers["Content-Type"] = "application/json"
        let post = HTTPRequest(method: "POST", url: url("/v2/orders"), headers: headers, body: body, timeout: timeout)
        var lastFailure: AlpacaError = .network("no attempt made")
        for _ in 0..<2 {
            let response: HTTPResponse
            do {
                response = try await exchange(post)
            } catch {
                // The order may have arrived before the connection broke: ask before sending it again.
                lastFailure = error
                if let placed = try? await order(clientOrderId: request.clientOrderId) { return Submission(order: placed, alreadyPlaced: true) }
                continue
            }
            if response.isSuccess {
                return Submission(order: try decode(Alpaca.Order.self, from: response.body, endpoint: "/v2/orders"), alreadyPlaced: false)
            }
            let message = errorMessage(response)
            if response.status == 422, Self.isDuplicate(response, message: message) {
                guard let placed = try await order(clientOrderId: request.clientOrderId) else {
                    throw .rejected(status: 422, clientOrderId: request.clientOrderId, message: message)
                }
                return Submission(order: placed, alreadyPlaced: true)
            }
            if [403, 422].contains(response.status) {
                if message.lowercased().contains("opg") || message.lowercased().contains("market on open") {
                    throw .missedOpgWindow(clientOrderId: request.clientOrderId, reason: "Alpaca said: \(message)")
                }
                throw .rejected(status: response.status, clientOrderId: request.clientOrderId, message: message)
            }
            throw .http(status: response.status, endpoint: "/v2/orders", message: message)
        }
        throw lastFailure
    }

    /// `DELETE /v2/orders/{order_id}`: asks Alpaca to cancel an open order, such as a bracket's leg. Alpaca answers 204
    /// and the order turns `pending_cancel`, then `canceled`; 422 when it can no longer be cancelled (filled, or
    /// cancelled already) and 404 when there is no such order, both thrown as `.http`.
    package func cancel(orderId: String) async throws(AlpacaError) {
        let path = "/v2/orders/\(orderId)"
        let response = try await exchange(HTTPRequest(method: "DELETE", url: url(path), headers: headers(), timeout: timeout))
        try check(response, endpoint: "/v2/orders/{order_id}")
    }

    /// Alpaca's answer when a `client_order_id` is taken: code 40010001 or the words "client order id must be unique".
    static func isDuplicate(_ response: HTTPResponse, message: String) -> Bool {
        let body = try? JSONDecoder().decode(Alpaca.ErrorBody.self, from: response.body)
        let words = message.lowercased().replacingOccurrences(of: "_", with: " ")
        return body?.code == 40010001 || words.contains("client order id must be unique")
    }

    // MARK: - HTTP

    private func get(_ path: String, query: [URLQueryItem] = []) async throws(AlpacaError) -> Data {
        let response = try await exchange(HTTPRequest(url: url(path, query), headers: headers(), timeout: timeout))
        try check(response, endpoint: path)
        return response.body
    }

    private func exchange(_ request: HTTPRequest) async throws(AlpacaError) -> HTTPResponse {
        do {
            return try await transport.send(request)
        } catch let error as NetworkingError {
            throw .network(scrub(error.localizedDescription))
        } catch {
            throw .network(scrub(error.localizedDescription))
        }
    }

    private func check(_ response: HTTPResponse, endpoint: String) throws(AlpacaError) {
        guard !response.isSuccess else { return }
        throw .http(status: response.status, endpoint: endpoint, message: errorMessage(response))
    }

    private func errorMessage(_ response: HTTPResponse) -> String {
        if let body = try? JSONDecoder().decode(Alpaca.ErrorBody.self, from: response.body), let message = body.message {
            return scrub(NetworkingError.excerpt(of: Data(message.utf8)))
        }
        return scrub(NetworkingError.excerpt(of: response.body))
    }

    private func decode<T: Decodable>(_ type: T.Type, from data: Data, endpoint: String) throws(AlpacaError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw .unreadable(endpoint: endpoint, detail: "no \(key.stringValue)")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .unreadable(endpoint: endpoint, detail: "\(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type")
        } catch {
            throw .unreadable(endpoint: endpoint, detail: "not the JSON expected")
        }
    }

    private func url(_ path: String, _ query: [URLQueryItem] = []) -> URL {
        var components = URLComponents(url: configuration.baseURL, resolvingAgainstBaseURL: false)!
        components.path = path
        if !query.isEmpty { components.queryItems = query }
        return components.url!
    }

    private func headers() -> [String: String] {
        configuration.headers.merging(["Accept": "application/json"]) { a, _ in a }
    }

    private func scrub(_ text: String) -> String {
        Redactor.scrub(text, knownSecrets: [configuration.keyId, configuration.secretKey])
    }
}
