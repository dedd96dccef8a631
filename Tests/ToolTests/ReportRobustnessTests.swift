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
        let id = try #require(try fixture.add().id)
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

    @Test("without the section the report is as before")
    func absent() async throws {
        let (_, _, html) = try await ReportTests.report()
        #expect(!html.contains("Robustness: is it luck?"))
    }
}
