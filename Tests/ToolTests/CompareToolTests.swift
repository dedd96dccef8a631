import AgentLoop
import Foundation
import Store
import StrategyCore
import Testing
@testable import Tools

@Suite("compare_strategies ranks by live results, then last backtest, then name")
struct CompareToolTests {
    func strategy(_ name: String, in fixture: ToolFixture) throws -> StoredStrategy {
        var s = Samples.rsiDip
        s.name = name
        return try fixture.add(s)
    }

    /// Stores an entry signal on `day` whose hypothetical trade closed with `hypothetical` percent, and, with
    /// `actual`, that the person took it at 100 and closed it at 100 × (1 + actual / 100).
    func trade(_ s: StoredStrategy, _ ticker: String, day: String = "2010-08-02", hypothetical: Double, actual: Double? = nil,
               in fixture: ToolFixture) throws {
        let signal = StrategySignal(
            strategyId: s.id, ticker: ticker, signalType: .entry, signalDate: Day(iso: day)!, generatedAt: ToolFixture.clock,
            priceAtSignal: 100, confidenceScore: 60, reasoning: "test")
        let stored = try fixture.store.upsertSignal(signal, user: ToolFixture.user).0
        let outcome = HypotheticalOutcome(
            status: .closed, asOf: Day(iso: "2010-08-20")!, entryDate: Day(iso: day)!.adding(days: 1), entryPrice: 100,
            exitDate: Day(iso: "2010-08-10")!, exitPrice: 100 + hypothetical, exitReason: .signal, returnPct: hypothetical)
        try fixture.store.updateOutcome(signalId: stored.signalId!, user: ToolFixture.user, outcome: ["hypothetical": outcome.json])
        if let actual {
            _ = try fixture.store.recordAction(signalId: stored.signalId!, user: ToolFixture.user, action: .acted, price: 100)
            _ = try fixture.store.recordAction(signalId: stored.signalId!, user: ToolFixture.user, action: .closed, price: 100 + actual)
        }
    }

    @Test("actual return beats hypothetical when there are actual trades; no record ranks last; ties by backtest then name")
    func ordersAsStated() async throws {
        let fixture = try ToolFixture()
        let hypothetical = try strategy("Hypothetical 9", in: fixture)
        let actual = try strategy("Actual 4", in: fixture)
        let zebra = try strategy("Zebra", in: fixture)
        let alpha = try strategy("alpha", in: fixture)
        let tested = try strategy("Tested", in: fixture)
        // Actual 4% (+6 and −2) ranks on its actual figure even though its hypothetical 20% is higher than 9%.
        try trade(actual, "AAPL", hypothetical: 12, actual: 6, in: fixture)
        try trade(actual, "IBM", hypothetical: 8, actual: -2, in: fixture)
        try trade(hypothetical, "AAPL", hypothetical: 5, in: fixture)
        try trade(hypothetical, "IBM", hypothetical: 6, in: fixture)
        try trade(hypothetical, "XOM", hypothetical: -2, in: fixture)
        _ = try await fixture.call("backtest_strategy", ["strategy_id": .string(tested.id), "tickers": ["AAPL", "IBM"]])

        let output = try await fixture.call("compare_strategies", [:])
        let names = try #require(output.json["strategies"]?.arrayValue).compactMap { $0["name"]?.stringValue }
        #expect(names == ["Hypothetical 9", "Actual 4", "Tested", "alpha", "Zebra"])
        #expect(output.json["timeframe"]?.stringValue == "all")
        let rows = try #require(output.json["strategies"]?.arrayValue)
        #expect(rows[1]["win_rate"]?.numberValue == 50)
        #expect(rows[1]["actual_return_pct"]?.numberValue == 4)
        #expect(rows[0]["actual_return_pct"] == .null)
        #expect(rows[0]["hypothetical_return_pct"]?.numberValue == 9)
        #expect(output.display?.contains("then higher last backtest return, then name") == true)
        #expect(output.json["insight"]?.stringValue?.contains("Hypothetical 9") == true)
        _ = (zebra, alpha)
    }

    @Test("the window counts signals back from the data's last day, not the clock")
    func windowFromDataEnd() async throws {
        let fixture = try ToolFixture()
        let s = try strategy("Signals", in: fixture)
        _ = try await fixture.call("get_strategy_signals", ["strategy_id": .string(s.id)])
        let stored = try fixture.store.signals(strategyId: s.id, user: ToolFixture.user).count
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
