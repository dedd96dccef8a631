import Foundation
@testable import StrategyCore

/// Small hand-made bar sets and seeded synthetic universes for engine tests (synthetic sample data).
enum EngineTestData {
    /// Monday 2024-01-01.
    static let monday = Day(year: 2024, month: 1, day: 1)!

    /// Weekdays from `monday` on, one per bar.
    static func weekdays(_ n: Int, from first: Day = monday) -> [Day] {
        Day.weekdays(n, from: first)
    }

    /// A series from `(open, high, low, close)` rows on consecutive weekdays.
    static func bars(_ ticker: String, _ rows: [(Double, Double, Double, Double)], from first: Day = monday) -> PriceSeries {
        var s = PriceSeries(ticker: ticker)
        for (day, r) in zip(weekdays(rows.count, from: first), rows) {
            s.append(day: day, open: r.0, high: r.1, low: r.2, close: r.3, volume: 1_000)
        }
        return s
    }

    /// Flat bars at `price`.
    static func flat(_ ticker: String, _ n: Int, price: Double = 10) -> PriceSeries {
        bars(ticker, Array(repeating: (price, price, price, price), count: n))
    }

    /// A strategy that buys when the external `insider_buy_count_30d` column is above zero and sells
    /// when `insider_sell_count_30d` is above zero, so a test controls signals day by day.
    static func signalStrategy(
        stop: Double? = nil, target: Double? = nil, maxHold: Int? = nil, size: Double = 100, riskPerTrade: Double? = nil
    ) -> TradingStrategy {
        TradingStrategy(
            name: "test signals",
            entryConditions: [Condition(field: "insider_buy_count_30d", operator: .gt, value: .number(0))],
            exitConditions: [Condition(field: "insider_sell_count_30d", operator: .gt, value: .number(0))],
            riskParameters: RiskParameters(stopLossPct: stop, takeProfitPct: target, maxHoldDays: maxHold,
                                           positionSizePct: size, riskPerTradePct: riskPerTrade))
    }

    /// A column with `value` on the listed bars and 0 elsewhere.
    static func pulses(_ n: Int, at bars: [Int], value: Double = 1) -> [Double] {
        var c = [Double](repeating: 0, count: n)
        for b in bars { c[b] = value }
        return c
    }

    static func request(
        _ strategy: TradingStrategy, _ series: [PriceSeries], external: ExternalColumns = [:], capital: Double = 1_000,
        commission: Double = 0, slippage: Double = 0, fill: FillRule = .nextOpen, benchmark: PriceSeries? = nil
    ) -> BacktestRequest {
        let days = series.flatMap(\.days)
        return BacktestRequest(
            strategy: strategy, series: series, externalColumns: external, benchmark: benchmark,
            start: days.min() ?? monday, end: days.max() ?? monday, initialCapital: capital, commissionPct: commission,
            slippageBps: slippage, fill: fill, dataLabel: "hand-made test bars (synthetic sample)", universeLabel: "test")
    }

    /// A seeded random-walk universe (synthetic sample), the same for the same seed.
    static func universe(tickers: Int, bars: Int, seed: UInt64) -> [PriceSeries] {
        var rng = SplitMix64(seed: seed)
        let days = weekdays(bars, from: Day(year: 2000, month: 1, day: 3)!)
        return (0..<tickers).map { k in
            var s = PriceSeries(ticker: String(format: "T%03d", k))
            s.reserveCapacity(bars)
            var price = 20 + 80 * rng.unit()
            for day in days {
                let open = price * (1 + 0.01 * (rng.unit() - 0.5))
                let close = open * (1 + 0.04 * (rng.unit() - 0.49))
                let high = max(open, close) * (1 + 0.01 * rng.unit())
                let low = min(open, close) * (1 - 0.01 * rng.unit())
                s.append(day: day, open: open, high: high, low: low, close: close, volume: 1e6 * (0.5 + rng.unit()))
                price = close
            }
            return s
        }
    }
}
