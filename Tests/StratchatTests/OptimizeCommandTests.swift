import AgentLoop
import Foundation
import Store
import StrategyCore
import Testing

/// `stratchat optimize` run as a script would run it.
@Suite("stratchat optimize")
struct OptimizeCommandTests {
    @Test("--json prints every variant in grid order, the best one's index, PBO and the deflated Sharpe")
    func json() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let file = BacktestCommandTests.reference("rsi_30_70", "strategy.json")
        let result = try stratchat.run(["optimize", file, "--universe", "MSFT", "--from", "2012-01-03", "--to", "2017-06-30",
                                        "--grid", "risk_parameters.stop_loss_pct=4..12:4", "--grid", "entry_conditions.0.value=25,30", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try BacktestCommandTests.object(result)
        let variants = try #require(object["variants"] as? [[String: Any]])
        #expect(variants.count == 6)
        let params = variants.compactMap { $0["params"] as? [String: Double] }
        #expect(params.map { $0["risk_parameters.stop_loss_pct"] } == [4, 4, 8, 8, 12, 12])
        #expect(params.map { $0["entry_conditions.0.value"] } == [25, 30, 25, 30, 25, 30])
        for key in ["sharpe_ratio", "total_return_pct", "max_drawdown_pct", "total_trades"] {
            #expect(variants.allSatisfy { ($0[key] as? Double) != nil }, "\(key)")
        }
        let best = try #require(object["best"] as? Int)
        let sharpes = variants.map { ($0["sharpe_ratio"] as? Double) ?? -.infinity }
        #expect(sharpes[best] == sharpes.max())
        let pbo = try #require(object["pbo"] as? Double)
        #expect((0...1).contains(pbo))
        #expect((object["deflated_sharpe_ratio"] as? Double) != nil)
        #expect(result.stderr.isEmpty)
    }

    @Test("a bad grid is bad input (exit 2) with the fix, and no --grid is a usage error (64)")
    func badInput() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let file = BacktestCommandTests.reference("rsi_30_70", "strategy.json")
        let nothing = try stratchat.run(["optimize", file, "--universe", "MSFT", "--grid", "risk_parameters.stop_loss_pct=5"])
        #expect(nothing.status == 2)
        #expect(nothing.stderr.contains("no numbers to vary"))
        let noGrid = try stratchat.run(["optimize", file])
        #expect(noGrid.status == 64)
    }
}
