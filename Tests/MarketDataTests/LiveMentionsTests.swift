import Foundation
@testable import MarketData
import Networking
import StrategyCore
import TestSupport
import Testing

@Suite("ApeWisdom and Reddit mentions")
struct LiveMentionsTests {
    func ape(_ server: LoopbackHTTPServer, cache: any LiveDataCache, clock: TestClock) -> ApeWisdomClient {
        var client = ApeWisdomClient(
            fetcher: LiveFetcher(source: ApeWisdomClient.source, transport: URLSessionTransport(), cache: cache,
                                 retry: RetryPolicy(maxAttempts: 2), seed: 1, now: clock.function, sleep: SleepRecorder().sleep),
            baseURL: server.url("/api/v1.0/"))
        client.pages = 2
        return client
    }

    @Test("ApeWisdom counts and ranks parse whether sent as numbers or strings")
    func apeSnapshot() async throws {
        let server = try LoopbackHTTPServer(routes: [
            "/api/v1.0/filter/all-stocks/page/1": [.json(data: LiveFixtures.data("apewisdom_all_stocks_page1.json"))],
            "/api/v1.0/filter/all-stocks/page/2": [.json(#"{"count":1043,"pages":11,"currentPage":2,"results":[]}"#)],
        ])
        let entries = try await ape(server, cache: InMemoryLiveDataCache(), clock: TestClock("2025-01-10T22:00:00Z")).snapshot()
        #expect(entries.map(\.ticker) == ["NVDA", "TSLA", "GME", "AAPL"])
        let gme = try #require(entries.first { $0.ticker == "GME" })
        #expect(gme.rank == 3 && gme.mentions == 205 && gme.mentions24hAgo == 88 && gme.rank24hAgo == 7)
        #expect(entries.first?.mentions == 412)  // "412" as a string
        #expect(server.requestCount == 2)
    }

    @Test("a range before the first saved snapshot is 'no data before D', never zeros")
    func apeNoHistory() async throws {
        let server = try LoopbackHTTPServer(routes: [
            "/api/v1.0/filter/all-stocks/page/1": [.json(data: LiveFixtures.data("apewisdom_all_stocks_page1.json"))],
            "/api/v1.0/filter/all-stocks/page/2": [.json(#"{"pages":11,"results":[]}"#)],
        ])
        let clock = TestClock("2025-01-10T22:00:00Z")
        let cache = InMemoryLiveDataCache()
        let client = ape(server, cache: cache, clock: clock)
        await #expect {
            _ = try await client.observations(from: day("2024-12-01"), to: day("2025-01-10"))
        } throws: { error in
            guard case LiveSourceError.noHistory(_, _, let before) = error else { return false }
            return before == day("2025-01-10") && error.localizedDescription.contains("no Reddit mention counts before 2025-01-10")
        }
        // From the first snapshot on, observations exist, dated by the day they were observed.
        let today = try await client.observations(tickers: ["GME"], from: day("2025-01-10"), to: day("2025-01-10"))
        #expect(today == [MentionObservation(ticker: "GME", day: day("2025-01-10"), mentions: 205, rank: 3)])
    }

    @Test("snapshots accumulate one per day and answer later ranges from the cache alone")
    func apeHistoryAccumulates() async throws {
        let server = try LoopbackHTTPServer(routes: [
            "/api/v1.0/filter/all-stocks/page/1": [.json(data: LiveFixtures.data("apewisdom_all_stocks_page1.json"))],
            "/api/v1.0/filter/all-stocks/page/2": [.json(#"{"pages":11,"results":[]}"#)],
        ])
        let clock = TestClock("2025-01-09T22:00:00Z")
        let cache = InMemoryLiveDataCache()
        _ = try await ape(server, cache: cache, clock: clock).snapshot()
        _ = try await ape(server, cache: cache, clock: clock).snapshot()  // same day: no new request
        #expect(server.requestCount == 2)
        clock.advance(hours: 24)
        _ = try await ape(server, cache: cache, clock: clock).snapshot()
        #expect(server.requestCount == 4)
        let observations = try await ape(server, cache: cache, clock: clock)
            .observations(tickers: ["AAPL"], from: day("2025-01-09"), to: day("2025-01-09"))
        #expect(observations.map(\.day) == [day("2025-01-09")])
        #expect(server.requestCount == 4)
        #expect(try ape(server, cache: cache, clock: clock).savedDays() == [day("2025-01-09"), day("2025-01-10")])
    }

    func reddit(_ server: LoopbackHTTPServer, clock: TestClock, sleeps: SleepRecorder) throws -> RedditClient {
        let transport = URLSessionTransport()
        return RedditClient(
            clientID: "client-id-123", clientSecret: "reddit-secret-XYZ987", userAgent: "linux:stratchat:0.1 (test)",
            fetcher: LiveFetcher(source: RedditClient.source, transport: transport, cache: InMemoryLiveDataCache(),
                                 retry: RetryPolicy(maxAttempts: 2), seed: 1, now: clock.function, sleep: sleeps.sleep),
            tokenTransport: transport, analyzer: try SentimentAnalyzer(),
            tokenURL: server.url("/api/v1/access_token"), apiBaseURL: server.url("/"), sleep: sleeps.sleep)
    }

    @Test("Reddit: client-credentials token, a proper User-Agent, and posts that really name the ticker")
    func redditSearch() async throws {
        let searchPath = "/r/wallstreetbets+stocks+investing+StockMarket/search"
        let server = try LoopbackHTTPServer(routes: [
            "/api/v1/access_token": [.json(data: LiveFixtures.data("reddit_token.json"))],
            searchPath: [.json(data: LiveFixtures.data("reddit_search_GME.json"))],
        ])
        let clock = TestClock("2025-01-10T22:00:00Z")
        let client = try reddit(server, clock: clock, sleeps: SleepRecorder())
        let posts = try await client.posts(mentioning: "GME")
        // The "game company" post does not name GME and is left out.
        #expect(posts.map(\.id) == ["1hx0a1", "1hx0b2", "1hx0d4"])
        #expect(posts[0].sentiment > 0.05)
        #expect(posts[2].sentiment < -0.05)

        let tokenRequest = try #require(server.requests.first { $0.path == "/api/v1/access_token" })
        #expect(tokenRequest.method == "POST")
        #expect(String(decoding: tokenRequest.body, as: UTF8.self) == "grant_type=client_credentials")
        #expect(tokenRequest.header("Authorization") == "Basic " + Data("client-id-123:reddit-secret-XYZ987".utf8).base64EncodedString())
        let search = try #require(server.requests.first { $0.path == searchPath })
        #expect(search.header("Authorization") == "Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6IlRFU1QifQ.test-token")
        #expect(search.header("User-Agent") == "linux:stratchat:0.1 (test)")
        #expect(search.queryValue("q") == "GME")
        #expect(search.queryValue("restrict_sr") == "on")

        let days = try await client.observations(ticker: "GME", from: day("2025-01-06"), to: day("2025-01-10"))
        #expect(days.map(\.day) == [day("2025-01-07"), day("2025-01-08")])
        #expect(days.map(\.mentions) == [2, 1])
        #expect(server.requestCount(path: searchPath) == 1)  // the second call came from the cache
    }

    @Test("Reddit: an exhausted rate limit waits for the reset before the next request")
    func redditRateLimit() async throws {
        let searchPath = "/r/wallstreetbets+stocks+investing+StockMarket/search"
        let listing = LiveFixtures.data("reddit_search_GME.json")
        let server = try LoopbackHTTPServer(routes: [
            "/api/v1/access_token": [.json(data: LiveFixtures.data("reddit_token.json"))],
            searchPath: [.response(status: 200, headers: ["Content-Type": "application/json", "X-Ratelimit-Remaining": "0.0",
                                                          "X-Ratelimit-Used": "100", "X-Ratelimit-Reset": "37"], body: listing)],
        ])
        let sleeps = SleepRecorder()
        let client = try reddit(server, clock: TestClock("2025-01-10T22:00:00Z"), sleeps: sleeps)
        _ = try await client.posts(mentioning: "GME")
        #expect(sleeps.waits.isEmpty)
        _ = try await client.posts(mentioning: "AMC")  // a new search, with no allowance left
        #expect(sleeps.waits == [37])
        #expect(server.requestCount(path: searchPath) == 2)
    }

    @Test("Reddit: rejected credentials name both variables and never show the secret")
    func redditBadCredentials() async throws {
        let server = try LoopbackHTTPServer(routes: [
            "/api/v1/access_token": [.json(#"{"message": "Unauthorized", "error": 401}"#, status: 401)],
        ])
        let client = try reddit(server, clock: TestClock("2025-01-10T22:00:00Z"), sleeps: SleepRecorder())
        await #expect {
            _ = try await client.posts(mentioning: "GME")
        } throws: { error in
            let text = error.localizedDescription
            return text.contains("REDDIT_CLIENT_ID") && text.contains("REDDIT_CLIENT_SECRET") && !text.contains("reddit-secret-XYZ987")
        }
    }

    @Test("Reddit is off unless both variables are set")
    func redditOptional() throws {
        #expect(try RedditClient.fromEnvironment([:], cache: InMemoryLiveDataCache()) == nil)
        #expect(try RedditClient.fromEnvironment(["REDDIT_CLIENT_ID": "x"], cache: InMemoryLiveDataCache()) == nil)
        #expect(try RedditClient.fromEnvironment(["REDDIT_CLIENT_ID": "x", "REDDIT_CLIENT_SECRET": "y"],
                                                 cache: InMemoryLiveDataCache()) != nil)
    }

    @Test("a ticker counts as a whole word or a cashtag, not inside other words", arguments: [
        ("GME to the moon", true), ("I like $gme", true), ("game stop", false), ("GMEX is different", false),
        ("(GME)", true), ("agme", false),
    ])
    func tickerMatching(text: String, expected: Bool) {
        #expect(RedditClient.mentions("GME", in: text) == expected)
    }
}
