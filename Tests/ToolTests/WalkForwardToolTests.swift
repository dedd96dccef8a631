import AgentLoop
import Foundation
import StrategyCore
import Testing
@testable import Tools

@Suite("optimize_strategy walks forward when asked")
struct WalkForwardToolTests {
    static func arguments(_ id: String, train: Int, test: Int) -> AgentJSON {
        [
            "strategy_id": .string(id), "grid": ["risk_parameters.stop_loss_pct=4,8"], "tickers": ["MSFT"],
            "start_date": "2010-01-04", "end_date": "2015-12-31",
            "walk_forward": ["train_months": .number(Double(train)), "test_months": .number(Double(test))],
        ]
    }

    @Test("rolling windows follow each other, each test after its train, with a pick per window and the stitched return")
    func windows() async throws {
        let fixture = try ToolFixture()
        let id = try fixture.add().id
        let output = try await fixture.call(ToolName.optimizeStrategy.rawValue, Self.arguments(id, train: 24, test: 12))
        #expect(!output.isError, "\(output.modelContent)")
        let result = try #require(ToolName.optimizeStrategy.decode(OptimizeResult.self, from: output.modelContent))
        let walk = try #require(result.walkForward)
        #expect(walk.trainMonths == 24 && walk.testMonths == 12 && !walk.anchored)
        // 2010-01-04 + 24 months, then a window a year: tests start 2012-01-04, 2013-01-04, 2014-01-04, 2015-01-04.
        #expect(walk.windows.map(\.testStart) == ["2012-01-04", "2013-01-04", "2014-01-04", "2015-01-04"])
        for w in walk.windows {
            #expect(w.trainEnd < w.testStart && w.testStart <= w.testEnd)
            #expect(w.params.keys.sorted() == ["risk_parameters.stop_loss_pct"])
            #expect([4.0, 8.0].contains(w.params["risk_parameters.stop_loss_pct"] ?? 0))
        }
        // The stitched return is the test windows' returns chained.
        let chained = (walk.windows.reduce(1.0) { $0 * (1 + ($1.outOfSampleReturnPct ?? 0) / 100) } - 1) * 100
        #expect(abs(chained - (walk.outOfSampleReturnPct ?? .nan)) < 0.05 * Double(walk.windows.count), "\(chained)")
        #expect(output.display?.contains("Walk-forward: rolling 24 months train, 12 months test, 4 windows") == true)
    }

    @Test("a train window shorter than the longest look-back says to train over more")
    func trainTooShort() async throws {
        let fixture = try ToolFixture()
        var strategy = Samples.rsiDip
        strategy.entryConditions.append(Condition(field: "close", operator: .gt, value: .field(FieldReference(field: "sma_200"))))
        let id = try fixture.add(strategy).id
        let output = try await fixture.call(ToolName.optimizeStrategy.rawValue, Self.arguments(id, train: 3, test: 3))
        #expect(output.isError)
        #expect(output.modelContent.contains("shorter than the longest indicator's look-back"), "\(output.modelContent)")
        #expect(output.modelContent.contains("train over more"))
    }
}
