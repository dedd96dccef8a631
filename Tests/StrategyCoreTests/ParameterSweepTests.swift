import Foundation
import Testing
@testable import StrategyCore

@Suite("Parameter sweeps: grids, variants as single backtests, and the honest verdict")
struct ParameterSweepTests {
    static let base = TradingStrategy(
        name: "RSI dip", description: "", naturalLanguageInput: "", timeframe: .shortTerm,
        entryConditions: [Condition(field: "rsi_14", operator: .lt, value: .number(30))],
        exitConditions: [Condition(field: "rsi_14", operator: .gt, value: .number(60))],
        riskParameters: RiskParameters(stopLossPct: 8, takeProfitPct: nil, maxHoldDays: nil, positionSizePct: 20))

    static func request(_ strategy: TradingStrategy = base) -> BacktestRequest {
        EngineTestData.request(strategy, EngineTestData.universe(tickers: 6, bars: 900, seed: 7), capital: 100_000, slippage: 5)
    }

    @Test("a range with a step reads as its values, a list as listed", arguments: [
        ("risk_parameters.stop_loss_pct=4..12:2", [4.0, 6, 8, 10, 12]),
        ("entry_conditions.0.value=20..40:5", [20.0, 25, 30, 35, 40]),
        ("x=0.1..0.3:0.1", [0.1, 0.2, 0.3]),
        ("x=1..3", [1.0, 2, 3]),
        ("x=5,7,11", [5.0, 7, 11]),
    ])
    func parse(text: String, values: [Double]) throws {
        #expect(try ParameterGrid.Axis.parse(text).values == values)
    }

    @Test("bad grids are refused with what to change", arguments: [
        ("no equals sign", "stop 4..12"),
        ("backwards", "x=12..4:2"),
        ("zero step", "x=4..12:0"),
        ("not a number", "x=a..b"),
    ])
    func badAxis(_ name: String, text: String) {
        #expect(throws: SweepError.self, "\(name)") { try ParameterGrid.Axis.parse(text) }
    }

