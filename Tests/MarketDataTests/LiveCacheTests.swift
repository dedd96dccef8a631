import Foundation
@testable import MarketData
import Networking
import StrategyCore
import Store
import TestSupport
import Testing

@Suite("Live fetches are cached and counted")
struct LiveCacheTests {
    let pricesPath = "/stable/historical-price-eod/dividend-adjusted"

    @Test("a second fetch of the same range makes no HTTP request")
    func repeatedFetchIsCached() async throws {
        let clock = TestClock("2025-01-10T22:00:00Z")
        let cache = InMemoryLiveDataCache()
        let server = try LoopbackHTTPServer(routes: LiveFixtures.fmpRoutes)
        let first = try await makeFMP(server: server, cache: cache, clock: clock)
            .dailyBars(ticker: "AAPL", from: day("2025-01-02"), to: day("2025-01-10"))
        // A new client on the same cache, as a second backtest would build.
        let second = try await makeFMP(server: server, cache: cache, clock: clock)
            .dailyBars(ticker: "AAPL", from: day("2025-01-02"), to: day("2025-01-10"))
        #expect(first == second)
        #expect(server.requestCount == 1)
        #expect(try cache.requests(source: "fmp", day: day("2025-01-10")) == 1)
    }

    @Test("open-ended data is refreshed once after the next trading-day close, not before")
    func staleRefreshedOncePerTradingDay() async throws {
        // Friday 2025-01-10, 15:00 UTC: before that day's close.
        let clock = TestClock("2025-01-10T15:00:00Z")
        let cache = InMemoryLiveDataCache()
        let server = try LoopbackHTTPServer(routes: LiveFixtures.fmpRoutes)
        let client = makeFMP(server: server, cache: cache, clock: clock)
        let path = "/stable/insider-trading/search"
        _ = try await client.insiderFilings(ticker: "AAPL")
        clock.advance(hours: 3)  // 18:00, still before the 21:00 UTC close
        _ = try await client.insiderFilings(ticker: "AAPL")
        #expect(server.requestCount(path: path) == 1)
        clock.advance(hours: 4)  // 22:00, after Friday's close: stale, refetched once
        _ = try await client.insiderFilings(ticker: "AAPL")
        _ = try await client.insiderFilings(ticker: "AAPL")
        #expect(server.requestCount(path: path) == 2)
        clock.advance(hours: 48)  // Sunday 22:00: no close since Friday's, still fresh
        _ = try await client.insiderFilings(ticker: "AAPL")
        #expect(server.requestCount(path: path) == 2)
        clock.advance(hours: 24)  // Monday 22:00: after Monday's close
        _ = try await client.insiderFilings(ticker: "AAPL")
        #expect(server.requestCount(path: path) == 3)
    }

    @Test("a closed past range never goes stale")
    func closedRangeStaysFresh() async throws {
        let clock = TestClock("2025-01-10T22:00:00Z")
        let cache = InMemoryLiveDataCache()
        let server = try LoopbackHTTPServer(routes: LiveFixtures.fmpRoutes)
        let client = makeFMP(server: server, cache: cache, clock: clock)
        _ = try await client.dailyBars(ticker: "AAPL", from: day("2025-01-02"), to: day("2025-01-08"))
        clock.advance(hours: 24 * 30)
        _ = try await client.dailyBars(ticker: "AAPL", from: day("2025-01-02"), to: day("2025-01-08"))
        #expect(server.requestCount == 1)
    }

