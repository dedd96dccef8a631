import AgentLoop
import Foundation
import Store
import StrategyCore
import Testing
@testable import Tools

/// Every backtest shows whether its Sharpe stands out from luck, given the strategy's trials.
@Suite("backtest_strategy counts trials and deflates the Sharpe")
struct BacktestTrialsTests {
    static let span: AgentJSON = ["start_date": "2012-01-03", "end_date": "2017-06-30", "tickers": ["MSFT"]]

    static func backtest(_ fixture: ToolFixture, _ id: String, _ dates: AgentJSON = span) async throws -> ToolOutput {
        var arguments = dates.objectValue ?? [:]
        arguments["strategy_id"] = .string(id)
        let output = try await fixture.call(ToolName.backtestStrategy.rawValue, .object(arguments))
        #expect(!output.isError, "\(output.modelContent)")
        return output
    }

    @Test("one trial: the DSR is the PSR, and both come from the equity curve's daily returns, flat days included")
    func singleTrial() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add()
        let output = try await Self.backtest(fixture, strategy.id)
        let metrics = try #require(output.json["metrics"])
        #expect(metrics["trials"]?.numberValue == 1)
        let psr = try #require(metrics["probabilistic_sharpe_ratio"]?.numberValue)
        #expect(metrics["deflated_sharpe_ratio"]?.numberValue == psr)
        // Recomputed from the stored curve with the published formula, as a script would from `--full`.
        let stored = try #require(try fixture.store.latestBacktest(strategyId: strategy.id, user: ToolFixture.user))
        var previous = stored.initialCapital
        let returns = stored.equityCurve.map { point in
            defer { previous = point.equity }
            return point.equity / previous - 1
        }
        #expect(returns.contains(0), "flat days are in the series")
        let m = try #require(ReturnMoments(returns: returns))
        let sharpe = try #require(m.sharpe)
        let expected = try #require(SharpeStatistics.probabilistic(sharpe: sharpe, observations: returns.count,
                                                                  skewness: m.skewness, kurtosis: m.kurtosis))
        #expect(abs(psr - expected) <= 0.000_05)
        #expect(output.json["sharpe_note"]?.stringValue?.contains("the chance that the true Sharpe is above zero") == true)
        let display = try #require(output.display)
        #expect(display.contains("Luck check: probabilistic Sharpe"))
        #expect(display.contains("over 1 trial,"))
    }

    @Test("a changed definition is a second trial, a rerun is not, and a span that does not overlap is left out")
    func trialsAcrossVersions() async throws {
        let fixture = try ToolFixture()
        var strategy = try fixture.add()
        let id = strategy.id
        let first = try await Self.backtest(fixture, id)
        strategy.riskParameters.stopLossPct = 3
        (strategy, _) = try fixture.store.updateStrategy(strategy, user: ToolFixture.user)
        let second = try await Self.backtest(fixture, id)
        let rerun = try await Self.backtest(fixture, id)
        #expect(first.json["metrics"]?["trials"]?.numberValue == 1)
        #expect(second.json["metrics"]?["trials"]?.numberValue == 2)
        #expect(rerun.json["metrics"]?["trials"]?.numberValue == 2)
        let psr = try #require(second.json["metrics"]?["probabilistic_sharpe_ratio"]?.numberValue)
        let dsr = try #require(second.json["metrics"]?["deflated_sharpe_ratio"]?.numberValue)
        #expect(dsr < psr, "two different Sharpe ratios raise the bar above zero")
        #expect(second.json["sharpe_note"]?.stringValue?.contains("After 2 definitions tried on overlapping data") == true)
        // 2005–2008 never overlaps 2012–2017: only this run counts.
        let apart = try await Self.backtest(fixture, id, ["start_date": "2005-01-03", "end_date": "2008-12-31", "tickers": ["MSFT"]])
        #expect(apart.json["metrics"]?["trials"]?.numberValue == 1)
    }

    @Test("a strategy with no trades has no Sharpe to test, and says so")
    func noTrades() async throws {
        let fixture = try ToolFixture()
        var never = Samples.rsiDip
        never.entryConditions = [Condition(field: "rsi_14", operator: .lt, value: .number(-1))]
        let strategy = try fixture.add(never)
        let output = try await Self.backtest(fixture, strategy.id)
        let metrics = try #require(output.json["metrics"])
        #expect(metrics["probabilistic_sharpe_ratio"] == .null)
        #expect(metrics["deflated_sharpe_ratio"] == .null)
        #expect(metrics["min_track_record_length"] == .null)
        #expect(metrics["trials"]?.numberValue == 1)
        #expect(output.json["sharpe_note"]?.stringValue == BacktestPresenter.noSharpeNote)
    }
}
