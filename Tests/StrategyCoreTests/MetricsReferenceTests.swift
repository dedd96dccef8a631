import Foundation
import Testing
@testable import StrategyCore

/// Risk metrics against empyrical-reloaded (scripts/fixtures/make_metrics_fixtures.py) on equity
/// curves made by the reference engine, with the S&P 500 as the benchmark.
@Suite("Metrics agree with empyrical")
struct MetricsReferenceTests {
    struct Expected: Decodable {
        let sharpe, sortino, max_drawdown, cagr, calmar, alpha, beta, benchmark_return: Double
    }

    struct FixtureFile: Decodable { let cases: [String: Expected] }

    static let cases = ["rsi_30_70", "sma_cross_10_20", "trend_sma50_timeout30"]

    @Test("Sharpe, Sortino, drawdown, CAGR, Calmar, alpha and beta match to 1e-9", arguments: cases)
    func matchesEmpyrical(name: String) throws {
        let fixture = try JSONDecoder().decode(
            FixtureFile.self, from: Data(contentsOf: ReferenceData.url("metrics/empyrical_expected.json")))
        let e = try #require(fixture.cases[name])
        let equity = try ReferenceData.rows("reference-msft/\(name)/equity.csv").map { row in
            EquityPoint(date: try #require(Day(iso: row["date"] ?? "")), equity: try #require(Double(row["equity"] ?? "")),
                        cash: 0, positionsValue: 0)
        }
        let bench = try ReferenceData.rows("metrics/sp500_close.csv").map { try #require(Double($0["close"] ?? "")) }
        let m = BacktestMetrics.compute(trades: [], equity: equity, initialCapital: 10_000, benchmarkCloses: bench)
        func near(_ a: Double?, _ b: Double) -> Bool { a.map { ReferenceData.close($0, b, rel: 1e-9) } ?? false }
        #expect(near(m.sharpeRatio, e.sharpe))
        #expect(near(m.sortinoRatio, e.sortino))
        #expect(near(m.maxDrawdownPct, -e.max_drawdown * 100))
        #expect(near(m.cagrPct, e.cagr * 100))
        #expect(near(m.calmarRatio, e.calmar))
        #expect(near(m.alphaPct, e.alpha * 100))
        #expect(near(m.beta, e.beta))
        #expect(near(m.benchmarkReturnPct, e.benchmark_return * 100))
    }
}

/// Trade statistics on a few trades worked out by hand.
@Suite("Trade statistics")
struct MetricsTradeTests {
    static func trade(_ pnl: Double, pct: Double, days: Int, fees: Double = 1) -> BacktestTrade {
        let d = Day(year: 2024, month: 1, day: 2)!
        return BacktestTrade(ticker: "X", entryDate: d, entryPrice: 10, exitDate: d.adding(days: days), exitPrice: 10,
                             shares: 1, pnl: pnl, pnlPct: pct, daysHeld: days, exitReason: .signal, fees: fees)
    }

    @Test("counts, averages, profit factor and expectancy")
    func statistics() {
        // Wins +300 (+6%), +100 (+2%); losses −200 (−4%), −50 (−1%); one flat trade (0%).
        let trades = [Self.trade(300, pct: 6, days: 10), Self.trade(-200, pct: -4, days: 5), Self.trade(100, pct: 2, days: 3),
                      Self.trade(-50, pct: -1, days: 2), Self.trade(0, pct: 0, days: 5)]
        let m = BacktestMetrics.compute(trades: trades, equity: [], initialCapital: 1_000, openFees: 0.5)
        #expect(m.totalTrades == 5 && m.winningTrades == 2 && m.losingTrades == 2)
        #expect(m.winRate == 40)                       // 2 of 5
        #expect(m.avgWinPct == 4 && m.avgLossPct == -2.5)  // (6 + 2) / 2, (−4 − 1) / 2
        #expect(m.profitFactor == 400.0 / 250.0)       // 400 gross profit / 250 gross loss
        #expect(m.expectancyPct == 0.6)                // (6 − 4 + 2 − 1 + 0) / 5
        #expect(m.bestTradePct == 6 && m.worstTradePct == -4 && m.avgDaysHeld == 5)
        #expect(m.feesPaid == 5.5)                     // 5 × 1 + 0.5 still open
    }

