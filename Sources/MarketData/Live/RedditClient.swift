import Foundation
import Networking
import StrategyCore

/// Reddit's own search, used only when `REDDIT_CLIENT_ID` and `REDDIT_CLIENT_SECRET` are set.
///
/// Authenticates with application-only OAuth (client credentials), sends a descriptive User-Agent as
/// Reddit's rules ask, and paces itself by the `X-Ratelimit-Remaining`/`-Reset` headers: when the
/// allowance is used up it waits for the reset (through the injected sleep) or, if that is too far off,
/// fails saying when to retry. Searches are cached per trading day like every live fetch.
package actor RedditClient {
    package static let source = "reddit"
    package static let idVariable = "REDDIT_CLIENT_ID"
    package static let secretVariable = "REDDIT_CLIENT_SECRET"
    package static let defaultTokenURL = URL(string: "https://www.reddit.com/api/v1/access_token")!
    package static let defaultAPIBaseURL = URL(string: "https://oauth.reddit.com/")!

    package let fetcher: LiveFetcher
    package let userAgent: String
    package let tokenURL: URL
    package let apiBaseURL: URL
    /// Subreddits searched together.
    package var subreddits = ["wallstreetbets", "stocks", "investing", "StockMarket"]
    /// The longest wait for a rate-limit reset before giving up.
    package var maxRateLimitWait: TimeInterval = 120
    package var timeout: TimeInterval = 20

    private let clientID: String
    private let clientSecret: String
    private let tokenTransport: any HTTPTransport
    private let analyzer: SentimentAnalyzer
    private let sleep: RetryingTransport.Sleep
    private var token: (value: String, expires: Date)?
    private var remaining: Double?
    private var resetAt: Date?

    package init(clientID: String, clientSecret: String, userAgent: String, fetcher: LiveFetcher,
                tokenTransport: any HTTPTransport, analyzer: SentimentAnalyzer,
                tokenURL: URL = RedditClient.defaultTokenURL, apiBaseURL: URL = RedditClient.defaultAPIBaseURL,
                sleep: @escaping RetryingTransport.Sleep = { try await Task.sleep(nanoseconds: UInt64(max(0, $0) * 1e9)) }) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.userAgent = userAgent
        self.fetcher = fetcher
        self.tokenTransport = tokenTransport
        self.analyzer = analyzer
        self.tokenURL = tokenURL
        self.apiBaseURL = apiBaseURL
        self.sleep = sleep
    }

    /// The client when both variables are set, nil otherwise (Reddit is optional; ApeWisdom needs no key).
    package static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                       cache: any LiveDataCache, transport: any HTTPTransport = URLSessionTransport(),
                                       version: String = "0.1") throws -> RedditClient? {
        guard let id = environment[idVariable], !id.isEmpty,
              let secret = environment[secretVariable], !secret.isEmpty else { return nil }
        let agent = "linux:stratchat:\(version) (strategy research chat; +https://github.com/stratchat)"
        return RedditClient(clientID: id, clientSecret: secret, userAgent: agent,
                            fetcher: LiveFetcher(source: source, transport: transport, cache: cache),
                            tokenTransport: RetryingTransport(base: transport), analyzer: try SentimentAnalyzer())
    }

    /// Posts of the last `window` ("day", "week", "month", "year") that name the ticker as a word or `$TICKER`.
    package func posts(mentioning ticker: String, window: String = "week") async throws -> [RedditPost] {
        let symbol = ticker.uppercased()
        let path = "r/\(subreddits.joined(separator: "+"))/search"
        let query = [("q", symbol), ("restrict_sr", "on"), ("sort", "new"), ("t", window), ("limit", "100"),
                     ("raw_json", "1"), ("type", "link")]
        var parts = URLComponents(url: apiBaseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        parts.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        let cacheKey = ([path] + query.map { "\($0.0)=\($0.1)" }).joined(separator: "|")

        if !fetcher.isCached(cacheKey, rangeEnd: nil) { try await waitForAllowance(endpoint: Redactor.endpoint(parts.url!)) }
        let bearer = fetcher.isCached(cacheKey, rangeEnd: nil) ? "" : try await accessToken()
        let request = HTTPRequest(url: parts.url!, headers: ["Authorization": "Bearer \(bearer)", "User-Agent": userAgent,
                                                             "Accept": "application/json"], timeout: timeout)
        let listing: RedditWire.Listing = try await fetcher.fetch(request, cacheKey: cacheKey, observe: { [weak self] response in
            await self?.note(response)
        }) { data in
            try JSONDecoder().decode(RedditWire.Listing.self, from: data)
        }
        return listing.data.children.compactMap { child in
            let post = child.data
            let title = post.title ?? ""
            let text = post.selftext ?? ""
            guard Self.mentions(symbol, in: title + " " + text) else { return nil }
            return RedditPost(id: post.id, subreddit: post.subreddit ?? "", title: title, text: text,
                              created: Date(timeIntervalSince1970: post.created_utc), score: Int(post.score ?? 0),
                              sentiment: analyzer.compound(title + ". " + text))
        }.sorted { $0.created < $1.created }
    }

    /// Per-day mention counts and mean sentiment for the window; days without posts are not listed.
    /// A range that starts before the window fails with `noHistory`, since Reddit search covers only it.
    package func observations(ticker: String, from: Day, to: Day, window: String = "week") async throws -> [MentionObservation] {
        let windowDays = ["day": 1, "week": 7, "month": 30, "year": 365][window] ?? 7
        let earliest = Day(date: fetcher.currentDate).adding(days: -windowDays + 1)
        guard from >= earliest else {
            throw LiveSourceError.noHistory(source: Self.source, what: "Reddit search results for \(ticker.uppercased())",
                                            before: earliest)
        }
        let posts = try await posts(mentioning: ticker, window: window)
        let byDay = Dictionary(grouping: posts.filter { $0.day >= from && $0.day <= to }, by: \.day)
        return byDay.keys.sorted().map { day in
            let group = byDay[day]!
            return MentionObservation(ticker: ticker.uppercased(), day: day, mentions: group.count,
                                      sentiment: group.map(\.sentiment).reduce(0, +) / Double(group.count))
        }
    }

    /// True when `text` names the ticker as a whole word (case-sensitive, so "A" in prose does not count)
    /// or as a `$` cashtag in any case.
    static func mentions(_ ticker: String, in text: String) -> Bool {
        let escaped = NSRegularExpression.escapedPattern(for: ticker)
        let patterns = ["(?<![A-Za-z0-9$])\(escaped)(?![A-Za-z0-9])", "(?i)\\$\(escaped)(?![A-Za-z0-9])"]
        return patterns.contains { text.range(of: $0, options: .regularExpression) != nil }
    }

    private func note(_ response: HTTPResponse) {
        if let text = response.header("X-Ratelimit-Remaining"), let value = Double(text) { remaining = value }
        if let text = response.header("X-Ratelimit-Reset"), let seconds = Double(text) {
            resetAt = fetcher.currentDate.addingTimeInterval(seconds)
        }
    }

    private func waitForAllowance(endpoint: String) async throws {
        guard let remaining, remaining < 1, let resetAt else { return }
        let wait = resetAt.timeIntervalSince(fetcher.currentDate)
        guard wait > 0 else { return }
        guard wait <= maxRateLimitWait else {
            throw LiveSourceError.http(source: Self.source, endpoint: endpoint, status: 429,
                                       excerpt: "rate limit used up; it resets in \(Int(wait.rounded())) s")
        }
        try await sleep(wait)
        self.remaining = nil
    }

    private func accessToken() async throws -> String {
        if let token, token.expires > fetcher.currentDate.addingTimeInterval(60) { return token.value }
        let credentials = Data("\(clientID):\(clientSecret)".utf8).base64EncodedString()
        let request = HTTPRequest(method: "POST", url: tokenURL,
                                  headers: ["Authorization": "Basic \(credentials)", "User-Agent": userAgent,
                                            "Content-Type": "application/x-www-form-urlencoded"],
                                  body: Data("grant_type=client_credentials".utf8), timeout: timeout)
        let endpoint = Redactor.endpoint(tokenURL)
        let response: HTTPResponse
        do { response = try await tokenTransport.send(request) } catch let error as NetworkingError {
            throw LiveSourceError.network(source: Self.source, endpoint: endpoint, reason: error.localizedDescription)
        }
        let secrets = [clientSecret, credentials]
        guard (200..<300).contains(response.status) else {
            let excerpt = NetworkingError.excerpt(of: response.body, knownSecrets: secrets)
            if response.status == 401 || response.status == 403 {
                throw LiveSourceError.apiMessage(source: Self.source, endpoint: endpoint,
                                                 message: "credentials rejected (HTTP \(response.status)); check "
                                                     + "\(Self.idVariable) and \(Self.secretVariable)")
            }
            throw LiveSourceError.http(source: Self.source, endpoint: endpoint, status: response.status, excerpt: excerpt)
        }
        guard let decoded = try? JSONDecoder().decode(RedditWire.Token.self, from: response.body) else {
            throw LiveSourceError.unexpectedShape(source: Self.source, endpoint: endpoint, detail: "no access_token in the answer")
        }
        token = (decoded.access_token, fetcher.currentDate.addingTimeInterval(decoded.expires_in ?? 3600))
        return decoded.access_token
    }
}
