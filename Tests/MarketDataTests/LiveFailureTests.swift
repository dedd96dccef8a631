import Foundation
@testable import MarketData
import Networking
import StrategyCore
import TestSupport
import Testing

/// Each way a live source can fail, played by a real server on 127.0.0.1, with its expected outcome.
@Suite("Live sources fail plainly and never leak the key")
struct LiveFailureTests {
    let clock = TestClock("2025-01-10T22:00:00Z")
    let pricesPath = "/stable/historical-price-eod/dividend-adjusted"
    let goodPrices = LiveFixtures.data("fmp_dividend_adjusted_AAPL.json")

    func fetchPrices(_ client: FMPClient) async throws -> PriceSeries {
        try await client.dailyBars(ticker: "AAPL", from: day("2025-01-02"), to: day("2025-01-10"))
    }

    /// Runs `body`, expecting a `LiveSourceError`; checks that its text names FMP and never the key.
    func expectLiveError(_ body: () async throws -> Void) async -> LiveSourceError? {
        do {
            try await body()
            Issue.record("expected an error")
            return nil
        } catch let error as LiveSourceError {
            #expect(!error.localizedDescription.contains(testFMPKey), "key leaked: \(error.localizedDescription)")
            #expect(!String(describing: error).contains(testFMPKey))
            #expect(error.localizedDescription.hasPrefix("fmp"))
            return error
        } catch {
            Issue.record("expected LiveSourceError, got \(error)")
            return nil
        }
    }

    @Test("429 with Retry-After: the wait is honoured, then the data arrives")
    func rateLimitedThenOK() async throws {
        let server = try LoopbackHTTPServer(routes: [pricesPath: [.tooManyRequests(retryAfter: "12"), .json(data: goodPrices)]])
        let sleeps = SleepRecorder()
        let series = try await fetchPrices(makeFMP(server: server, clock: clock, sleeps: sleeps))
        #expect(series.count == 6)
        #expect(sleeps.waits == [12])
        #expect(server.requestCount == 2)
    }

    @Test("429 with an HTTP-date Retry-After waits until that date")
    func rateLimitedUntilDate() async throws {
        // The pinned clock is 2025-01-10 22:00:00 UTC; the server asks for 22:00:45, so 45 s.
        let server = try LoopbackHTTPServer(routes: [
            pricesPath: [.tooManyRequests(retryAfter: "Fri, 10 Jan 2025 22:00:45 GMT"), .json(data: goodPrices)],
        ])
        let sleeps = SleepRecorder()
        _ = try await fetchPrices(makeFMP(server: server, clock: clock, sleeps: sleeps))
        #expect(sleeps.waits == [45])
    }

    @Test("500 then 200: one backoff wait within the jitter band, then the data")
    func serverErrorThenOK() async throws {
        let server = try LoopbackHTTPServer(routes: [pricesPath: [.serverError(500), .json(data: goodPrices)]])
        let sleeps = SleepRecorder()
        let series = try await fetchPrices(makeFMP(server: server, clock: clock, sleeps: sleeps))
        #expect(series.count == 6)
        #expect(server.requestCount == 2)
        // Base delay 1 s, jitter ±20%.
        #expect(sleeps.waits.count == 1 && (0.8...1.2).contains(sleeps.waits[0]))
    }

    @Test("500 every time: retried up to the limit, then an error naming the endpoint")
    func serverErrorPersists() async throws {
        let server = try LoopbackHTTPServer(routes: [pricesPath: [.serverError(503)]])
        let error = await expectLiveError { _ = try await fetchPrices(makeFMP(server: server, clock: clock)) }
        guard case .http(_, let endpoint, let status, _)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(status == 503)
        #expect(endpoint.contains("historical-price-eod/dividend-adjusted"))
        #expect(endpoint.contains("apikey=REDACTED"))
        #expect(server.requestCount == 3)
    }

