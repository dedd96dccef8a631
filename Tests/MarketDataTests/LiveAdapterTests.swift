import Foundation
@testable import MarketData
import Networking
import StrategyCore
import TestSupport
import Testing

/// Live clients plugged into `MarketData` as sources, against a loopback server playing recorded answers.
@Suite("Live sources behind MarketData")
struct LiveAdapterTests {
    /// Friday 2025-01-10 after the close: the day the recorded FMP and ApeWisdom answers end.
    let clock = TestClock("2025-01-10T22:00:00Z")

    func configured(_ server: LoopbackHTTPServer, mentions: LiveConfiguration.Mentions = .synthetic,
                    cache: any LiveDataCache = InMemoryLiveDataCache(), universe: String? = nil,
                    sleeps: SleepRecorder = SleepRecorder()) async throws -> MarketData {
        let configuration = LiveConfiguration(fmpKey: testFMPKey, fmpBaseURL: server.url("/stable/"), mentions: mentions,
                                              apeWisdomBaseURL: server.url("/api/v1.0/"))
        return try await MarketData.configured(
            configuration, storage: nil, cache: cache, transport: URLSessionTransport(), universe: universe,
            now: clock.function, retry: RetryPolicy(maxAttempts: 3, baseDelay: 1, jitter: 0), sleep: sleeps.sleep)
    }

    @Test("with FMP_API_KEY, sp500 resolves to FMP's list and prices come from FMP; a repeat makes no request")
    func fmpPrices() async throws {
        let server = try LoopbackHTTPServer(routes: LiveFixtures.fmpRoutes)
        let cache = InMemoryLiveDataCache()
        let data = try await configured(server, cache: cache, universe: "sp500")
        #expect(data.sources.map(\.info.name) == ["fmp", "embedded", "long-history"])
        let sp500 = try data.resolve(universe: "sp500")
        // fmp_sp500_constituent.json lists MSFT, AAPL, APO.
        #expect(sp500.tickers == ["AAPL", "APO", "MSFT"])
        #expect(sp500.members.allSatisfy { $0.source == "fmp" })
        // Real data beats the embedded copy of a ticker (AAPL is in the embedded sample too); the embedded
        // "sample" universe keeps its own prices.
        #expect(data.sources.last?.info.holds("AAPL") == true)
        #expect(try data.resolve(universe: "AAPL").members.first?.source == "fmp")
        #expect(try data.resolve(universe: "sample").members.first?.source == "embedded")

        let aapl = try data.resolve(universe: "AAPL")
        let bars = try await data.bars(for: aapl, from: day("2025-01-02"), to: day("2025-01-10"))
        // fmp_dividend_adjusted_AAPL.json, newest first: 2025-01-10 adjClose 236.85 … 2025-01-02 adjClose 243.85.
        #expect(bars.first?.days.first == day("2025-01-02") && bars.first?.close.first == 243.85)
        #expect(bars.first?.close.last == 236.85 && bars.first?.count == 6)
        let requests = server.requestCount
        let again = try await configured(server, cache: cache).bars(for: aapl, from: day("2025-01-02"), to: day("2025-01-10"))
        #expect(again == bars)
        #expect(server.requestCount == requests)
    }

    @Test("FMP insider filings feed the fields by filing date: a purchase filed on t+1 is invisible at t")
    func fmpInsiderColumns() async throws {
        let server = try LoopbackHTTPServer(routes: LiveFixtures.fmpRoutes)
        let data = try await configured(server)
        let series = try await data.bars(for: data.resolve(universe: "AAPL"), from: day("2025-01-02"), to: day("2025-01-10"))
        let external = try await data.externalColumns(fieldNames: ["insider_buy_count_30d"], series: series)
        // Purchases (code P) in fmp_insider_search_AAPL.json: filed 2025-01-08 (18:04) and 2025-01-10; the sale
        // and the exempt award do not count. Bars: 01-02, 01-03, 01-06, 01-07, 01-08, 01-10.
        #expect(external.columns["AAPL"]?["insider_buy_count_30d"] == [0, 0, 0, 0, 1, 2])
        #expect(!external.isSynthetic)
    }

