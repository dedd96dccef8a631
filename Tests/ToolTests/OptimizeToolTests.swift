import AgentLoop
import Foundation
import Store
import StrategyCore
import Testing
@testable import Tools

@Suite("optimize_strategy sweeps a grid and judges the best variant")
struct OptimizeToolTests {
    static func arguments(_ id: String, grid: [String], extra: [String: AgentJSON] = [:]) -> AgentJSON {
        var call: [String: AgentJSON] = [
            "strategy_id": .string(id), "grid": .array(grid.map { .string($0) }),
            "start_date": "2012-01-03", "end_date": "2017-06-30", "tickers": ["MSFT"],
        ]
        for (k, v) in extra { call[k] = v }
        return .object(call)
    }

    @Test("six variants: the best, its PBO and DSR, a heat map, and every variant recorded as a trial")
    func sweep() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add()
        let output = try await fixture.call(ToolName.optimizeStrategy.rawValue, Self.arguments(
            strategy.id, grid: ["entry_conditions.0.value=20..40:10", "risk_parameters.stop_loss_pct=4..8:4"]))
        #expect(!output.isError, "\(output.modelContent)")
        let json = output.json
        #expect(json["variant_count"]?.numberValue == 6)
        #expect(json["trials"]?.numberValue == 6)
        let variants = try #require(json["variants"]?.arrayValue)
        #expect(variants.count == 6)
        let best = try #require(json["best"]?.numberValue)
        let top = try #require(variants.first)
        #expect(top["index"]?.numberValue == best, "the model's list is best first")
        let sharpes = variants.compactMap { $0["sharpe_ratio"]?.numberValue }
        #expect(top["sharpe_ratio"]?.numberValue == sharpes.max())
        let pbo = try #require(json["pbo"]?.numberValue)
        #expect(pbo >= 0 && pbo <= 1)
        #expect(json["pbo_splits"]?.numberValue == 12_870)
        let psr = try #require(json["probabilistic_sharpe_ratio"]?.numberValue)
        let dsr = try #require(json["deflated_sharpe_ratio"]?.numberValue)
        #expect(dsr <= psr)
        #expect(json["note"]?.stringValue?.contains("The best of 6 variants") == true)
        let display = try #require(output.display)
        #expect(display.contains("Sharpe by entry 1 value (rows) and stop_loss_pct (columns)"))
        #expect(display.contains("Overfitting: PBO"))
        // The variants are the strategy's trials now: a later backtest of it counts them.
        let trials = try fixture.store.trials(strategyId: strategy.id, user: ToolFixture.user)
        #expect(trials.count == 6)
        let after = try await fixture.call(ToolName.backtestStrategy.rawValue, [
            "strategy_id": .string(strategy.id), "start_date": "2012-01-03", "end_date": "2017-06-30", "tickers": ["MSFT"],
        ])
        #expect((after.json["metrics"]?["trials"]?.numberValue ?? 0) >= 6)
    }

    @Test("save_best keeps the best variant as a new version, whose backtest shows the variant's figures")
    func saveBest() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add()
        let output = try await fixture.call(ToolName.optimizeStrategy.rawValue, Self.arguments(
            strategy.id, grid: ["risk_parameters.stop_loss_pct=2,3,12"], extra: ["save_best": true]))
        #expect(!output.isError, "\(output.modelContent)")
        let best = try #require(output.json["variants"]?.arrayValue?.first)
        let saved = try #require(output.json["saved_version"]?.numberValue)
        #expect(saved == 2)
        let stored = try #require(try fixture.store.strategy(id: strategy.id, user: ToolFixture.user))
        #expect(stored.riskParameters.stopLossPct == best["params"]?["risk_parameters.stop_loss_pct"]?.numberValue)
        let versions = try fixture.store.versions(strategyId: strategy.id, user: ToolFixture.user)
        #expect(versions.last?.note?.contains("best of a 3-variant sweep") == true)
        let backtest = try await fixture.call(ToolName.backtestStrategy.rawValue, [
            "strategy_id": .string(strategy.id), "start_date": "2012-01-03", "end_date": "2017-06-30", "tickers": ["MSFT"],
        ])
        #expect(backtest.json["metrics"]?["sharpe_ratio"] == best["sharpe_ratio"])
        #expect(backtest.json["metrics"]?["total_return_pct"] == best["total_return_pct"])
        #expect(backtest.json["metrics"]?["total_trades"] == best["total_trades"])
    }

    @Test("bad grids come back as errors that say what to change", arguments: [
        ("nothing to vary", ["risk_parameters.stop_loss_pct=5"], "no numbers to vary"),
        ("a path the strategy lacks", ["risk_parameters.stop_pct=4..8:2"], "stop_loss_pct"),
        ("over 100,000 variants", ["entry_conditions.0.value=1..400:1", "risk_parameters.stop_loss_pct=1..400:1"], "over the limit of 100000"),
        ("a malformed entry", ["stop 4 to 8"], "PATH=LO..HI:STEP"),
    ])
    func badGrids(_ name: String, grid: [String], message: String) async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add()
        let output = try await fixture.call(ToolName.optimizeStrategy.rawValue, Self.arguments(strategy.id, grid: grid))
        #expect(output.isError, "\(name)")
        #expect(output.modelContent.contains(message), "\(name): \(output.modelContent)")
        #expect(try fixture.store.trials(strategyId: strategy.id, user: ToolFixture.user).isEmpty)
    }
}
