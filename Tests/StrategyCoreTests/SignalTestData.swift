import Foundation
@testable import StrategyCore

/// Hand-built bars for signal tests (synthetic sample data, made up for the tests).
enum SignalTestData {
    /// Weekdays from Monday 2010-03-01.
    static func days(_ n: Int) -> [Day] { EngineTestData.weekdays(n, from: Day(year: 2010, month: 3, day: 1)!) }

    /// A series whose closes are `closes`, with open = previous close, high/low = max/min of open and close ± `wick`.
    static func series(_ ticker: String, _ closes: [Double], wick: Double = 0.5) -> PriceSeries {
        var s = PriceSeries(ticker: ticker)
        for (i, (day, c)) in zip(days(closes.count), closes).enumerated() {
            let o = i == 0 ? c : closes[i - 1]
            s.append(day: day, open: o, high: max(o, c) + wick, low: min(o, c) - wick, close: c, volume: 1_000_000)
        }
        return s
    }

    /// A seeded random walk (a linear congruential generator, so every run gets the same bars).
    static func randomWalk(_ ticker: String, count: Int, seed: UInt64, start: Double = 50) -> PriceSeries {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var s = PriceSeries(ticker: ticker)
        var close = start
        for day in EngineTestData.weekdays(count, from: Day(year: 2009, month: 1, day: 5)!) {
            let open = close * (1 + (next() - 0.5) * 0.02)
            close = max(1, open * (1 + (next() - 0.5) * 0.06))
            let high = max(open, close) * (1 + next() * 0.015)
            let low = min(open, close) * (1 - next() * 0.015)
            s.append(day: day, open: open, high: high, low: low, close: close, volume: 1_000_000)
        }
        return s
    }

    /// Buys when RSI(5) falls below 35; sells when it rises above 60; 5% stop, 8% target, 20-day hold.
    static let rsiStrategy = TradingStrategy(
        id: "s-rsi", version: 1, name: "RSI dip",
        entryConditions: [Condition(field: "rsi_5", operator: .lt, value: .number(35))],
        exitConditions: [Condition(field: "rsi_5", operator: .gt, value: .number(60))],
        riskParameters: RiskParameters(stopLossPct: 5, takeProfitPct: 8, maxHoldDays: 20, positionSizePct: 100))
}
