import Foundation
import StrategyCore
import Testing

@Suite("Evaluating conditions on the latest bar")
struct LatestBarEvaluationTests {
    /// Five bars with closes 10, 11, 12, 13, 12 (open = low = close − 0.5, high = close + 0.5).
    static func series(_ ticker: String = "TEST", closes: [Double] = [10, 11, 12, 13, 12]) -> PriceSeries {
        var s = PriceSeries(ticker: ticker)
        for (k, c) in closes.enumerated() {
            s.append(day: Day(iso: "2024-01-01")!.adding(days: k), open: c - 0.5, high: c + 0.5, low: c - 0.5, close: c, volume: 1_000)
        }
        return s
    }

    @Test("values, references, met flags and strengths are those of the last bar, computed by hand")
    func handComputed() throws {
        let strategy = TradingStrategy(
            name: "t",
            entryConditions: [
                Condition(field: "close", operator: .gt, value: .number(11.5)),
                Condition(field: "close", operator: .gt, value: .field(FieldReference(field: "sma_3"))),
            ],
            entryLogic: .or,
            exitConditions: [Condition(field: "close", operator: .crossesBelow, value: .number(12.5))])
        let result = try #require(try BacktestEngine.evaluateLatestBar(strategy: strategy, series: [Self.series()]).first)
        #expect(result.day == Day(iso: "2024-01-05"))
        #expect(result.close == 12)
        // close 12 > 11.5: margin 0.5, prices' usual range is 10% of the compared value → 0.5 / 1.15.
        #expect(result.entry[0].met)
        #expect(abs(result.entry[0].strength - 0.5 / 1.15) < 1e-12)
        // SMA(3) of 12, 13, 12 is 37/3 = 12.333…, above the close: not met, strength 0.
        #expect(!result.entry[1].met)
        #expect(abs((result.entry[1].reference ?? 0) - 37.0 / 3) < 1e-12)
        #expect(result.entry[1].strength == 0)
        #expect(result.entryMet)  // OR: one is enough
        // 13 → 12 crosses below 12.5.
        #expect(result.exitMet)
        #expect(abs((result.snapshot["sma_3"] ?? 0) - 37.0 / 3) < 1e-12)
    }

    @Test("asOf evaluates the last bar on or before that day; a field in warm-up has no value and is not met")
    func asOfAndWarmUp() throws {
        let strategy = TradingStrategy(name: "t", entryConditions: [Condition(field: "sma_3", operator: .gt, value: .number(0))],
                                       exitConditions: [Condition(field: "close", operator: .lt, value: .number(0))])
        let early = try #require(try BacktestEngine.evaluateLatestBar(strategy: strategy, series: [Self.series()], asOf: Day(iso: "2024-01-02")).first)
        #expect(early.day == Day(iso: "2024-01-02"))
        #expect(early.entry[0].value == nil)
        #expect(!early.entryMet)
        let none = try BacktestEngine.evaluateLatestBar(strategy: strategy, series: [Self.series()], asOf: Day(iso: "2023-12-01"))
        #expect(none.isEmpty)
    }
}
