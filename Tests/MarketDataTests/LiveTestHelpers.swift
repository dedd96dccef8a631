import Foundation
@testable import MarketData
import Networking
import StrategyCore
import TestSupport

/// A clock a test can set and move.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ iso: String) {
        current = ISO8601DateFormatter().date(from: iso)!
    }

    var now: Date { lock.withLock { current } }

    func advance(hours: Double) {
        lock.withLock { current = current.addingTimeInterval(hours * 3600) }
    }

    var function: @Sendable () -> Date { { [self] in now } }
}

enum LiveFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/live")

    static func data(_ name: String) -> Data {
        (try? Data(contentsOf: directory.appendingPathComponent(name))) ?? Data()
    }

    static func text(_ name: String) -> String { String(decoding: data(name), as: UTF8.self) }

    /// All FMP routes answering with the recorded-shape fixtures.
    static var fmpRoutes: [String: [LoopbackReply]] {
        [
            "/stable/historical-price-eod/dividend-adjusted": [.json(data: data("fmp_dividend_adjusted_AAPL.json"))],
            "/stable/historical-price-eod/full": [.json(data: data("fmp_index_full_GSPC.json"))],
            "/stable/insider-trading/search": [.json(data: data("fmp_insider_search_AAPL.json"))],
            "/stable/key-metrics": [.json(data: data("fmp_key_metrics_AAPL.json"))],
            "/stable/ratios": [.json(data: data("fmp_ratios_AAPL.json"))],
            "/stable/income-statement": [.json(data: data("fmp_income_statement_AAPL.json"))],
            "/stable/grades": [.json(data: data("fmp_grades_AAPL.json"))],
            "/stable/grades-consensus": [.json(data: data("fmp_grades_consensus_AAPL.json"))],
            "/stable/sp500-constituent": [.json(data: data("fmp_sp500_constituent.json"))],
        ]
    }
}

/// A key that must never show up in any error text.
let testFMPKey = "fmpkey-7Qz9-SECRET-31337"

/// An FMP client pointed at a loopback server, with instant recorded retries and a pinned clock. The
/// timeout is generous: on a loaded machine a server thread may wait seconds for a core, and a success
/// path must not fail for it.
func makeFMP(server: LoopbackHTTPServer, cache: any LiveDataCache = InMemoryLiveDataCache(), clock: TestClock,
             sleeps: SleepRecorder = SleepRecorder(), dailyLimit: Int = FMPClient.freeTierDailyLimit,
             timeout: TimeInterval = 120) -> FMPClient {
    let fetcher = LiveFetcher(source: FMPClient.source, transport: URLSessionTransport(), cache: cache, dailyLimit: dailyLimit,
                              retry: RetryPolicy(maxAttempts: 3, baseDelay: 1, jitter: 0.2), seed: 42,
                              now: clock.function, sleep: sleeps.sleep)
    var client = FMPClient(apiKey: testFMPKey, fetcher: fetcher, baseURL: server.url("/stable/"))
    client.timeout = timeout
    return client
}

func day(_ iso: String) -> Day { Day(iso: iso)! }
