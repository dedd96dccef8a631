import AgentLoop
import Foundation
import Store
import StrategyCore
import Testing
@testable import Tools

@Suite("analyze_strategy_robustness judges a backtest by Monte Carlo, regimes and the deflated Sharpe")
struct RobustnessToolTests {
    static func arguments(_ id: String, extra: [String: AgentJSON] = [:]) -> AgentJSON {
        var call: [String: AgentJSON] = [
            "strategy_id": .string(id), "start_date": "2012-01-03", "end_date": "2017-06-30", "tickers": ["MSFT"], "runs": 2_000,
        ]
        for (k, v) in extra { call[k] = v }
        return .object(call)
    }

    @Test("the percentiles are those of the stored backtest's own trades and days resampled under the seed")
    func monteCarlo() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add()
        let output = try await fixture.call(ToolName.analyzeStrategyRobustness.rawValue, Self.arguments(strategy.id))
        #expect(!output.isError, "\(output.modelContent)")
        let result = try #require(ToolName.analyzeStrategyRobustness.decode(RobustnessResult.self, from: output.modelContent))
        #expect(result.monteCarlo.runs == 2_000 && result.monteCarlo.seed == MonteCarlo.defaultSeed)
        let backtest = try #require(try fixture.store.latestBacktest(strategyId: strategy.id, user: ToolFixture.user))
        #expect(backtest.openPositions.isEmpty, "the compounding check below needs every trade closed")
        // Each trade's profit over the equity the day before it opened, worked out here from the stored
        // trades and curve; on one ticker the trades never overlap, so compounded they are the backtest's return.
        var returns: [Double] = []
        for trade in backtest.trades {
            let before = backtest.equityCurve.last { $0.date < trade.entryDate }?.equity ?? backtest.initialCapital
            returns.append(trade.pnl / before)
        }
        let compounded = (returns.reduce(1) { $0 * (1 + $1) } - 1) * 100
        #expect(abs(compounded - backtest.metrics.totalReturnPct) < 1e-6, "\(compounded) vs \(backtest.metrics.totalReturnPct)")
        let expected = try MonteCarlo.resampleTrades(returns: returns, options: .init(runs: 2_000))
        let trades = try #require(result.monteCarlo.trades)
        #expect(trades.steps == backtest.trades.count)
        #expect(trades.finalReturnPct.p5 == modelFigure(expected.finalReturnPct.p5)
            && trades.finalReturnPct.p50 == modelFigure(expected.finalReturnPct.p50)
            && trades.finalReturnPct.p95 == modelFigure(expected.finalReturnPct.p95))
        #expect(trades.maxDrawdownPct.p95 == modelFigure(expected.maxDrawdownPct.p95))
        #expect(trades.probabilityOfLoss == modelFigure(expected.probabilityOfLoss, 4))
        let days = try #require(result.monteCarlo.dailyBlocks)
        #expect(days.steps == backtest.equityCurve.count && days.blockLength == 20)
        let p = [days.finalReturnPct.p5, days.finalReturnPct.p50, days.finalReturnPct.p95].compactMap { $0 }
        #expect(p.count == 3 && p[0] <= p[1] && p[1] <= p[2])
    }

    @Test("regimes cover every tested day, and the deflated Sharpe is the backtest's")
    func regimesAndLuck() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add()
        let output = try await fixture.call(ToolName.analyzeStrategyRobustness.rawValue, Self.arguments(strategy.id))
        let result = try #require(ToolName.analyzeStrategyRobustness.decode(RobustnessResult.self, from: output.modelContent))
        let backtest = try #require(try fixture.store.latestBacktest(strategyId: strategy.id, user: ToolFixture.user))
        let regimes = try #require(result.regimes, "\(result.regimesProblem ?? "")")
        #expect(regimes.trend.map(\.regime) == ["above_200d_average", "below_200d_average"])
        #expect(regimes.volatility.map(\.regime) == ["high_60d_volatility", "low_60d_volatility"])
        let days = backtest.equityCurve.count
        #expect(regimes.trend.reduce(0) { $0 + $1.days } + regimes.unclassifiedTrendDays == days)
        #expect(regimes.volatility.reduce(0) { $0 + $1.days } + regimes.unclassifiedVolatilityDays == days)
        // The S&P 500 history reaches back far before 2012, so every day has its 200-day average.
        #expect(regimes.unclassifiedTrendDays == 0)
        let after = try await fixture.call(ToolName.backtestStrategy.rawValue, [
            "strategy_id": .string(strategy.id), "start_date": "2012-01-03", "end_date": "2017-06-30", "tickers": ["MSFT"],
        ])
        #expect(after.json["metrics"]?["deflated_sharpe_ratio"]?.numberValue == result.deflatedSharpeRatio)
        #expect(after.json["metrics"]?["trials"]?.numberValue == Double(result.trials))
        let display = try #require(output.display)
        for part in ["Monte Carlo: 2,000 runs, seed 12345", "Fan chart", "Regimes", "benchmark above 200-day avg", "Luck check"] {
            #expect(display.contains(part), "\(part)")
        }
        #expect(result.note.contains("closed trades 2,000 times"))
    }

    @Test("too few runs or a zero block length says what to give instead")
    func badInput() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add()
        let few = try await fixture.call(ToolName.analyzeStrategyRobustness.rawValue, Self.arguments(strategy.id, extra: ["runs": 5]))
        #expect(few.isError && few.modelContent.contains("between 100 and 100000"))
        let block = try await fixture.call(ToolName.analyzeStrategyRobustness.rawValue, Self.arguments(strategy.id, extra: ["block_length": 0]))
        #expect(block.isError && block.modelContent.contains("at least 1 day"))
    }
}
