import Foundation
import TestSupport
import Testing

/// The program with FMP switched on by its environment variables, against a loopback server playing
/// FMP's recorded answers (Tests/MarketDataTests/Fixtures/live, shapes documented in SOURCES.md there).
@Suite("stratchat with FMP configured")
struct DataLiveSourceTests {
    static let key = "fmp-test-key-NEVER-PRINTED-4242"
    static let live = StratchatProcess.packageRoot.appendingPathComponent("Tests/MarketDataTests/Fixtures/live")

    static func routes() throws -> [String: [LoopbackReply]] {
        func reply(_ name: String) throws -> [LoopbackReply] {
            [.json(data: try Data(contentsOf: live.appendingPathComponent(name)))]
        }
        return [
            "/stable/historical-price-eod/dividend-adjusted": try reply("fmp_dividend_adjusted_AAPL.json"),
            "/stable/historical-price-eod/full": try reply("fmp_index_full_GSPC.json"),
            "/stable/sp500-constituent": try reply("fmp_sp500_constituent.json"),
        ]
    }

    @Test("FMP_API_KEY makes FMP the price source; a second backtest is served from the database cache")
    func backtestOnFMP() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let server = try LoopbackHTTPServer(routes: try Self.routes())
        defer { server.stop() }
        let environment = ["FMP_API_KEY": Self.key, "FMP_BASE_URL": server.url("/stable/").absoluteString]

        let info = try stratchat.run(["data", "info"], extraEnvironment: environment)
        #expect(info.status == 0, "stderr: \(info.stderr)")
        #expect(info.stdout.hasPrefix("fmp: 0 tickers"))
        #expect(info.stdout.contains("fmp: on (FMP_API_KEY set)"))

        let arguments = ["backtest", "--strategy", BacktestCommandTests.reference("rsi_30_70", "strategy.json"),
                         "--universe", "AAPL", "--from", "2025-01-02", "--to", "2025-01-10", "--json", "--full"]
        let first = try stratchat.run(arguments, extraEnvironment: environment)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        let object = try BacktestCommandTests.object(first)
        let assumptions = try #require(object["assumptions"] as? [String])
        #expect(assumptions.contains("data: prices: fmp (real daily bars)"))
        // The recorded answer's six bars: 2025-01-02 … 2025-01-10.
        #expect((object["equity_curve"] as? [Any])?.count == 6)
        // The benchmark (^GSPC) comes from FMP's index endpoint too: the fixture's closes, 5868.55 to 5827.04;
        // the result states it to two decimals.
        let benchmarkReturn = try #require((object["metrics"] as? [String: Any])?["benchmark_return_pct"] as? Double)
        #expect(abs(benchmarkReturn - (5827.04 / 5868.55 - 1) * 100) <= 0.005)
        #expect(server.requestCount(path: "/stable/historical-price-eod/full") == 1)
        let requests = server.requestCount
        #expect(requests == 2)

        let second = try stratchat.run(arguments, extraEnvironment: environment)
        #expect(second.status == 0)
        #expect(server.requestCount == requests)
        for output in [info.stdout, info.stderr, first.stdout, first.stderr, second.stdout] {
            #expect(!output.contains(Self.key))
        }
    }

    @Test("sp500 is fetched only when asked for, and a failing FMP exits 2 naming FMP instead of using other data")
    func sp500AndFailure() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        var routes = try Self.routes()
        routes["/stable/historical-price-eod/dividend-adjusted"] = [.htmlPage(status: 502)]
        let server = try LoopbackHTTPServer(routes: routes)
        defer { server.stop() }
        let environment = ["FMP_API_KEY": Self.key, "FMP_BASE_URL": server.url("/stable/").absoluteString]
        let result = try stratchat.run(["backtest", "--strategy", BacktestCommandTests.reference("rsi_30_70", "strategy.json"),
                                        "--universe", "sp500", "--from", "2025-01-02", "--to", "2025-01-10"],
                                       extraEnvironment: environment)
        #expect(server.requestCount(path: "/stable/sp500-constituent") == 1)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: fmp: "))
        #expect(!result.stderr.contains(Self.key))
        #expect(result.stdout.isEmpty)
    }
}