    @Test("a server that never answers is a timeout error")
    func slow() async throws {
        let server = try LoopbackHTTPServer(routes: [pricesPath: [.noAnswer]])
        let error = await expectLiveError { _ = try await fetchPrices(makeFMP(server: server, clock: clock, timeout: 2)) }
        guard case .timeout? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(server.requestCount == 1)
    }

    @Test("truncated JSON is reported as cut off, and nothing is cached")
    func truncated() async throws {
        let cache = InMemoryLiveDataCache()
        let server = try LoopbackHTTPServer(routes: [
            pricesPath: [.truncatedJSON(LiveFixtures.text("fmp_dividend_adjusted_AAPL.json")), .json(data: goodPrices)],
        ])
        let error = await expectLiveError { _ = try await fetchPrices(makeFMP(server: server, cache: cache, clock: clock)) }
        guard case .unexpectedShape(_, _, let detail)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(detail.contains("cut off"))
        // The next attempt goes to the network again (the broken body was never stored) and succeeds.
        let series = try await fetchPrices(makeFMP(server: server, cache: cache, clock: clock))
        #expect(series.count == 6)
        #expect(server.requestCount == 2)
    }

    @Test("an HTML page with 200 is 'not JSON'; with 502 it is retried and then reported")
    func htmlPages() async throws {
        let html = LoopbackReply.htmlPage(status: 200, title: "Service Maintenance")
        let server = try LoopbackHTTPServer(routes: [pricesPath: [html], "/stable/grades": [.htmlPage(status: 502)]])
        let client = makeFMP(server: server, clock: clock)
        let first = await expectLiveError { _ = try await fetchPrices(client) }
        guard case .notJSON(_, _, let excerpt)? = first else { Issue.record("got \(String(describing: first))"); return }
        #expect(excerpt.contains("Service Maintenance"))
        let second = await expectLiveError { _ = try await client.analystGrades(ticker: "AAPL") }
        guard case .http(_, _, 502, let excerpt502)? = second else { Issue.record("got \(String(describing: second))"); return }
        #expect(excerpt502.contains("502 Bad Gateway"))
        #expect(server.requestCount(path: "/stable/grades") == 3)
    }

    @Test("a JSON answer of the wrong shape names the field")
    func wrongShape() async throws {
        let server = try LoopbackHTTPServer(routes: [pricesPath: [.json(#"[{"date":"2025-01-02","adjOpen":"n/a"}]"#)]])
        let error = await expectLiveError { _ = try await fetchPrices(makeFMP(server: server, clock: clock)) }
        guard case .unexpectedShape(_, _, let detail)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(detail.contains("[0].adjOpen"))
    }

    @Test("a rejected key: the error says so and neither the URL nor the echoed body shows the key")
    func invalidKey() async throws {
        let echo = #"{"Error Message":"Invalid API KEY \#(testFMPKey). See apikey=\#(testFMPKey)"}"#
        let server = try LoopbackHTTPServer(routes: [pricesPath: [.json(echo, status: 401)]])
        let error = await expectLiveError { _ = try await fetchPrices(makeFMP(server: server, clock: clock)) }
        guard case .http(_, _, 401, _)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(error?.localizedDescription.contains("key was rejected") == true)
    }

    @Test("an error message inside a 200 answer becomes an error, not data")
    func errorInsideOK() async throws {
        let server = try LoopbackHTTPServer(routes: [pricesPath: [.json(data: LiveFixtures.data("fmp_error_invalid_key.json"))]])
        let error = await expectLiveError { _ = try await fetchPrices(makeFMP(server: server, clock: clock)) }
        guard case .apiMessage(_, _, let message)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(message.hasPrefix("Invalid API KEY"))
    }

    @Test("an empty answer for a ticker is 'no data', not an empty series")
    func emptyAnswer() async throws {
        let server = try LoopbackHTTPServer(routes: [pricesPath: [.json("[]")]])
        let error = await expectLiveError { _ = try await fetchPrices(makeFMP(server: server, clock: clock)) }
        guard case .noData(_, _, let what)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(what.contains("AAPL"))
    }
}
