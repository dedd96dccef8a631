import Foundation
import Testing
@testable import StrategyCore

/// Missing fields, bad bars, determinism, no look-ahead, progress and cancellation.
@Suite("Engine handles data honestly")
struct EngineDataTests {
    typealias D = EngineTestData

    /// rsi_14 < 30 AND close > sma_200, exit rsi_14 > 70, 8% stop, 30 days, 5% positions.
    static let rsiStrategy = TradingStrategy(
        name: "oversold in an uptrend",
        entryConditions: [
            Condition(field: "rsi_14", operator: .lt, value: .number(30)),
            Condition(field: "close", operator: .gt, value: .field(FieldReference(field: "sma_200"))),
        ],
        exitConditions: [Condition(field: "rsi_14", operator: .gt, value: .number(70))],
        riskParameters: RiskParameters(stopLossPct: 8, takeProfitPct: nil, maxHoldDays: 30, positionSizePct: 5))

    static func universeRequest(_ series: [PriceSeries]) -> BacktestRequest {
        BacktestRequest(
            strategy: rsiStrategy, series: series, start: series[0].days[250], end: series[0].days[series[0].count - 1],
            initialCapital: 100_000, commissionPct: 0.1, slippageBps: 5, dataLabel: "seeded random walk (synthetic sample)",
            universeLabel: "synthetic sample")
    }

    @Test("a field with no data in range is named in the warnings, never a silent zero")
    func missingFieldWarns() throws {
        let strategy = TradingStrategy(
            name: "insiders", entryConditions: [Condition(field: "insider_buy_count_30d", operator: .gt, value: .number(0))])
        let r = try BacktestEngine.run(D.request(strategy, [D.flat("X", 30)]))
        #expect(r.totalTrades == 0)
        #expect(r.warnings.contains { $0.hasPrefix("insider data: none for these dates") })
        #expect(r.warnings.contains { $0.hasPrefix("no trades") })
    }

    @Test("an indicator that never fills its look-back in range is named")
    func shortHistoryWarns() throws {
        let strategy = TradingStrategy(name: "long average", entryConditions: [
            Condition(field: "close", operator: .gt, value: .field(FieldReference(field: "sma_200")))])
        let r = try BacktestEngine.run(D.request(strategy, [D.flat("X", 50)]))
        #expect(r.warnings.contains { $0.hasPrefix("sma_200: no value") && $0.contains("200 bars") })
    }

    @Test("NaN and inverted bars are skipped and counted")
    func badBarsSkipped() throws {
        var s = D.flat("X", 10)
        s.close[3] = .nan
        s.high[5] = 5  // below the low
        let r = try BacktestEngine.run(D.request(D.signalStrategy(), [s], external: ["X": [
            "insider_buy_count_30d": D.pulses(10, at: [0]), "insider_sell_count_30d": D.pulses(10, at: [])]]))
        #expect(r.assumptions.skippedBars == 2)
        #expect(r.equityCurve.count == 8)
        #expect(r.warnings.contains { $0.hasPrefix("2 bars with missing") })
    }

    @Test("days a ticker lacks are reported, and its position is marked at its last close")
    func missingDaysReported() throws {
        let a = D.flat("A", 10)
        var b = a.slice(to: a.days[3])  // B stops after bar 3
        b.ticker = "B"
        var bGap = D.flat("B", 10)
        bGap = PriceSeries(ticker: "C", days: Array(bGap.days[0..<2] + bGap.days[4...]), open: Array(repeating: 10, count: 8),
                           high: Array(repeating: 10, count: 8), low: Array(repeating: 10, count: 8),
                           close: Array(repeating: 10, count: 8), volume: Array(repeating: 1, count: 8))
        let strategy = TradingStrategy(name: "never", entryConditions: [Condition(field: "close", operator: .gt, value: .number(1e9))])
        let r = try BacktestEngine.run(D.request(strategy, [a, b, bGap]))
        #expect(r.warnings.contains { $0.hasPrefix("2 missing bars skipped in 1 ticker (C);") }, "\(r.warnings)")
        #expect(!r.warnings.contains { $0.contains("the data lacks") }, "one ticker of three missing a day is a gap, not a hole")
        #expect(r.warnings.contains { $0.contains("halted or delisted") && $0.contains("B after 2024-01-04") }, "\(r.warnings)")
    }

