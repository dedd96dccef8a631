import Foundation
import Networking
import StrategyCore

/// The one path every live request takes: cache first, then the daily quota, then HTTP with retries,
/// then validation; only a payload that decoded is stored.
///
/// Keeping this in one place is what guarantees that a repeated fetch makes no request, that a quota is
/// never crossed, that errors never carry a key, and that a failing source reports itself instead of
/// quietly returning something else.
package struct LiveFetcher: Sendable {
    package let source: String
    package let cache: any LiveDataCache
    /// Requests allowed per UTC day, when the source has a quota.
    package let dailyLimit: Int?
    private let transport: any HTTPTransport
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - transport: the raw transport (a `URLSessionTransport` in the program); retries are added here.
    ///   - sleep: how retries wait; tests inject one that returns at once and records the wait.
    package init(source: String, transport: any HTTPTransport, cache: any LiveDataCache, dailyLimit: Int? = nil,
                retry: RetryPolicy = RetryPolicy(), seed: UInt64 = UInt64.random(in: 0...UInt64.max),
                now: @escaping @Sendable () -> Date = { Date() },
                sleep: @escaping RetryingTransport.Sleep = { try await Task.sleep(nanoseconds: UInt64(max(0, $0) * 1e9)) }) {
        self.source = source
        self.cache = cache
        self.dailyLimit = dailyLimit
        self.now = now
        let gate = QuotaGate(base: transport, source: source, cache: cache, limit: dailyLimit, now: now)
        self.transport = RetryingTransport(base: gate, policy: retry, seed: seed, now: now, sleep: sleep)
    }

    /// The fetcher's clock, so clients date what they observe the same way the cache does.
    package var currentDate: Date { now() }

    /// Requests already made today (UTC).
    package func requestsUsedToday() throws -> Int {
        do { return try cache.requests(source: source, day: Day(date: now())) } catch {
            throw LiveSourceError.cache(source: source, reason: "\(error)")
        }
    }

    /// Throws before any work when `count` more requests would cross the daily limit, so the person is
    /// told up front rather than halfway through a universe.
    package func checkBudget(requests count: Int) throws {
        guard let dailyLimit, count > 0 else { return }
        let used = try requestsUsedToday()
        if used + count > dailyLimit {
            throw LiveSourceError.dailyLimitReached(source: source, used: used, limit: dailyLimit, needed: count,
                                                    day: Day(date: now()))
        }
    }

    /// A sentence for the person once `fraction` of the daily limit is used, nil before that (or without a limit).
    package func quotaWarning(at fraction: Double = 0.8) -> String? {
        guard let dailyLimit, let used = try? requestsUsedToday(), Double(used) >= Double(dailyLimit) * fraction else { return nil }
        return "\(source): \(used) of \(dailyLimit) requests used today (UTC); \(max(0, dailyLimit - used)) left before the daily limit."
    }

    /// Whether `cacheKey` holds a payload that is still fresh (so fetching it costs no request).
    package func isCached(_ cacheKey: String, rangeEnd: Day?) -> Bool {
        guard let (_, fetchedAt) = try? cache.payload(source: source, key: cacheKey) else { return false }
        return Freshness.forRange(ending: rangeEnd, fetchedAt: fetchedAt).isFresh(fetchedAt: fetchedAt, now: now())
    }

    /// Returns the decoded payload for `request`, from the cache when fresh, else from the network.
    ///
    /// - Parameters:
    ///   - cacheKey: identifies the payload without any secret (never the URL with its key).
    ///   - rangeEnd: the last day the payload covers, when it covers a closed range (see `Freshness`).
    ///   - freshness: overrides the policy derived from `rangeEnd`.
    ///   - observe: sees each network response's headers (for rate-limit headers), never cached ones.
    package func fetch<T>(_ request: HTTPRequest, cacheKey: String, rangeEnd: Day? = nil, freshness: Freshness? = nil,
                         observe: (@Sendable (HTTPResponse) async -> Void)? = nil,
                         decode: (Data) throws -> T) async throws -> T {
        let endpoint = Redactor.scrub(Redactor.endpoint(request.url),
                                      knownSecrets: NetworkingError.knownSecrets(in: request))
        let cached: (Data, Date)?
        do { cached = try cache.payload(source: source, key: cacheKey) } catch {
            throw LiveSourceError.cache(source: source, reason: "\(error)")
        }
        if let (data, fetchedAt) = cached,
           (freshness ?? Freshness.forRange(ending: rangeEnd, fetchedAt: fetchedAt)).isFresh(fetchedAt: fetchedAt, now: now()),
           let value = try? decode(data) {
            return value
        }

        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch let error as NetworkingError {
            throw map(error, endpoint: endpoint)
        }
        await observe?(response)
        let secrets = NetworkingError.knownSecrets(in: request)
        try validate(response, endpoint: endpoint, secrets: secrets)
        let value: T
        do {
            value = try decode(response.body)
        } catch let error as LiveSourceError {
            throw error
        } catch let error as DecodingError {
            throw LiveSourceError.unexpectedShape(source: source, endpoint: endpoint, detail: Self.describe(error))
        } catch {
            throw LiveSourceError.unexpectedShape(source: source, endpoint: endpoint, detail: "\(error)")
        }
        do {
            try cache.store(source: source, key: cacheKey, payload: response.body, fetchedAt: now())
        } catch {
            throw LiveSourceError.cache(source: source, reason: "\(error)")
        }
        return value
    }

    /// Checks status and that the body is JSON; turns an error message inside the JSON into an error.
    private func validate(_ response: HTTPResponse, endpoint: String, secrets: [String]) throws {
        let parsed = try? JSONSerialization.jsonObject(with: response.body, options: [.fragmentsAllowed])
        let message = parsed.flatMap(Self.errorMessage(in:)).map { Redactor.scrub($0, knownSecrets: secrets) }
        guard (200..<300).contains(response.status) else {
            let excerpt = message ?? NetworkingError.excerpt(of: response.body, knownSecrets: secrets)
            throw LiveSourceError.http(source: source, endpoint: endpoint, status: response.status, excerpt: excerpt)
        }
        if let message {
            throw LiveSourceError.apiMessage(source: source, endpoint: endpoint, message: message)
        }
        guard parsed != nil else {
            let excerpt = NetworkingError.excerpt(of: response.body, knownSecrets: secrets)
            let text = String(decoding: response.body.prefix(64), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.hasPrefix("<") {
                throw LiveSourceError.notJSON(source: source, endpoint: endpoint, excerpt: excerpt)
            }
            let detail = response.body.isEmpty ? "the body is empty" : "the JSON is invalid or cut off after \(response.body.count) bytes"
            throw LiveSourceError.unexpectedShape(source: source, endpoint: endpoint, detail: detail)
        }
    }

    /// `{"Error Message": "…"}` (FMP) or `{"error": "…"}` (many APIs); nil for anything else.
    static func errorMessage(in json: Any) -> String? {
        guard let object = json as? [String: Any] else { return nil }
        for key in ["Error Message", "error", "error_description"] {
            if let text = object[key] as? String, !text.isEmpty { return text }
        }
        return nil
    }

    private func map(_ error: NetworkingError, endpoint: String) -> LiveSourceError {
        switch error {
        case .timeout(_, let seconds): .timeout(source: source, endpoint: endpoint, seconds: seconds)
        case .connectionFailed(_, let reason), .streamInterrupted(_, let reason):
            .network(source: source, endpoint: endpoint, reason: reason)
        case .httpStatus(let status, _, let excerpt, _):
            .http(source: source, endpoint: endpoint, status: status, excerpt: excerpt)
        }
    }

    /// A decoding error as a short sentence with the JSON path, e.g. `at [0].adjClose: expected a number`.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the top level" : (text.hasPrefix(".") ? String(text.dropFirst()) : text)
        }
        switch error {
        case .typeMismatch(let type, let context): return "at \(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context): return "at \(path(context.codingPath)): missing \(type)"
        case .keyNotFound(let key, let context):
            return "at \(path(context.codingPath)): missing field \"\(key.stringValue)\""
        case .dataCorrupted(let context):
            return "at \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

/// Refuses a request that would cross the daily limit, and counts every request actually sent,
/// retries included, since the provider counts those too.
struct QuotaGate: HTTPTransport {
    let base: any HTTPTransport
    let source: String
    let cache: any LiveDataCache
    let limit: Int?
    let now: @Sendable () -> Date

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try admit()
        return try await base.send(request)
    }

    func stream(_ request: HTTPRequest) async throws -> HTTPStreamResponse {
        try admit()
        return try await base.stream(request)
    }

    private func admit() throws {
        let day = Day(date: now())
        do {
            if let limit {
                let used = try cache.requests(source: source, day: day)
                if used + 1 > limit {
                    throw LiveSourceError.dailyLimitReached(source: source, used: used, limit: limit, needed: 1, day: day)
                }
            }
            try cache.recordRequest(source: source, day: day)
        } catch let error as LiveSourceError {
            throw error
        } catch {
            throw LiveSourceError.cache(source: source, reason: "\(error)")
        }
    }
}
