import Foundation
@testable import Store
import StrategyCore

/// Pinned time and ids for store tests, so every value a test reads back is known in advance.
final class TestSequence: @unchecked Sendable {
    private let lock = NSLock()
    private var tick = 0
    private var nextId = 0
    /// 2026-01-01T00:00:00Z; each reading of the clock moves it one second on.
    static let start = Date(timeIntervalSince1970: 1_767_225_600)

    var now: @Sendable () -> Date {
        { [self] in
            lock.withLock {
                defer { tick += 1 }
                return TestSequence.start.addingTimeInterval(Double(tick))
            }
        }
    }

    var makeId: @Sendable () -> String {
        { [self] in
            lock.withLock {
                nextId += 1
                return String(format: "id-%04d", nextId)
            }
        }
    }
}

enum Fixtures {
    static func store() throws -> StratStore {
        let sequence = TestSequence()
        return try StratStore.inMemory(now: sequence.now, makeId: sequence.makeId)
    }

    /// A short-term RSI strategy with explicit risk, as a person would first describe it.
    static func rsiDip(name: String = "RSI dip") -> TradingStrategy {
        TradingStrategy(
            name: name, description: "Buy oversold dips", naturalLanguageInput: "buy when RSI is below 30",
            timeframe: .shortTerm,
            entryConditions: [Condition(field: "rsi_14", operator: .lt, value: .number(30))],
            exitConditions: [Condition(field: "rsi_14", operator: .gt, value: .number(70))],
            riskParameters: RiskParameters(stopLossPct: 8, takeProfitPct: 15, maxHoldDays: 30))
    }

    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    static func signal(strategyId: String, ticker: String = "AAPL", day: String = "2010-03-01",
                       type: StrategySignal.Kind = .entry, price: Double = 100) -> StrategySignal {
        StrategySignal(
            strategyId: strategyId, ticker: ticker, signalType: type, signalDate: Fixtures.day(day),
            generatedAt: TestSequence.start, priceAtSignal: price, confidenceScore: 62.5,
            reasoning: "RSI 14 is 28.3 (below 30)", targetPrice: price * 1.15, stopPrice: price * 0.92,
            dataSnapshot: ["rsi_14": .number(28.3), "close": .number(price)])
    }

    static func backtest(strategyId: String, totalReturnPct: Double = 12.5) -> StrategyBacktest {
        StrategyBacktest(
            strategyId: strategyId, startDate: day("2009-08-03"), endDate: day("2010-07-30"), initialCapital: 100_000,
            metrics: BacktestMetrics {
                $0.totalTrades = 4
                $0.winningTrades = 3
                $0.losingTrades = 1
                $0.winRate = 75
                $0.totalReturnPct = totalReturnPct
                $0.totalReturnDollars = totalReturnPct * 1_000
            }, assumptions: BacktestAssumptions(
                data: "embedded sample", universe: "sample", fill: "next_open", commissionPct: 0, slippageBps: 5,
                stopTargetRule: "stop wins", benchmark: "^GSPC"))
    }

    /// A series of `count` consecutive days starting 2010-01-04 with a gently rising close.
    static func series(_ ticker: String, count: Int, base: Double = 50) -> PriceSeries {
        var series = PriceSeries(ticker: ticker)
        let first = day("2010-01-04")
        for i in 0..<count {
            let close = base + Double(i) * 0.25
            series.append(day: first.adding(days: i), open: close - 0.1, high: close + 0.5, low: close - 0.5,
                          close: close, volume: 1_000_000 + Double(i))
        }
        return series
    }

    /// A fresh directory under the system temp directory; the caller removes it.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stratchat-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