    @Test("a day most tickers lack is named as a hole in the data, apart from one ticker's gaps")
    func holesInTheData() throws {
        let full = D.flat("A", 10)
        func without(_ ticker: String, _ dropped: Set<Int>) -> PriceSeries {
            let kept = full.days.indices.filter { !dropped.contains($0) }
            let ones = Array(repeating: 10.0, count: kept.count)
            return PriceSeries(ticker: ticker, days: kept.map { full.days[$0] }, open: ones, high: ones, low: ones,
                               close: ones, volume: Array(repeating: 1, count: kept.count))
        }
        // Day 4 is missing for B, C and D (a hole in the data); day 6 only for D (a gap of its own).
        let series = [full, without("B", [4]), without("C", [4]), without("D", [4, 6])]
        let strategy = TradingStrategy(name: "never", entryConditions: [Condition(field: "close", operator: .gt, value: .number(1e9))])
        let r = try BacktestEngine.run(D.request(strategy, series))
        let warning = try #require(r.warnings.first { $0.contains("missing bars") }, "\(r.warnings)")
        #expect(warning.hasPrefix("4 missing bars skipped in 3 tickers (B, C, D); the data lacks 1 trading day for most tickers (\(full.days[4]));"),
                "\(warning)")
    }

    @Test("a benchmark that stops before the tested days do is not carried flat to the end")
    func staleBenchmark() throws {
        let stock = D.flat("A", 60)
        let strategy = TradingStrategy(name: "never", entryConditions: [Condition(field: "close", operator: .gt, value: .number(1e9))])
        var benchmark = D.flat("^IDX", 60)
        benchmark.ticker = "^IDX"
        // The whole benchmark: reported.
        let full = try BacktestEngine.run(D.request(strategy, [stock], benchmark: benchmark))
        #expect(full.benchmarkReturnPct != nil && full.benchmarkCurve.count == full.equityCurve.count)
        // Ending two days early (a holiday or two): still reported, the last level carried over those days.
        let nearEnd = try BacktestEngine.run(D.request(strategy, [stock], benchmark: benchmark.slice(to: stock.days[57])))
        #expect(nearEnd.benchmarkReturnPct != nil, "\(nearEnd.warnings)")
        // Ending halfway: not reported, and the warning says where it ends.
        let half = benchmark.slice(to: stock.days[29])
        let stale = try BacktestEngine.run(D.request(strategy, [stock], benchmark: half))
        #expect(stale.benchmarkReturnPct == nil && stale.benchmarkCurve.isEmpty)
        #expect(stale.warnings.contains("benchmark ^IDX ends on \(stock.days[29]), before the tested days do (\(stock.days[59])), so benchmark return, alpha and beta are not reported"),
                "\(stale.warnings)")
    }

    @Test("the same request gives the same bytes")
    func deterministic() throws {
        let request = Self.universeRequest(D.universe(tickers: 40, bars: 1200, seed: 7))
        let a = try StrategyJSON.encodeString(BacktestEngine.run(request))
        let b = try StrategyJSON.encodeString(BacktestEngine.run(request))
        #expect(a == b)
        let shuffled = BacktestRequest(
            strategy: request.strategy, series: request.series.reversed(), start: request.start, end: request.end,
            initialCapital: request.initialCapital, commissionPct: request.commissionPct, slippageBps: request.slippageBps,
            dataLabel: request.dataLabel, universeLabel: request.universeLabel)
        #expect(try StrategyJSON.encodeString(BacktestEngine.run(shuffled)) == a, "ticker order in the input does not matter")
        #expect(try BacktestEngine.run(request).totalTrades > 10, "the workload trades, so the comparison means something")
    }

    @Test("shuffling the bars after day t changes no decision up to t")
    func noLookAhead() throws {
        let universe = D.universe(tickers: 40, bars: 1200, seed: 11)
        let cut = 900
        var rng = SplitMix64(seed: 99)
        let future = universe.map { s -> PriceSeries in
            var order = Array((cut + 1)..<s.count)
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            var t = s
            for (k, j) in zip((cut + 1)..<s.count, order) {
                t.open[k] = s.open[j]; t.high[k] = s.high[j]; t.low[k] = s.low[j]; t.close[k] = s.close[j]; t.volume[k] = s.volume[j]
            }
            return t
        }
        let a = try BacktestEngine.run(Self.universeRequest(universe))
        let b = try BacktestEngine.run(Self.universeRequest(future))
        let t = universe[0].days[cut]
        #expect(a.equityCurve.filter { $0.date <= t } == b.equityCurve.filter { $0.date <= t })
        #expect(a.trades.filter { $0.exitDate <= t } == b.trades.filter { $0.exitDate <= t })
        #expect(a.trades.filter { $0.exitDate <= t }.count > 5)
        #expect(a.equityCurve.last != b.equityCurve.last, "the future did change, so the test can tell")
    }

    @Test("progress runs to the total, and cancelling stops with an error")
    func progressAndCancel() throws {
        let request = Self.universeRequest(D.universe(tickers: 5, bars: 400, seed: 3))
        var seen: [(Int, Int)] = []
        _ = try BacktestEngine.run(request, progress: { seen.append(($0, $1)) })
        #expect(seen.count > 10)
        #expect(seen.last.map { $0.0 == $0.1 } == true)
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.0 < $1.0 })
        var polls = 0
        #expect(throws: BacktestError.cancelled) {
            _ = try BacktestEngine.run(request, shouldCancel: { polls += 1; return polls > 8 })
        }
    }

    @Test("bad input is an error that says how to fix it")
    func badInput() throws {
        let s = D.flat("X", 5)
        var r = D.request(D.signalStrategy(), [s])
        r.strategy.entryConditions[0].field = "rsi_fourteen"
        #expect(throws: BacktestError.unknownField("rsi_fourteen")) { try BacktestEngine.run(r) }
        var empty = D.request(D.signalStrategy(), [s])
        empty.start = s.days[4]; empty.end = s.days[0]
        #expect(throws: BacktestError.emptyDateRange(start: s.days[4], end: s.days[0])) { try BacktestEngine.run(empty) }
        var none = D.request(D.signalStrategy(), [s])
        none.start = Day(year: 2030, month: 1, day: 1)!; none.end = Day(year: 2030, month: 2, day: 1)!
        #expect(throws: BacktestError.self) { try BacktestEngine.run(none) }
        #expect(BacktestError.cancelled.errorDescription?.contains("run it again") == true)
    }
}
