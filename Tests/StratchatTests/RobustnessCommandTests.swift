import Foundation
import Testing

/// `stratchat robustness` run as a script would run it.
@Suite("stratchat robustness")
struct RobustnessCommandTests {
    @Test("--json prints monte_carlo's percentiles for trades and day blocks, and regimes")
    func json() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let file = BacktestCommandTests.reference("rsi_30_70", "strategy.json")
        let result = try stratchat.run(["robustness", file, "--universe", "MSFT", "--from", "2012-01-03", "--to", "2017-06-30",
                                        "--runs", "500", "--seed", "7", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try BacktestCommandTests.object(result)
        let monteCarlo = try #require(object["monte_carlo"] as? [String: Any])
        #expect(monteCarlo["runs"] as? Int == 500 && monteCarlo["seed"] as? Int == 7)
        for method in ["trades", "daily_blocks"] {
            let run = try #require(monteCarlo[method] as? [String: Any], "\(method)")
            for figure in ["final_return_pct", "max_drawdown_pct"] {
                let spread = try #require(run[figure] as? [String: Double], "\(method) \(figure)")
                let (p5, p50, p95) = (try #require(spread["p5"]), try #require(spread["p50"]), try #require(spread["p95"]))
                #expect(p5 <= p50 && p50 <= p95, "\(method) \(figure)")
            }
            let loss = try #require(run["probability_of_loss"] as? Double)
            #expect((0...1).contains(loss))
        }
        let regimes = try #require(object["regimes"] as? [String: Any])
        let trend = try #require(regimes["trend"] as? [[String: Any]])
        #expect(trend.compactMap { $0["regime"] as? String } == ["above_200d_average", "below_200d_average"])
        let volatility = try #require(regimes["volatility"] as? [[String: Any]])
        #expect(volatility.compactMap { $0["regime"] as? String } == ["high_60d_volatility", "low_60d_volatility"])
        #expect((object["deflated_sharpe_ratio"] as? Double) != nil && object["trials"] as? Int == 1)
    }

    @Test("too few runs is a usage error (64) that names the range")
    func badRuns() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let file = BacktestCommandTests.reference("rsi_30_70", "strategy.json")
        let result = try stratchat.run(["robustness", file, "--runs", "3"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("100 to 100,000"))
    }
}
