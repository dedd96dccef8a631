import AgentLoop
import Foundation
import Store
import StrategyCore
import Testing
@testable import Tools

@Suite("compare_strategies ranks by live results, then last backtest, then name")
struct CompareToolTests {
    func strategy(_ name: String, in fixture: ToolFixture) throws -> TradingStrategy {
        var s = Samples.rsiDip
        s.name = name
        return try fixture.add(s)
    }

    func performance(_ s: TradingStrategy, actual: (trades: Int, wins: Int, pct: Double)? = nil, hypothetical: (trades: Int, wins: Int, pct: Double)) -> StrategyPerformance {
        StrategyPerformance(
            strategyId: s.id!, userId: ToolFixture.user, signalsGenerated: hypothetical.trades,
            actualTrades: actual?.trades ?? 0, actualWins: actual?.wins ?? 0, actualReturnPct: actual?.pct ?? 0,
            hypotheticalTrades: hypothetical.trades, hypotheticalWins: hypothetical.wins, hypotheticalReturnPct: hypothetical.pct,
            createdAt: ToolFixture.clock, updatedAt: ToolFixture.clock)
    }

    @Test("actual return beats hypothetical when there are actual trades; no record ranks last; ties by backtest then name")
    func ordersAsStated() async throws {
        let fixture = try ToolFixture()
        let hypothetical = try strategy("Hypothetical 9", in: fixture)
        let actual = try strategy("Actual 4", in: fixture)
        let zebra = try strategy("Zebra", in: fixture)
        let alpha = try strategy("alpha", in: fixture)
        let tested = try strategy("Tested", in: fixture)
        // Actual 4% ranks on its actual figure even though its hypothetical is higher than 9%.
        try fixture.store.savePerformance(performance(actual, actual: (2, 1, 4), hypothetical: (5, 4, 20)))
        try fixture.store.savePerformance(performance(hypothetical, hypothetical: (3, 2, 9)))
        _ = try await fixture.call("backtest_strategy", ["strategy_id": .string(tested.id!), "tickers": ["AAPL", "IBM"]])

        let output = try await fixture.call("compare_strategies", [:])
        let names = try #require(output.json["strategies"]?.arrayValue).compactMap { $0["name"]?.stringValue }
        #expect(names == ["Hypothetical 9", "Actual 4", "Tested", "alpha", "Zebra"])
        #expect(output.json["timeframe"]?.stringValue == "all")
        let rows = try #require(output.json["strategies"]?.arrayValue)
        #expect(rows[1]["win_rate"]?.numberValue == 50)
        #expect(rows[1]["actual_return_pct"]?.numberValue == 4)
        #expect(rows[0]["actual_return_pct"] == .null)
        #expect(output.display?.contains("ties by last backtest return, then name") == true)
        #expect(output.json["insight"]?.stringValue?.contains("Hypothetical 9") == true)
        _ = (zebra, alpha)
    }

    @Test("the window counts signals back from the data's last day, not the clock")
    func windowFromDataEnd() async throws {
        let fixture = try ToolFixture()
        let s = try strategy("Signals", in: fixture)
        _ = try await fixture.call("get_strategy_signals", ["strategy_id": .string(s.id!)])
        let stored = try fixture.store.signals(strategyId: s.id!, user: ToolFixture.user).count
        let week = try await fixture.call("compare_strategies", ["timeframe": "7d"])
        #expect(week.json["strategies"]?.arrayValue?.first?["signals"]?.numberValue == Double(stored))
        #expect(week.json["window"]?.stringValue?.contains("2010-08-14 to 2010-08-20") == true)
    }

    @Test("an unknown timeframe is refused with the valid ones")
    func badTimeframe() async throws {
        let fixture = try ToolFixture()
        let output = try await fixture.call("compare_strategies", ["timeframe": "2w"])
        #expect(output.isError)
        #expect(output.modelContent.contains("7d, 30d, 90d, 1y or all"))
    }

    @Test("with no strategies the board says so")
    func empty() async throws {
        let fixture = try ToolFixture()
        let output = try await fixture.call("compare_strategies", ["timeframe": "90d"])
        #expect(!output.isError)
        #expect(output.json["strategies"] == [])
        #expect(output.display?.hasPrefix("No strategies yet") == true)
    }
}
