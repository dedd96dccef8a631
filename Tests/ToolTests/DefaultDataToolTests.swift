import AgentLoop
import Foundation
import MarketData
import StrategyCore
import Testing
@testable import Tools

@Suite("With no universe and no dates, the backtest tool uses the data that can test the strategy")
struct DefaultDataToolTests {
    static let goldenCross = TradingStrategy(
        name: "Golden cross",
        entryConditions: [Condition(field: "sma_50", operator: .crossesAbove, value: .field(FieldReference(field: "sma_200")))],
        exitConditions: [Condition(field: "sma_50", operator: .crossesBelow, value: .field(FieldReference(field: "sma_200")))],
        riskParameters: RiskParameters(stopLossPct: 8, takeProfitPct: nil, maxHoldDays: nil, positionSizePct: 10))

    @Test("a 200-day strategy runs on the long history, says why, benchmarks against the S&P 500 through 2022 and states the close-only rule")
    func longLookback() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add(Self.goldenCross)
        let output = try await fixture.call("backtest_strategy", ["strategy_id": .string(strategy.id)])
        let notes = output.json["range_notes"]
        let display = try #require(output.display)
        #expect(display.contains("note: sma_200 needs 200 days of history before the first trade"))
        #expect(display.contains("so using the 26-ticker long history, 1990-10-19 … 2022-12-28"))
        // The days a typical member has, not the longest stitched history: in the source file
        // (SP500-members_2009-2010_bytetheory.csv) 379 of the 524 symbols have 245 rows, and 245 is the median.
        #expect(display.contains("the 524-stock 2009-2010 cross-section has only 245 days"), "\(display)")
        #expect(notes != .null)
        let result = try #require(try fixture.store.backtests(strategyId: strategy.id, user: ToolFixture.user).first)
        #expect(result.startDate >= Day(year: 1990, month: 10, day: 19)! && result.endDate == Day(year: 2022, month: 12, day: 28)!)
        #expect(result.benchmarkReturnPct != nil)
        #expect(result.assumptions.data.contains(BacktestEngine.closeOnlyRule))
        let html = HTMLReport.render(strategy: strategy, backtest: result, generatedAt: ToolFixture.clock)
        #expect(html.contains("close-only prices for") && html.contains(BacktestEngine.closeOnlyRule))
    }

    @Test("a 14-day RSI fits the cross-section, which stays the default, and the line says so")
    func shortLookback() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add(Samples.rsiDip)
        let output = try await fixture.call("backtest_strategy", ["strategy_id": .string(strategy.id)])
        #expect(output.display?.contains("using the 524-stock 2009-2010 cross-section (2009-08-21 … 2010-08-20)") == true)
        // The reason is the one note about the set and period: none repeats the dates or speaks of tickers outside it.
        let notes = try #require(output.json["range_notes"]?.arrayValue).compactMap(\.stringValue)
        #expect(notes.count == 1, "\(notes)")
        #expect(!notes.contains { $0.contains("no end_date") || $0.contains("no start_date") || $0.contains("run to") }, "\(notes)")
        let result = try #require(try fixture.store.backtests(strategyId: strategy.id, user: ToolFixture.user).first)
        #expect(result.startDate == Day(year: 2009, month: 8, day: 21)! && result.endDate == Day(year: 2010, month: 8, day: 20)!)
    }

    @Test("naming a universe or a date turns the choice off")
    func explicitWins() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add(Self.goldenCross)
        let output = try await fixture.call("backtest_strategy", ["strategy_id": .string(strategy.id), "universe": "sample"])
        #expect(output.display?.contains("long history") == false)
    }

    @Test("a test before 1999 on a cross-section ticker is benchmarked on the long history's S&P 500, which covers it")
    func benchmarkCoversThePeriod() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add(Samples.rsiDip)
        _ = try await fixture.call("backtest_strategy", ["strategy_id": .string(strategy.id), "universe": "MSFT",
                                                         "start_date": "1995-01-03", "end_date": "1998-12-31"])
        let result = try #require(try fixture.store.backtests(strategyId: strategy.id, user: ToolFixture.user).first)
        #expect(!result.warnings.contains { $0.contains("benchmark") }, "\(result.warnings)")
        // The cross-section's ^GSPC starts in 1999; the long history's (skfolio closes before 1999) covers these days.
        let index = try #require(try EmbeddedDataSet.shared(.longHistory).series["^GSPC"])
        let (first, last) = (try #require(result.equityCurve.first?.date), try #require(result.equityCurve.last?.date))
        let expected = (index.close[index.firstIndex(onOrAfter: last)] / index.close[index.firstIndex(onOrAfter: first)] - 1) * 100
        #expect(first == Day(year: 1995, month: 1, day: 3)! && last == Day(year: 1998, month: 12, day: 31)!)
        #expect(abs(try #require(result.benchmarkReturnPct) - expected) < 1e-9)
    }

    @Test("^GSPC typed alone is the longest history of the index, 1990-2022, as the long history's benchmark is")
    func indexAlone() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add(Samples.rsiDip)
        _ = try await fixture.call("backtest_strategy", ["strategy_id": .string(strategy.id), "universe": "^GSPC"])
        let result = try #require(try fixture.store.backtests(strategyId: strategy.id, user: ToolFixture.user).first)
        // With no dates, the last two years of the data: the long history's index runs to 2022-12-28.
        #expect(result.endDate == Day(year: 2022, month: 12, day: 28)!)
        #expect(result.assumptions.data.contains(EmbeddedSource.longHistoryName), "\(result.assumptions.data)")
    }
}
