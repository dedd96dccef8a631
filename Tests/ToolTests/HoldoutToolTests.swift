import AgentLoop
import Foundation
import MarketData
import Store
import StrategyCore
import Testing
@testable import Tools

@Suite("A hold-out keeps the last data out of backtests and sweeps until it is opened, and counts every opening")
struct HoldoutToolTests {
    static let tool = ToolName.analyzeStrategyRobustness.rawValue

    static func arguments(_ id: String, _ extra: [String: AgentJSON]) -> AgentJSON {
        var call: [String: AgentJSON] = ["strategy_id": .string(id), "tickers": ["MSFT"], "runs": 200]
        for (k, v) in extra { call[k] = v }
        return .object(call)
    }

    @Test("30% is reserved from the right day; backtests and sweeps stop before it; each opening tests only it and is counted")
    func reserveBacktestOpen() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add()
        let id = strategy.id
        let span: [String: AgentJSON] = ["start_date": "2012-01-03", "end_date": "2017-06-30"]
        let reserved = try await fixture.call(Self.tool, Self.arguments(id, span.merging(["holdout": "30%"]) { a, _ in a }))
        #expect(!reserved.isError, "\(reserved.modelContent)")
        let result = try #require(ToolName.analyzeStrategyRobustness.decode(RobustnessResult.self, from: reserved.modelContent))
        let holdout = try #require(result.holdout)
        // Worked out here from MSFT's own trading days over the asked-for span: the last ⌈30%⌉ of them.
        let bars = try #require(try await MarketData.offline().bars(for: MarketData.offline().resolve(universe: "MSFT")).first)
        let days = bars.days.filter { $0.iso >= "2012-01-03" && $0.iso <= "2017-06-30" }
        let first = days[days.count - Int((Double(days.count) * 0.3).rounded(.up))]
        #expect(holdout.startDate == first.iso && holdout.spec == "30%" && holdout.openings == 0 && !holdout.opened)
        #expect(result.run.endDate == first.adding(days: -1).iso || result.run.endDate < first.iso)
        #expect(result.run.endDate < holdout.startDate)

        let backtest = try await fixture.call(ToolName.backtestStrategy.rawValue, Self.arguments(id, span))
        #expect(backtest.json["end_date"]?.stringValue.map { $0 < first.iso } == true)
        #expect(backtest.json["range_notes"]?.arrayValue?.contains { $0.stringValue?.contains("hold-out from \(first.iso)") == true } == true)
        let latest = try #require(try fixture.store.latestBacktest(strategyId: id, user: ToolFixture.user))

        let sweep = try await fixture.call(ToolName.optimizeStrategy.rawValue, .object([
            "strategy_id": .string(id), "tickers": ["MSFT"], "grid": ["risk_parameters.stop_loss_pct=4,8"],
        ]))
        #expect(!sweep.isError, "\(sweep.modelContent)")
        #expect(sweep.json["end_date"]?.stringValue.map { $0 < first.iso } == true)

        let opened = try await fixture.call(Self.tool, Self.arguments(id, ["open_holdout": true]))
        #expect(!opened.isError, "\(opened.modelContent)")
        let look = try #require(ToolName.analyzeStrategyRobustness.decode(RobustnessResult.self, from: opened.modelContent))
        #expect(look.run.startDate == first.iso && look.holdout?.opened == true && look.holdout?.openings == 1)
        #expect(try fixture.store.latestBacktest(strategyId: id, user: ToolFixture.user)?.backtestId == latest.backtestId,
                "an opening is not kept as the latest backtest")
        let again = try await fixture.call(Self.tool, Self.arguments(id, ["open_holdout": true]))
        let second = try #require(ToolName.analyzeStrategyRobustness.decode(RobustnessResult.self, from: again.modelContent))
        #expect(second.holdout?.openings == 2 && second.holdout?.looks.count == 2)
        #expect(again.display?.contains("opened 2 times") == true)
        #expect(second.note.contains("look 2; earlier looks make it a weaker test"))
    }

    @Test("an opening runs to the end the strategy's default test has, not to the longest ticker's last day")
    func openingEndsWithTheDataSet() async throws {
        let fixture = try ToolFixture()
        let id = try fixture.add().id
        let plain = try await fixture.call(ToolName.backtestStrategy.rawValue, ["strategy_id": .string(id)])
        let end = try #require(plain.json["end_date"]?.stringValue)
        _ = try await fixture.call(Self.tool, ["strategy_id": .string(id), "holdout": "30%", "runs": 200])
        let opened = try await fixture.call(Self.tool, ["strategy_id": .string(id), "open_holdout": true, "runs": 200])
        #expect(!opened.isError, "\(opened.modelContent)")
        #expect(opened.json["end_date"]?.stringValue == end)
        #expect(opened.json["start_date"]?.stringValue == opened.json["holdout"]?["start_date"]?.stringValue)
    }

    @Test("a hold-out bigger than the data, a start inside it, or opening none each say what to change")
    func badInput() async throws {
        let fixture = try ToolFixture()
        let id = try fixture.add().id
        let whole = try await fixture.call(Self.tool, Self.arguments(id, ["holdout": "100%"]))
        #expect(whole.isError && whole.modelContent.contains("reserve less, e.g. holdout 30%"), "\(whole.modelContent)")
        let none = try await fixture.call(Self.tool, Self.arguments(id, ["open_holdout": true]))
        #expect(none.isError && none.modelContent.contains("Reserve one first"), "\(none.modelContent)")
        let nonsense = try await fixture.call(Self.tool, Self.arguments(id, ["holdout": "most of it"]))
        #expect(nonsense.isError && nonsense.modelContent.contains("30%"), "\(nonsense.modelContent)")
        _ = try await fixture.call(Self.tool, Self.arguments(id, ["holdout": "2016-01-04", "start_date": "2012-01-03"]))
        let inside = try await fixture.call(ToolName.backtestStrategy.rawValue, Self.arguments(id, ["start_date": "2016-06-01"]))
        #expect(inside.isError && inside.modelContent.contains("lies in the hold-out reserved from 2016-01-04"), "\(inside.modelContent)")
    }
}