    @Test("the daily limit stops a request before it is sent, and says how many were used")
    func dailyLimit() async throws {
        let clock = TestClock("2025-01-10T22:00:00Z")
        let cache = InMemoryLiveDataCache()
        let server = try LoopbackHTTPServer(routes: LiveFixtures.fmpRoutes)
        let client = makeFMP(server: server, cache: cache, clock: clock, dailyLimit: 2)
        _ = try await client.insiderFilings(ticker: "AAPL")
        _ = try await client.analystGrades(ticker: "AAPL")
        await #expect {
            _ = try await client.sp500Constituents()
        } throws: { error in
            guard case LiveSourceError.dailyLimitReached(_, 2, 2, 1, _) = error else { return false }
            return error.localizedDescription.contains("2 of 2 requests")
        }
        #expect(server.requestCount == 2)
        // Cached data still answers without a request.
        _ = try await client.insiderFilings(ticker: "AAPL")
        #expect(server.requestCount == 2)
    }

    @Test("the budget check warns up front when a universe would cross the limit")
    func budgetUpFront() async throws {
        let clock = TestClock("2025-01-10T22:00:00Z")
        let cache = InMemoryLiveDataCache()
        let server = try LoopbackHTTPServer(routes: LiveFixtures.fmpRoutes)
        let client = makeFMP(server: server, cache: cache, clock: clock, dailyLimit: 250)
        for _ in 0..<248 { try cache.recordRequest(source: "fmp", day: day("2025-01-10")) }
        let tickers = ["AAPL", "MSFT", "NVDA"]
        let needed = client.uncachedPriceRequests(tickers: tickers, from: day("2025-01-02"), to: day("2025-01-10"))
        #expect(needed == 3)
        #expect(throws: LiveSourceError.self) { try client.fetcher.checkBudget(requests: needed) }
        #expect(client.fetcher.quotaWarning() == "fmp: 248 of 250 requests used today (UTC); 2 left before the daily limit.")
        #expect(server.requestCount == 0)
        // The next UTC day starts a fresh count.
        clock.advance(hours: 3)
        #expect(try client.fetcher.requestsUsedToday() == 0)
    }

    @Test("retries count against the daily limit, since the provider counts them")
    func retriesCount() async throws {
        let clock = TestClock("2025-01-10T22:00:00Z")
        let cache = InMemoryLiveDataCache()
        let server = try LoopbackHTTPServer(routes: [
            pricesPath: [.serverError(500), .json(data: LiveFixtures.data("fmp_dividend_adjusted_AAPL.json"))],
        ])
        _ = try await makeFMP(server: server, cache: cache, clock: clock)
            .dailyBars(ticker: "AAPL", from: day("2025-01-02"), to: day("2025-01-10"))
        #expect(try cache.requests(source: "fmp", day: day("2025-01-10")) == 2)
    }

    @Test("the latest close skips weekends")
    func latestClose() {
        let formatter = ISO8601DateFormatter()
        let sunday = formatter.date(from: "2025-01-12T12:00:00Z")!
        #expect(Freshness.latestClose(atOrBefore: sunday) == formatter.date(from: "2025-01-10T21:00:00Z")!)
        let mondayMorning = formatter.date(from: "2025-01-13T09:00:00Z")!
        #expect(Freshness.latestClose(atOrBefore: mondayMorning) == formatter.date(from: "2025-01-10T21:00:00Z")!)
        let mondayNight = formatter.date(from: "2025-01-13T21:30:00Z")!
        #expect(Freshness.latestClose(atOrBefore: mondayNight) == formatter.date(from: "2025-01-13T21:00:00Z")!)
    }
}

@Suite("Live sources from the environment")
struct LiveSourcesTests {
    @Test("only what the environment configures is switched on, and the summary shows no key")
    func fromEnvironment() throws {
        let none = try LiveSources.fromEnvironment([:], cache: InMemoryLiveDataCache())
        #expect(none.fmp == nil && none.reddit == nil)
        #expect(none.summary.first == "fmp: off (set FMP_API_KEY to use Financial Modeling Prep)")
        let all = try LiveSources.fromEnvironment(
            ["FMP_API_KEY": testFMPKey, "REDDIT_CLIENT_ID": "id", "REDDIT_CLIENT_SECRET": "secret-value"],
            cache: InMemoryLiveDataCache())
        #expect(all.fmp != nil && all.reddit != nil)
        #expect(all.fmp?.fetcher.dailyLimit == 250)
        #expect(!all.summary.joined().contains(testFMPKey) && !all.summary.joined().contains("secret-value"))
    }
}

@Suite("The store as the live-data cache")
struct LiveStoreCacheTests {
    @Test("a second backtest's fetch through the store makes no request, and the count persists")
    func storeBacked() async throws {
        let clock = TestClock("2025-01-10T22:00:00Z")
        let store = try StratStore.inMemory(now: clock.function)
        let server = try LoopbackHTTPServer(routes: LiveFixtures.fmpRoutes)
        let first = try await makeFMP(server: server, cache: store, clock: clock)
            .dailyBars(ticker: "AAPL", from: day("2025-01-02"), to: day("2025-01-10"))
        let second = try await makeFMP(server: server, cache: store, clock: clock)
            .dailyBars(ticker: "AAPL", from: day("2025-01-02"), to: day("2025-01-10"))
        #expect(first == second)
        #expect(server.requestCount == 1)
        #expect(try store.requests(source: "fmp", day: day("2025-01-10")) == 1)
        let cached = try #require(try store.payload(source: "fmp", key: "historical-price-eod/dividend-adjusted|symbol=AAPL|from=2025-01-02|to=2025-01-10"))
        #expect(cached.1 == clock.now)
        #expect(!String(decoding: cached.0, as: UTF8.self).contains(testFMPKey))
    }
}
