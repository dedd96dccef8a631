import Foundation
import Testing
@testable import StrategyCore

/// Monte Carlo against numpy on the same resamples: the fixture script re-implements SplitMix64, so both
/// draw the same indices, and numpy takes the percentiles (method="linear").
@Suite("Monte Carlo agrees with numpy on the same draws")
struct RobustnessMonteCarloTests {
    struct Run: Decodable {
        let runs: Int
        let seed: UInt64
        let fan_points: Int
        let block_length: Int?
        let final_return_pct, max_drawdown_pct: [Double]
        let probability_of_loss: Double
        let fan: [[Double]]
    }
    struct FixtureFile: Decodable {
        let splitmix64_first_outputs: [String]
        let trades, daily_blocks: Run
    }

    static func fixture() throws -> FixtureFile {
        try JSONDecoder().decode(FixtureFile.self, from: Data(contentsOf: ReferenceData.url("robustness/montecarlo_expected.json")))
    }

    /// Closed trades' returns: pnl over the money put in.
    static func tradeReturns(_ name: String) throws -> [Double] {
        try ReferenceData.rows("reference-msft/\(name)/trades.csv").map { t in
            let pnl = try #require(Double(t["pnl"] ?? "")), price = try #require(Double(t["entry_price"] ?? ""))
            let shares = try #require(Double(t["shares"] ?? ""))
            return pnl / (price * shares)
        }
    }

    static func near(_ a: Double, _ b: Double) -> Bool { ReferenceData.close(a, b, rel: 1e-12) || abs(a - b) < 1e-12 }

    static func check(_ result: MonteCarlo.Result, against e: Run) {
        let spreads = [(result.finalReturnPct, e.final_return_pct), (result.maxDrawdownPct, e.max_drawdown_pct)]
        for (ours, theirs) in spreads {
            #expect(near(ours.p5, theirs[0]) && near(ours.p50, theirs[1]) && near(ours.p95, theirs[2]), "\(ours) vs \(theirs)")
        }
        #expect(result.probabilityOfLoss == e.probability_of_loss)
        #expect(result.fan.count == e.fan.count)
        for (band, theirs) in zip(result.fan, e.fan) {
            #expect(Double(band.step) == theirs[0] && near(band.p5, theirs[1]) && near(band.p50, theirs[2]) && near(band.p95, theirs[3]),
                    "fan step \(band.step)")
        }
    }

    @Test("the generator is the script's SplitMix64")
    func sameGenerator() throws {
        var rng = SplitMix64(seed: MonteCarlo.defaultSeed)
        #expect(try Self.fixture().splitmix64_first_outputs == (0..<5).map { _ in String(rng.next()) })
    }

    @Test("trade resampling: percentiles, loss probability and every fan step match")
    func trades() throws {
        let e = try Self.fixture().trades
        let result = try MonteCarlo.resampleTrades(returns: try Self.tradeReturns("trend_sma50_timeout30"),
                                                   options: .init(runs: e.runs, seed: e.seed, fanPoints: e.fan_points))
        #expect(result.steps == 99 && result.method == .trades)
        Self.check(result, against: e)
    }

    @Test("daily block bootstrap: percentiles, loss probability and the sampled fan steps match")
    func dailyBlocks() throws {
        let e = try Self.fixture().daily_blocks
        let equity = try ReferenceData.rows("reference-msft/sma_cross_10_20/equity.csv").map { try #require(Double($0["equity"] ?? "")) }
        let result = try MonteCarlo.blockBootstrap(dailyReturns: BacktestMetrics.dailyReturns(equity, base: 10_000),
                                                   blockLength: try #require(e.block_length),
                                                   options: .init(runs: e.runs, seed: e.seed, fanPoints: e.fan_points))
        #expect(result.fan.count == 101 && result.fan.last?.step == 3_239)
        Self.check(result, against: e)
    }

    @Test("the same seed gives the same result; another seed another")
    func deterministic() throws {
        let returns = try Self.tradeReturns("sma_cross_10_20")
        let a = try MonteCarlo.resampleTrades(returns: returns, options: .init(runs: 500))
        let b = try MonteCarlo.resampleTrades(returns: returns, options: .init(runs: 500))
        let c = try MonteCarlo.resampleTrades(returns: returns, options: .init(runs: 500, seed: 2))
        #expect(a == b && a != c)
    }

    @Test("trades that all win can never lose; the drawdown is then zero")
    func allWinners() throws {
        let result = try MonteCarlo.resampleTrades(returns: [0.01, 0.02, 0.03], options: .init(runs: 200))
        #expect(result.probabilityOfLoss == 0 && result.maxDrawdownPct.p95 == 0)
        #expect(result.finalReturnPct.p5 >= (pow(1.01, 3) - 1) * 100 - 1e-9)
        #expect(result.fan.first == MonteCarlo.FanBand(step: 0, p5: 0, p50: 0, p95: 0))
    }

    @Test("no trades, a bad option or a missing return says what to change")
    func badInput() {
        #expect(throws: RobustnessError.noReturns(what: "closed trades")) { try MonteCarlo.resampleTrades(returns: []) }
        #expect(throws: RobustnessError.invalidOption(name: "runs", value: 0, minimum: 1)) {
            try MonteCarlo.resampleTrades(returns: [0.1], options: .init(runs: 0))
        }
        #expect(throws: RobustnessError.invalidOption(name: "block length", value: 0, minimum: 1)) {
            try MonteCarlo.blockBootstrap(dailyReturns: [0.1, 0.2], blockLength: 0)
        }
        #expect(throws: RobustnessError.notFinite(variant: 0, period: 1)) { try MonteCarlo.resampleTrades(returns: [0.1, .infinity]) }
    }

    @Test("fan steps: every step for short paths, evenly spaced ones with both ends for long paths")
    func fanSteps() {
        #expect(MonteCarlo.fanSteps(steps: 3, points: 501) == [0, 1, 2, 3])
        #expect(MonteCarlo.fanSteps(steps: 10, points: 3) == [0, 5, 10])
        #expect(MonteCarlo.fanSteps(steps: 3_239, points: 101).count == 101)
    }

    @Test("percentiles interpolate like numpy's default, ties and all")
    func percentile() {
        // numpy.percentile([3, 1, 2, 2, 10], [5, 50, 95]) = [1.2, 2.0, 8.6]
        var values = [3.0, 1, 2, 2, 10]
        let p = values.withUnsafeMutableBufferPointer { Percentile.linear($0, [5, 50, 95]) }
        #expect(Self.near(p[0], 1.2) && p[1] == 2 && Self.near(p[2], 8.6))
        var same = [Double](repeating: 4, count: 1_000)
        #expect(same.withUnsafeMutableBufferPointer { Percentile.linear($0, [5, 50, 95]) } == [4, 4, 4])
    }
}
