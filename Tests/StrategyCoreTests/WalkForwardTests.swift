import Foundation
import Testing
@testable import StrategyCore

@Suite("Walk-forward: train windows choose, test windows trade, and no test price reaches its train step")
struct WalkForwardTests {
    static let grid = try! ParameterGrid(axes: [
        .init(path: "entry_conditions.0.value", values: [25, 35]),
        .init(path: "risk_parameters.stop_loss_pct", values: [3, 9]),
    ])

    /// 6 tickers × 900 weekdays from 2000-01-03 (a seeded random walk).
    static func request(_ series: [PriceSeries]) -> BacktestRequest {
        EngineTestData.request(ParameterSweepTests.base, series, capital: 100_000, slippage: 5)
    }

    @Test("rolling windows move on by the test length; anchored ones keep their start")
    func windows() {
        let start = Day(iso: "2000-01-03")!, end = Day(iso: "2003-06-30")!
        let rolling = WalkForward.windows(start: start, end: end, options: .init(trainMonths: 24, testMonths: 6))
        #expect(rolling.map(\.trainStart.iso) == ["2000-01-03", "2000-07-03", "2001-01-03"])
        #expect(rolling.map(\.testStart.iso) == ["2002-01-03", "2002-07-03", "2003-01-03"])
        #expect(rolling.map(\.trainEnd.iso) == ["2002-01-02", "2002-07-02", "2003-01-02"])
        #expect(rolling.last?.testEnd.iso == "2003-06-30")
        let anchored = WalkForward.windows(start: start, end: end, options: .init(trainMonths: 24, testMonths: 6, anchored: true))
        #expect(anchored.allSatisfy { $0.trainStart == start })
    }

    @Test("test-window prices poisoned with NaN change nothing in the train step before them")
    func poisonedTestWindow() throws {
        let clean = EngineTestData.universe(tickers: 6, bars: 900, seed: 11)
        let options = WalkForward.Options(trainMonths: 18, testMonths: 6)
        let plan = WalkForward.windows(start: clean[0].days[0], end: clean[0].days[clean[0].count - 1], options: options)
        let first = try #require(plan.first)
        // Half the tickers' prices in the first test window are NaN (the other half keep the window trading).
        let poisoned = clean.enumerated().map { k, s -> PriceSeries in
            var p = PriceSeries(ticker: s.ticker)
            for i in 0..<s.count {
                let bad = k % 2 == 0 && s.days[i] > first.trainEnd && s.days[i] <= first.testEnd
                p.append(day: s.days[i], open: bad ? .nan : s.open[i], high: bad ? .nan : s.high[i], low: bad ? .nan : s.low[i],
                         close: bad ? .nan : s.close[i], volume: s.volume[i])
            }
            return p
        }
        let before = try WalkForward.train(Self.request(clean), grid: Self.grid, from: first.trainStart, to: first.trainEnd, objective: .sharpe)
        let after = try WalkForward.train(Self.request(poisoned), grid: Self.grid, from: first.trainStart, to: first.trainEnd, objective: .sharpe)
        #expect(after.best == before.best)
        #expect(after.variants == before.variants)
        // The whole walk-forward on the poisoned data still makes the first fold's choice as on clean data.
        let cleanRun = try WalkForward.run(Self.request(clean), grid: Self.grid, options: options)
        let poisonedRun = try WalkForward.run(Self.request(poisoned), grid: Self.grid, options: options)
        #expect(poisonedRun.windows.first?.chosen == cleanRun.windows.first?.chosen)
        #expect(poisonedRun.windows.first?.inSample == cleanRun.windows.first?.inSample)
        // And the poison did reach the test step: its bars were skipped there.
        #expect(poisonedRun.windows.first?.outOfSample != cleanRun.windows.first?.outOfSample)
    }

    @Test("each test window trades the train window's best variant from the equity the last one left")
    func stitched() throws {
        let series = EngineTestData.universe(tickers: 6, bars: 900, seed: 11)
        let result = try WalkForward.run(Self.request(series), grid: Self.grid, options: .init(trainMonths: 18, testMonths: 6))
        #expect(result.windows.count >= 3)
        var capital = 100_000.0
        for w in result.windows {
            let sweep = try WalkForward.train(Self.request(series), grid: Self.grid, from: w.trainStart, to: w.trainEnd, objective: .sharpe)
            #expect(w.chosen == sweep.best)
            var test = Self.request(series)
            test.strategy = try Self.grid.strategy(ParameterSweepTests.base, variant: w.chosen)
            test.start = w.testStart
            test.end = w.testEnd
            test.initialCapital = capital
            let single = try BacktestEngine.run(test)
            #expect(single.metrics == w.outOfSample)
            capital = single.equityCurve.last!.equity
        }
        #expect(abs(result.outOfSampleReturnPct - (capital / 100_000 - 1) * 100) < 1e-9)
        #expect(result.equity.count == result.windows.reduce(0) { $0 + $1.outOfSampleDays })
    }

    @Test("a train window shorter than the longest look-back is refused with what to change")
    func trainTooShort() throws {
        var strategy = ParameterSweepTests.base
        strategy.entryConditions.append(Condition(field: "close", operator: .gt, value: .field(FieldReference(field: "sma_200"))))
        let series = EngineTestData.universe(tickers: 2, bars: 900, seed: 11)
        let request = EngineTestData.request(strategy, series, capital: 100_000)
        let error = #expect(throws: SweepError.self) {
            try WalkForward.run(request, grid: Self.grid, options: .init(trainMonths: 6, testMonths: 3))
        }
        #expect(error?.errorDescription?.contains("look-back (199 days)") == true)
    }
}