    @Test("profit factor is null with a reason when nothing lost")
    func noLosses() {
        let m = BacktestMetrics.compute(trades: [Self.trade(10, pct: 1, days: 1)], equity: [], initialCapital: 1_000)
        #expect(m.profitFactor == nil && m.profitFactorNote?.contains("no losing trades") == true)
    }

    @Test("drawdown depth, duration and exposure on a hand-made curve")
    func drawdownAndExposure() {
        // 1,000 → 1,100 (peak, day 1) → 880 (−20%) → 990 → 1,100 (back at the peak on day 5, 4 days later) → 1,050.
        let start = Day(year: 2024, month: 1, day: 1)!
        let values: [(Double, Double)] = [(1_000, 0), (1_100, 500), (880, 500), (990, 0), (1_100, 0), (1_050, 100)]
        let equity = values.enumerated().map { EquityPoint(date: start.adding(days: $0.offset), equity: $0.element.0,
                                                           cash: $0.element.0 - $0.element.1, positionsValue: $0.element.1) }
        let m = BacktestMetrics.compute(trades: [], equity: equity, initialCapital: 1_000)
        #expect(abs(m.maxDrawdownPct - 20) < 1e-12)
        #expect(m.maxDrawdownDays == 3)  // peak on day 1, recovered on day 4
        #expect(abs(m.exposurePct - 50) < 1e-12)  // 3 of 6 closes with a position
        #expect(abs(m.totalReturnPct - 5) < 1e-12 && abs(m.totalReturnDollars - 50) < 1e-9)
    }
}

/// The whole path: engine run with a benchmark, metrics checked against empyrical's figures for the
/// reference equity curve (our curve equals it to 1e-6, so the metrics agree to about that).
@Suite("Backtest result carries the reference metrics")
struct MetricsEndToEndTests {
    @Test("the engine's result reports empyrical's Sharpe, alpha and beta for the MSFT SMA cross")
    func engineMetrics() throws {
        let fixture = try JSONDecoder().decode(
            MetricsReferenceTests.FixtureFile.self, from: Data(contentsOf: ReferenceData.url("metrics/empyrical_expected.json")))
        let e = try #require(fixture.cases["sma_cross_10_20"])
        var spx = PriceSeries(ticker: "^GSPC")
        for row in try ReferenceData.rows("metrics/sp500_close.csv") {
            let c = try #require(Double(row["close"] ?? ""))
            spx.append(day: try #require(Day(iso: row["date"] ?? "")), open: c, high: c, low: c, close: c, volume: 0)
        }
        let strategy = try JSONDecoder().decode(
            TradingStrategy.self, from: Data(contentsOf: ReferenceData.url("reference-msft/sma_cross_10_20/strategy.json")))
        let r = try BacktestEngine.run(BacktestRequest(
            strategy: strategy, series: [ReferenceData.msft], benchmark: spx, start: Day(year: 2005, month: 1, day: 3)!,
            end: Day(year: 2017, month: 11, day: 10)!, initialCapital: 10_000, commissionPct: 0.2, slippageBps: 0,
            dataLabel: "MSFT daily bars (real prices)", universeLabel: "MSFT"))
        func near(_ a: Double?, _ b: Double) -> Bool { a.map { ReferenceData.close($0, b, rel: 1e-6) } ?? false }
        #expect(near(r.sharpeRatio, e.sharpe) && near(r.sortinoRatio, e.sortino) && near(r.calmarRatio, e.calmar))
        #expect(near(r.alphaPct, e.alpha * 100) && near(r.beta, e.beta))
        #expect(near(r.benchmarkReturnPct, e.benchmark_return * 100) && near(r.cagrPct, e.cagr * 100))
        #expect(r.assumptions.benchmark == "^GSPC" && r.benchmarkCurve.count == r.equityCurve.count)
        #expect(r.totalTrades == 80 && r.profitFactor != nil && r.feesPaid > 0)
    }
}