    @Test("a grid with nothing to vary, or over 100,000 variants, is refused")
    func refusedGrids() throws {
        #expect(throws: SweepError.nothingToVary) { try ParameterGrid(axes: [.init(path: "x", values: [5])]) }
        let wide = ParameterGrid.Axis(path: "a", values: (0..<400).map(Double.init))
        #expect(throws: SweepError.tooManyVariants(160_000)) {
            try ParameterGrid(axes: [wide, .init(path: "b", values: (0..<400).map(Double.init))])
        }
        #expect(SweepError.nothingToVary.errorDescription?.contains("two or more values") == true)
    }

    @Test("variants multiply with the last axis fastest, and put their numbers at their paths")
    func variants() throws {
        let grid = try ParameterGrid(axes: [
            .init(path: "entry_conditions.0.value", values: [20, 30]),
            .init(path: "risk_parameters.stop_loss_pct", values: [4, 6, 8]),
        ])
        #expect(grid.count == 6)
        #expect(grid.values(at: 4) == [30, 6])
        let v = try grid.strategy(Self.base, variant: 4)
        #expect(v.entryConditions[0].value == .number(30))
        #expect(v.riskParameters.stopLossPct == 6)
        #expect(v.exitConditions == Self.base.exitConditions)
        #expect(v.definitionKey != Self.base.definitionKey)
    }

    @Test("a path ending at an indicator name varies its period")
    func periods() throws {
        let grid = try ParameterGrid(axes: [.init(path: "entry_conditions.0.field", values: [7, 21])])
        #expect(try grid.strategy(Self.base, variant: 1).entryConditions[0].field == "rsi_21")
        let bad = try ParameterGrid(axes: [.init(path: "entry_conditions.0.field", values: [7.5, 21])])
        #expect(throws: SweepError.notAPeriod(path: "entry_conditions.0.field", value: 7.5)) { try bad.strategy(Self.base, variant: 0) }
    }

    @Test("a path the strategy does not have names what it has")
    func unknownPath() throws {
        let grid = try ParameterGrid(axes: [.init(path: "risk_parameters.stop_pct", values: [4, 6])])
        let error = #expect(throws: SweepError.self) { try grid.check(Self.base) }
        #expect(error?.errorDescription?.contains("stop_loss_pct") == true)
    }

    @Test("every variant's figures are those of its own backtest, on one core or two")
    func variantsMatchSingleBacktests() throws {
        let grid = try ParameterGrid(axes: [
            .init(path: "entry_conditions.0.value", values: [25, 35]),
            .init(path: "risk_parameters.stop_loss_pct", values: [3, 9]),
            .init(path: "exit_conditions.0.field", values: [7, 14]),
        ])
        let two = try ParameterSweep.run(Self.request(), grid: grid, workers: 2)
        let one = try ParameterSweep.run(Self.request(), grid: grid, workers: 1)
        #expect(two.variants == one.variants)
        #expect(two.variants.count == 8)
        for v in two.variants {
            let single = try BacktestEngine.run(Self.request(try grid.strategy(Self.base, variant: v.index)))
            #expect(v.metrics == single.metrics, "variant \(v.index)")
            #expect(v.dailyReturns == BacktestMetrics.dailyReturns(single.equityCurve.map(\.equity), base: 100_000))
        }
        #expect(Set(two.variants.map(\.metrics.totalTrades)).count > 1, "the grid changes the trades")
    }

    @Test("a variant trades as the plain backtest of it does, trade for trade, whether its rules are shared or its own",
          arguments: [
              [ParameterGrid.Axis(path: "entry_conditions.0.value", values: [25, 30, 35]),
               .init(path: "risk_parameters.stop_loss_pct", values: [3, 9])],
              [ParameterGrid.Axis(path: "risk_parameters.stop_loss_pct", values: [2, 4, 6, 8, 10])],
              [ParameterGrid.Axis(path: "entry_conditions.1.value.field", values: [20, 50]),
               .init(path: "exit_conditions.0.value", values: [55, 65])],
          ])
    func tradeForTrade(axes: [ParameterGrid.Axis]) throws {
        var strategy = Self.base
        strategy.entryConditions.append(
            Condition(field: "close", operator: .gt, value: .field(FieldReference(field: "sma_50", multiplier: 0.9))))
        strategy.riskParameters.maxHoldDays = 20
        let grid = try ParameterGrid(axes: axes)
        for workers in [1, 2] {
            let sweep = try ParameterSweep.run(Self.request(strategy), grid: grid, workers: workers, keepTrades: true)
            #expect(sweep.variants.count == grid.count)
            for v in sweep.variants {
                let single = try BacktestEngine.run(Self.request(try grid.strategy(strategy, variant: v.index)))
                #expect(v.trades == single.trades, "variant \(v.index), \(workers) workers")
                #expect(v.metrics == single.metrics, "variant \(v.index), \(workers) workers")
                #expect(v.dailyReturns == BacktestMetrics.dailyReturns(single.equityCurve.map(\.equity), base: 100_000))
            }
            #expect(sweep.variants.filter { !$0.trades.isEmpty }.count > grid.count / 2, "most variants trade")
        }
    }

    @Test("the best variant has the highest Sharpe; PBO and DSR are taken over all the variants")
    func verdict() throws {
        let grid = try ParameterGrid(axes: [
            .init(path: "entry_conditions.0.value", values: [20, 25, 30, 35, 40]),
            .init(path: "risk_parameters.stop_loss_pct", values: [4, 8]),
        ])
        let result = try ParameterSweep.run(Self.request(), grid: grid)
        let sharpes = result.variants.map { $0.metrics.sharpeRatio ?? -.infinity }
        #expect(result.best == sharpes.firstIndex(of: sharpes.max()!))
        #expect(result.bestBacktest.metrics == result.variants[result.best].metrics)
        #expect(result.bestStrategy == (try grid.strategy(Self.base, variant: result.best)))
        let pbo = try BacktestOverfitting.estimate(variants: result.variants.map(\.dailyReturns))
        #expect(result.overfitting == pbo)
        let finite = sharpes.filter(\.isFinite)
        let mean = finite.reduce(0, +) / Double(finite.count)
        let variance = finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(finite.count - 1) / 252
        let stats = try #require(result.bestStatistics)
        #expect(stats.trials == 10)
        let expected = SharpeStatistics.Summary.of(returns: result.variants[result.best].dailyReturns, trials: 10, trialVariance: variance)
        #expect(abs(stats.deflatedSharpeRatio - (expected?.deflatedSharpeRatio ?? -1)) < 1e-12)
        #expect(stats.deflatedSharpeRatio < stats.probabilisticSharpeRatio)
    }

    @Test("a cancelled sweep stops with nothing returned")
    func cancelled() throws {
        let grid = try ParameterGrid(axes: [.init(path: "entry_conditions.0.value", values: [20, 25, 30, 35])])
        #expect(throws: BacktestError.cancelled) { try ParameterSweep.run(Self.request(), grid: grid, shouldCancel: { true }) }
    }
}
