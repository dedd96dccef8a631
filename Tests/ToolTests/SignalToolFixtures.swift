import Foundation
import MarketData
import Store
import StrategyCore
@testable import Tools

/// Stores, strategies and hand-built bars for the signal service tests (synthetic sample data).
enum SignalToolFixtures {
    static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_800_000_000) }

    static func store() throws -> StratStore { try StratStore.inMemory(now: clock) }


    /// Closes as given from Monday 2010-03-01; open = previous close; high/low = the wider of the two ± 0.5.
    static func series(_ ticker: String, _ closes: [Double]) -> PriceSeries {
        var s = PriceSeries(ticker: ticker)
        for (i, (day, c)) in zip(Day.weekdays(closes.count, from: Day(iso: "2010-03-01")!), closes).enumerated() {
            let o = i == 0 ? c : closes[i - 1]
            s.append(day: day, open: o, high: max(o, c) + 0.5, low: min(o, c) - 0.5, close: c, volume: 1_000_000)
        }
        return s
    }

    /// A seeded random walk from 2009-01-05 (a linear congruential generator: same bars every run).
    static func randomWalk(_ ticker: String, count: Int, seed: UInt64) -> PriceSeries {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var s = PriceSeries(ticker: ticker)
        var close = 50.0
        for day in Day.weekdays(count, from: Day(iso: "2009-01-05")!) {
            let open = close * (1 + (next() - 0.5) * 0.02)
            close = max(1, open * (1 + (next() - 0.5) * 0.06))
            s.append(day: day, open: open, high: max(open, close) * (1 + next() * 0.015),
                     low: min(open, close) * (1 - next() * 0.015), close: close, volume: 1_000_000)
        }
        return s
    }

    /// Close above its 3-day SMA: AAA qualifies on the last day, BBB does not.
    static let trend = TradingStrategy(
        name: "Trend", entryConditions: [Condition(field: "close", operator: .gt, value: .field(FieldReference(field: "sma_3")))],
        exitConditions: [Condition(field: "close", operator: .lt, value: .field(FieldReference(field: "sma_3")))],
        riskParameters: RiskParameters(stopLossPct: 10, takeProfitPct: 20, maxHoldDays: 30, positionSizePct: 5))

    static let handBuilt = SignalMarketData(
        series: [series("AAA", [10, 11, 12, 13, 14]), series("BBB", [14, 13, 12, 11, 10])],
        dataLabel: "hand-built synthetic sample", universeLabel: "test")

    /// RSI(5) below 35 in, above 60 out, with a stop, target and holding limit.
    static let rsi = TradingStrategy(
        name: "RSI dip",
        entryConditions: [Condition(field: "rsi_5", operator: .lt, value: .number(35))],
        exitConditions: [Condition(field: "rsi_5", operator: .gt, value: .number(60))],
        riskParameters: RiskParameters(stopLossPct: 5, takeProfitPct: 8, maxHoldDays: 20, positionSizePct: 100))

    static let walk = SignalMarketData(
        series: [randomWalk("RW", count: 300, seed: 11)], dataLabel: "synthetic sample random walk", universeLabel: "RW")

    static func tempLock() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratchat-scan-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return ScanService.lockPath(inHome: dir.path)
    }
}

/// A feed that serves fixed data after a pause, or once a gated feed is released, counting how many loads
/// run at once, and failing for strategies with a given name (as a broken data source would).
final class InstrumentedFeed: SignalDataFeed, @unchecked Sendable {
    let inner: FixedDataFeed
    let pause: UInt64
    let failing: String?
    private let lock = NSLock()
    private var running = 0
    private(set) var maxRunning = 0
    private var gateOpen: Bool
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// With `gated`, every load waits until `release()`, so a test can hold a scan mid-way as long as it needs.
    init(_ data: SignalMarketData, pauseMs: UInt64 = 0, failing: String? = nil, gated: Bool = false) {
        inner = FixedDataFeed(data)
        pause = pauseMs * 1_000_000
        self.failing = failing
        gateOpen = !gated
    }

    /// Loads under way now.
    var current: Int { lock.withLock { running } }

    /// Lets every waiting and later load go on.
    func release() {
        let resumed = lock.withLock {
            gateOpen = true
            defer { waiting = [] }
            return waiting
        }
        for continuation in resumed { continuation.resume() }
    }

    private func passGate() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let open = lock.withLock {
                if !gateOpen { waiting.append(continuation) }
                return gateOpen
            }
            if open { continuation.resume() }
        }
    }

    var peak: Int { lock.withLock { maxRunning } }

    func load(strategy: TradingStrategy, universe: String, through: Day?) async throws -> SignalMarketData {
        lock.withLock {
            running += 1
            maxRunning = max(maxRunning, running)
        }
        defer { lock.withLock { running -= 1 } }
        await passGate()
        if pause > 0 { try await Task.sleep(nanoseconds: pause) }
        if strategy.name == failing {
            throw MarketDataError.sourceUnavailable("the test source", fix: "none; it always fails")
        }
        return try await inner.load(strategy: strategy, universe: universe, through: through)
    }
}
