import AgentLoop
import Foundation
import Store
import StrategyCore
import Testing
@testable import Tools

@Suite("The HTML report's robustness section")
struct ReportRobustnessTests {
    @Test("trial count, deflated Sharpe, the Monte Carlo table and fan chart, and every hold-out opening")
    func section() async throws {
        let fixture = try ToolFixture()
        let id = try fixture.add().id
        let span: [String: AgentJSON] = ["strategy_id": .string(id), "tickers": ["MSFT"], "start_date": "2012-01-03", "end_date": "2017-06-30"]
        _ = try await fixture.call(ToolName.optimizeStrategy.rawValue, .object(span.merging(["grid": ["risk_parameters.stop_loss_pct=4,8,12"]]) { a, _ in a }))
        _ = try await fixture.call(ToolName.analyzeStrategyRobustness.rawValue, .object(span.merging(["holdout": "20%", "runs": 200]) { a, _ in a }))
        _ = try await fixture.call(ToolName.analyzeStrategyRobustness.rawValue, ["strategy_id": .string(id), "tickers": ["MSFT"], "open_holdout": true, "runs": 200])
        _ = try await fixture.call(ToolName.backtestStrategy.rawValue, .object(span))
        let backtest = try #require(try fixture.store.latestBacktest(strategyId: id, user: ToolFixture.user))
        let strategy = try #require(try fixture.store.strategy(id: id, user: ToolFixture.user))
        let robustness = try ReportRobustness.of(backtest, strategyId: id, user: ToolFixture.user, store: fixture.store)
        let html = HTMLReport.render(strategy: strategy, backtest: backtest, robustness: robustness, generatedAt: ToolFixture.clock)
        // Three sweep variants and the backtests of the strategy as it stands (one definition among them).
        #expect(robustness.trials.trials == 3)
        #expect(html.contains("Trials behind this backtest: <strong>3</strong> distinct definitions"))
        #expect(html.contains("deflated Sharpe ratio"))
        let table = try #require(ReportTests.between(html, "<table id=\"monte-carlo\"", "</table>"))
        #expect(table.contains("10,000 resamples of \(backtest.trades.count) trades (seed 12345)"))
        let m = try #require(robustness.monteCarlo)
        #expect(table.contains(NumberText.percent(m.finalReturnPct.p50)))
        #expect(html.contains("<polygon class=\"fan\"") && html.contains("<polyline class=\"median\""))
        #expect(ReportTests.count("<svg ", in: html) == 3)
        let holdout = try #require(robustness.holdout)
        #expect(html.contains("Hold-out: the days from \(holdout.start) (20%) are reserved; opened 1 time."))
        #expect(html.contains("Look 1: v1"))
    }

    @Test("the latest sweep: a Sharpe heat map of the two-parameter grid with the pick outlined, and the walk-forward windows")
    func sweepAndWalkForward() async throws {
        let fixture = try ToolFixture()
        let id = try fixture.add().id
        let output = try await fixture.call(ToolName.optimizeStrategy.rawValue, [
            "strategy_id": .string(id), "tickers": ["MSFT"], "start_date": "2010-01-04", "end_date": "2015-12-31",
            "grid": ["entry_conditions.0.value=25,30,35", "risk_parameters.stop_loss_pct=4,8"],
            "walk_forward": ["train_months": 24, "test_months": 12],
        ])
        #expect(!output.isError, "\(output.modelContent)")
        let result = try #require(ToolName.optimizeStrategy.decode(OptimizeResult.self, from: output.modelContent))
        let walk = try #require(result.walkForward)
        _ = try await fixture.call(ToolName.backtestStrategy.rawValue, ["strategy_id": .string(id), "tickers": ["MSFT"],
                                                                      "start_date": "2010-01-04", "end_date": "2015-12-31"])
        let backtest = try #require(try fixture.store.latestBacktest(strategyId: id, user: ToolFixture.user))
        let strategy = try #require(try fixture.store.strategy(id: id, user: ToolFixture.user))
        let robustness = try ReportRobustness.of(backtest, strategyId: id, user: ToolFixture.user, store: fixture.store)
        let html = HTMLReport.render(strategy: strategy, backtest: backtest, robustness: robustness, generatedAt: ToolFixture.clock)
        #expect(html.contains("Latest parameter sweep: 6 variants of v1 (entry 1 value 25…35 (3) × stop_loss_pct 4, 8)"))

        // Rows the entry threshold, columns the stop; each cell the Sharpe the tool reported for that pair.
        let heat = try #require(ReportTests.between(html, "<table id=\"sweep-heat-map\"", "</table>"))
        let body = try #require(ReportTests.between(heat, "<tbody>", "</tbody>"))
        let rows = body.components(separatedBy: "<tr><th>").dropFirst().map { $0 }
        #expect(rows.map { String($0.prefix(2)) } == ["25", "30", "35"])
        #expect(ReportTests.count("<td class=", in: heat) == 6)
        for variant in result.variants {
            let threshold = try #require(variant.params["entry_conditions.0.value"]), stop = try #require(variant.params["risk_parameters.stop_loss_pct"])
            let row = try #require(rows.first { $0.hasPrefix("\(Int(threshold))<") })
            let cells = row.components(separatedBy: "<td class=\"").dropFirst().map { $0 }
            let cell = cells[stop == 4 ? 0 : 1]
            #expect(cell.contains(">\(NumberText.ratio(variant.sharpeRatio))</td>"), "\(variant.params): \(cell)")
            #expect(cell.hasPrefix("best") == (variant.index == result.best), "\(variant.params): \(cell)")
        }

        // One row per window, with the pick of its train window and its test dates.
        let table = try #require(ReportTests.between(html, "<table id=\"walk-forward\"", "</table>"))
        #expect(ReportTests.count("<tr><td>", in: table) == walk.windows.count)
        for w in walk.windows {
            let picked = "entry 1 value \(Int(w.params["entry_conditions.0.value"] ?? 0)), stop_loss_pct \(Int(w.params["risk_parameters.stop_loss_pct"] ?? 0))"
            #expect(table.contains("<td>\(w.testStart) to \(w.testEnd)</td><td>\(picked)</td>"), "\(w.testStart) \(picked)")
        }
        #expect(html.contains("Out of sample, stitched: <span"))
        #expect(html.contains(NumberText.percent(walk.outOfSampleReturnPct)))
    }

    @Test("without the section the report is as before")
    func absent() async throws {
        let (_, _, html) = try await ReportTests.report()
        #expect(!html.contains("Robustness: is it luck?"))
    }
}
