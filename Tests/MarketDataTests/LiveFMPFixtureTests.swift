import Foundation
@testable import MarketData
import Networking
import StrategyCore
import TestSupport
import Testing

/// FMP responses in their documented shapes (see Fixtures/live/SOURCES.md), served over a real socket.
@Suite("FMP client reads the documented shapes")
struct LiveFMPFixtureTests {
    let clock = TestClock("2025-01-10T22:00:00Z")

    @Test("dividend-adjusted bars come back oldest first with the adjusted prices")
    func prices() async throws {
        let server = try LoopbackHTTPServer(routes: LiveFixtures.fmpRoutes)
        let series = try await makeFMP(server: server, clock: clock).dailyBars(ticker: "AAPL", from: day("2025-01-02"), to: day("2025-01-10"))
        // Six rows in the fixture, newest first; 2025-01-09 is absent (a market closure), so six bars remain.
        #expect(series.days.map(\.iso) == ["2025-01-02", "2025-01-03", "2025-01-06", "2025-01-07", "2025-01-08", "2025-01-10"])
        #expect(series.close.first == 243.85)
        #expect(series.open.last == 240.01)
        #expect(series.low.last == 233.0)
        #expect(series.volume.first == 55_740_731)
        let request = try #require(server.requests.first)
        #expect(request.queryValue("symbol") == "AAPL")
        #expect(request.queryValue("from") == "2025-01-02")
        #expect(request.queryValue("to") == "2025-01-10")
        #expect(request.queryValue("apikey") == testFMPKey)
    }

    @Test("an index comes from the index endpoint, with its levels, oldest first")
    func indexLevels() async throws {
        let server = try LoopbackHTTPServer(routes: LiveFixtures.fmpRoutes)
        let series = try await makeFMP(server: server, clock: clock).dailyBars(ticker: "^GSPC", from: day("2025-01-02"), to: day("2025-01-10"))
        #expect(series.days.map(\.iso) == ["2025-01-02", "2025-01-03", "2025-01-06", "2025-01-07", "2025-01-08", "2025-01-10"])
        #expect(series.close.first == 5868.55)
        #expect(series.close.last == 5827.04)
        #expect(series.high[2] == 6021.04)
        let request = try #require(server.requests.first)
        #expect(request.path == "/stable/historical-price-eod/full")
        #expect(request.queryValue("symbol") == "^GSPC")
        #expect(server.requestCount(path: "/stable/historical-price-eod/dividend-adjusted") == 0)
    }

    @Test("insider search keeps open-market purchases and sales, dated by filing")
    func insiders() async throws {
        let server = try LoopbackHTTPServer(routes: LiveFixtures.fmpRoutes)
        let filings = try await makeFMP(server: server, clock: clock).insiderFilings(ticker: "AAPL")
        // The M-Exempt row (an RSU vesting) is not an open-market trade and is dropped.
        #expect(filings.count == 3)
        #expect(filings.map(\.kind) == [.sale, .purchase, .purchase])
        let cook = try #require(filings.first { $0.insiderName == "COOK TIMOTHY D" })
        #expect(cook.filingDate == day("2025-01-08"))  // from "2025-01-08 18:04:11"
        #expect(cook.tradeDate == day("2025-01-07"))
        #expect(cook.isCSuite)
        #expect(cook.value == 10_000 * 242.21)
    }

    @Test("a filing dated t+1 is invisible on day t")
    func pointInTime() async throws {
        let server = try LoopbackHTTPServer(routes: LiveFixtures.fmpRoutes)
        let filings = try await makeFMP(server: server, clock: clock).insiderFilings(ticker: "AAPL")
        // Cook's purchase was traded on the 7th but filed on the 8th.
        let onSeventh = FMPClient.visible(filings, on: day("2025-01-07"))
        let onEighth = FMPClient.visible(filings, on: day("2025-01-08"))
        #expect(!onSeventh.contains { $0.insiderName == "COOK TIMOTHY D" })
        #expect(onEighth.contains { $0.insiderName == "COOK TIMOTHY D" })
        #expect(onSeventh.map(\.insiderName) == ["LEVINSON ARTHUR D"])
    }

    @Test("fundamentals join key metrics and ratios and are dated by the statement's filing date")
    func fundamentals() async throws {
        let server = try LoopbackHTTPServer(routes: LiveFixtures.fmpRoutes)
        let snapshots = try await makeFMP(server: server, clock: clock).fundamentals(ticker: "AAPL")
        #expect(snapshots.map(\.filingDate.iso) == ["2023-11-03", "2024-11-01"])
        let latest = try #require(snapshots.last)
        #expect(latest.peRatio == 37.287278415656736)
        #expect(latest.pbRatio == 61.37243774486391)
        #expect(latest.marketCap == 3_495_160_329_570)
        #expect(latest.dividendYield == 0.43585983369965176)  // the percentage field, already in percent points
        // The 2023 row has only the fraction 0.0055, which is 0.55 percent points.
        #expect(abs((snapshots.first?.dividendYield ?? 0) - 0.55) < 1e-12)
        #expect(server.requestCount == 3)
    }

    @Test("grades map their actions, and the consensus is the weighted mean on the 1–5 scale")
    func analysts() async throws {
        let server = try LoopbackHTTPServer(routes: LiveFixtures.fmpRoutes)
        let client = makeFMP(server: server, clock: clock)
        let grades = try await client.analystGrades(ticker: "AAPL")
        #expect(grades.map(\.action) == [.initiate, .downgrade, .upgrade, .maintain])
        #expect(grades.map(\.firm).first == "Loop Capital")
        let consensus = try await client.analystConsensus(ticker: "AAPL")
        // (1×5 + 29×4 + 11×3 + 4×2 + 0×1) / 45 = 162 / 45 = 3.6
        #expect(abs((consensus.consensusScore ?? 0) - 3.6) < 1e-12)
        #expect(consensus.day == day("2025-01-10"))
    }

    @Test("the S&P 500 list comes back sorted by ticker")
    func constituents() async throws {
        let server = try LoopbackHTTPServer(routes: LiveFixtures.fmpRoutes)
        let list = try await makeFMP(server: server, clock: clock).sp500Constituents()
        #expect(list.map(\.ticker) == ["AAPL", "APO", "MSFT"])
        #expect(list.first { $0.ticker == "APO" }?.dateFirstAdded == day("2024-12-23"))
    }

    @Test("the key is never in the client's description or mirror")
    func descriptionHidesKey() async throws {
        let server = try LoopbackHTTPServer(routes: [:])
        let client = makeFMP(server: server, clock: clock)
        #expect(!String(describing: client).contains(testFMPKey))
        #expect(!String(reflecting: client).contains(testFMPKey))
        var dumped = ""
        dump(client, to: &dumped)
        #expect(!dumped.contains(testFMPKey))
    }

    @Test("without FMP_API_KEY the client is refused with the variable to set")
    func missingKey() {
        #expect {
            _ = try FMPClient.fromEnvironment([:], cache: InMemoryLiveDataCache())
        } throws: { error in
            (error as? LiveSourceError)?.localizedDescription.contains("FMP_API_KEY") == true
        }
    }
}