    @Test("a failing FMP is an error naming FMP, never quietly replaced by the embedded copy")
    func failureSurfaces() async throws {
        var routes = LiveFixtures.fmpRoutes
        routes["/stable/historical-price-eod/dividend-adjusted"] = [.serverError(500)]
        let server = try LoopbackHTTPServer(routes: routes)
        let sleeps = SleepRecorder()
        let data = try await configured(server, sleeps: sleeps)
        let aapl = try data.resolve(universe: "AAPL")  // the embedded set holds AAPL too
        do {
            let bars = try await data.bars(for: aapl, from: day("2010-01-04"), to: day("2010-08-20"))
            Issue.record("expected FMP's failure, got \(bars.map(\.count)) bars")
        } catch let error as LiveSourceError {
            guard case .http(let source, _, let status, _) = error else {
                Issue.record("expected an HTTP error, got \(error)")
                return
            }
            #expect(source == "fmp" && status == 500)
            #expect(!(error.errorDescription ?? "").contains(testFMPKey))
        }
        #expect(sleeps.waits.count == 2)  // retried twice with backoff before giving up
    }

    @Test("without a key everything is offline: the embedded set, and sp500 says how to switch it on")
    func offlineDefault() async throws {
        let data = try MarketData.configured(environment: [:], storage: nil, cache: InMemoryLiveDataCache())
        #expect(data.sources.map(\.info.name) == ["embedded", "long-history"])
        #expect(throws: MarketDataError.self) { try data.resolve(universe: "sp500") }
    }

    @Test("configuration: FMP turns on live mentions, Reddit credentials choose Reddit, a bad choice is an error")
    func configurationChoices() throws {
        #expect(try LiveConfiguration.from(environment: [:]).mentions == .synthetic)
        #expect(try LiveConfiguration.from(environment: [:]).isLive == false)
        let fmp = try LiveConfiguration.from(environment: ["FMP_API_KEY": testFMPKey])
        #expect(fmp.mentions == .apewisdom && fmp.fmpKey == testFMPKey)
        #expect(!fmp.description.contains(testFMPKey) && !String(reflecting: fmp).contains(testFMPKey))
        #expect(!fmp.summary.joined().contains(testFMPKey))
        let reddit = try LiveConfiguration.from(environment: ["REDDIT_CLIENT_ID": "a", "REDDIT_CLIENT_SECRET": "b"])
        #expect(reddit.mentions == .reddit && reddit.fmpKey == nil)
        #expect(try LiveConfiguration.from(environment: ["STRATCHAT_MENTIONS": "apewisdom"]).mentions == .apewisdom)
        #expect(throws: MarketDataError.self) { try LiveConfiguration.from(environment: ["STRATCHAT_MENTIONS": "twitter"]) }
        #expect(throws: MarketDataError.self) { try LiveConfiguration.from(environment: ["STRATCHAT_MENTIONS": "reddit"]) }
        #expect(throws: MarketDataError.self) { try LiveConfiguration.from(environment: ["FMP_BASE_URL": "ftp://x"]) }
    }

    @Test("ApeWisdom mentions start at the first saved snapshot: earlier days say 'no data before', never zero")
    func apeWisdomCoverage() async throws {
        var routes = LiveFixtures.fmpRoutes
        routes["/api/v1.0/filter/all-stocks/page/1"] = [.json(data: LiveFixtures.data("apewisdom_all_stocks_page1.json"))]
        routes["/api/v1.0/filter/all-stocks/page/2"] = [.json(#"{"pages":2,"results":[]}"#)]
        routes["/api/v1.0/filter/all-stocks/page/3"] = [.json(#"{"pages":2,"results":[]}"#)]
        let server = try LoopbackHTTPServer(routes: routes)
        let data = try await configured(server, mentions: .apewisdom)
        #expect(data.sources.map(\.info.name) == ["fmp", "apewisdom", "embedded", "long-history"])
        let series = try await data.bars(for: data.resolve(universe: "AAPL"), from: day("2025-01-02"), to: day("2025-01-10"))
        let external = try await data.externalColumns(fieldNames: ["reddit_mentions_1d", "reddit_rank"], series: series)
        let mentions = try #require(external.columns["AAPL"]?["reddit_mentions_1d"])
        // Only today's (2025-01-10) snapshot exists, where AAPL has 97 mentions at rank 4; the five bars
        // before it have no value rather than zero mentions.
        #expect(mentions.prefix(5).allSatisfy { $0.isNaN })
        #expect(mentions.last == 97)
        #expect(external.columns["AAPL"]?["reddit_rank"]?.last == 4)
        #expect(external.warnings.contains { $0.contains("no data before 2025-01-10") })
        #expect(!external.isSynthetic)
    }
}
