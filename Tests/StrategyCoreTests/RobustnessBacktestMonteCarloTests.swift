import Foundation
import Testing
@testable import StrategyCore

/// The whole path the robustness check takes, from a backtest to its Monte Carlo percentiles, against numpy on
/// the same resamples: our engine runs the reference strategies on MSFT, its trades and equity become returns
/// (`MonteCarlo.tradeReturns(of:)`, `dailyReturns(of:)`), and the default 10,000 runs are drawn. The expected
/// figures start from Backtesting.py's trades and equity instead (scripts/fixtures/make_backtest_montecarlo_fixtures.py).
@Suite("A backtest's Monte Carlo agrees with numpy end to end")
struct RobustnessBacktestMonteCarloTests {
    struct Case: Decodable {
        let trade_count, day_count: Int
        let trades, daily_blocks: Run
    }
    struct Run: Decodable {
        let final_return_pct, max_drawdown_pct: [Double]
        let probability_of_loss: Double
        let fan: [[Double]]
    }
    struct FixtureFile: Decodable {
        let runs: Int
        let seed: UInt64
        let fan_points, block_length: Int
        let cases: [String: Case]
    }

    /// Our trades' P&L agree with the reference's to 1e-6 dollars and our equity to 1e-6 relative, so the
    /// figures built on them agree to well within this.
    static func near(_ a: Double, _ b: Double) -> Bool { ReferenceData.close(a, b, rel: 1e-6) || abs(a - b) < 1e-6 }

    static func check(_ result: MonteCarlo.Result, against e: Run, _ what: String) {
        for (name, ours, theirs) in [("final return", result.finalReturnPct, e.final_return_pct), ("max drawdown", result.maxDrawdownPct, e.max_drawdown_pct)] {
            #expect(near(ours.p5, theirs[0]) && near(ours.p50, theirs[1]) && near(ours.p95, theirs[2]), "\(what) \(name): \(ours) vs \(theirs)")
        }
        #expect(result.probabilityOfLoss == e.probability_of_loss, "\(what)")
        #expect(result.fan.count == e.fan.count, "\(what)")
        let off = zip(result.fan, e.fan).filter { band, theirs in
            !(Double(band.step) == theirs[0] && near(band.p5, theirs[1]) && near(band.p50, theirs[2]) && near(band.p95, theirs[3]))
        }
        #expect(off.isEmpty, "\(what): \(off.count) fan steps differ, first at step \(off.first?.0.step ?? -1)")
    }

    @Test("trades and daily blocks of each reference backtest: percentiles, loss probability and fan", arguments: EngineReferenceTests.cases)
    func endToEnd(name: String) throws {
        let fixture = try JSONDecoder().decode(
            FixtureFile.self, from: Data(contentsOf: ReferenceData.url("robustness/backtest_montecarlo_expected.json")))
        let e = try #require(fixture.cases[name])
        // The tool's defaults are the fixture's.
        #expect(fixture.runs == MonteCarlo.defaultRuns && fixture.seed == MonteCarlo.defaultSeed)
        #expect(fixture.fan_points == MonteCarlo.defaultFanPoints && fixture.block_length == MonteCarlo.defaultBlockLength)

        let backtest = try EngineReferenceTests.run(name)
        let tradeReturns = MonteCarlo.tradeReturns(of: backtest), dailyReturns = MonteCarlo.dailyReturns(of: backtest)
        #expect(tradeReturns.count == e.trade_count && dailyReturns.count == e.day_count)
        Self.check(try MonteCarlo.resampleTrades(returns: tradeReturns), against: e.trades, "\(name) trades")
        Self.check(try MonteCarlo.blockBootstrap(dailyReturns: dailyReturns), against: e.daily_blocks, "\(name) daily blocks")
    }
}
