import Foundation
import Testing
@testable import StrategyCore

/// Per-regime metrics against numpy (scripts/fixtures/make_robustness_fixtures.py) on the reference
/// equity curves, with the real S&P 500 as the benchmark and its 2004 closes as the warm-up.
@Suite("Regimes agree with numpy")
struct RobustnessRegimeTests {
    struct Expected: Decodable {
        let days: Int
        let share_pct, total_return_pct, max_drawdown_pct, winning_days_pct, benchmark_return_pct: Double
        let sharpe, sortino: Double?
    }
    struct Case: Decodable {
        let volatility_median: Double
        let unclassified_trend, unclassified_volatility: Int
        let above, below, high, low: Expected
    }
    struct FixtureFile: Decodable { let cases: [String: Case] }

    static func near(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return ReferenceData.close(a, b, rel: 1e-9)
    }

    static func analyze(_ name: String) throws -> RegimeAnalysis.Result {
        let equity = try ReferenceData.rows("reference-msft/\(name)/equity.csv").map { try #require(Double($0["equity"] ?? "")) }
        let closes = try ReferenceData.rows("robustness/sp500_regime_closes.csv").map { try #require(Double($0["close"] ?? "")) }
        return try #require(RegimeAnalysis.analyze(equity: equity, initialCapital: 10_000, benchmarkCloses: closes))
    }

    @Test("days, returns, Sharpe, Sortino, drawdown and the benchmark per regime match to 1e-9",
          arguments: ["rsi_30_70", "trend_sma50_timeout30"])
    func matchesNumpy(name: String) throws {
        let file = try JSONDecoder().decode(FixtureFile.self, from: Data(contentsOf: ReferenceData.url("robustness/regimes_expected.json")))
        let e = try #require(file.cases[name])
        let result = try Self.analyze(name)
        #expect(result.unclassifiedTrendDays == e.unclassified_trend && result.unclassifiedVolatilityDays == e.unclassified_volatility)
        #expect(Self.near(result.volatilityMedian, e.volatility_median))
        let pairs = [(result.trend[0], e.above), (result.trend[1], e.below), (result.volatility[0], e.high), (result.volatility[1], e.low)]
        for (ours, theirs) in pairs {
            #expect(ours.days == theirs.days, "\(ours.regime) days")
            #expect(Self.near(ours.sharePct, theirs.share_pct) && Self.near(ours.totalReturnPct, theirs.total_return_pct), "\(ours.regime)")
            #expect(Self.near(ours.sharpeRatio, theirs.sharpe) && Self.near(ours.sortinoRatio, theirs.sortino), "\(ours.regime)")
            #expect(Self.near(ours.maxDrawdownPct, theirs.max_drawdown_pct) && Self.near(ours.winningDaysPct, theirs.winning_days_pct),
                    "\(ours.regime)")
            #expect(Self.near(ours.benchmarkReturnPct, theirs.benchmark_return_pct), "\(ours.regime)")
        }
    }

    @Test("with a year of warm-up every day is classified, and the splits cover every day")
    func coverage() throws {
        let result = try Self.analyze("rsi_30_70")
        #expect(result.unclassifiedTrendDays == 0 && result.unclassifiedVolatilityDays == 0)
        #expect(result.trend.map(\.regime) == [.aboveTrend, .belowTrend] && result.volatility.map(\.regime) == [.highVolatility, .lowVolatility])
        #expect(result.trend[0].days + result.trend[1].days == 3_239 && result.volatility[0].days + result.volatility[1].days == 3_239)
    }

    @Test("a hand-made curve: the benchmark rises then falls below its average")
    func handMade() throws {
        // Benchmark: 200 closes at 100, then 10 days at 110 (above its average), then 10 at 90 (below).
        let closes = [Double](repeating: 100, count: 200) + [Double](repeating: 110, count: 10) + [Double](repeating: 90, count: 10)
        // The strategy gains 1% on each of the first 10 days of the curve and loses 1% on each of the next 10.
        var equity: [Double] = [], value = 1_000.0
        for day in 0..<20 {
            value *= day < 10 ? 1.01 : 0.99
            equity.append(value)
        }
        let result = try #require(RegimeAnalysis.analyze(equity: equity, initialCapital: 1_000, benchmarkCloses: closes))
        let above = result.trend[0], below = result.trend[1]
        #expect(above.days == 10 && below.days == 10)
        #expect(abs(above.totalReturnPct - (pow(1.01, 10) - 1) * 100) < 1e-9 && above.winningDaysPct == 100)
        #expect(abs(below.totalReturnPct - (pow(0.99, 10) - 1) * 100) < 1e-9 && below.winningDaysPct == 0)
        // The benchmark: +10% into the first above day; −18.18% into the first below day, flat otherwise.
        #expect(abs(above.benchmarkReturnPct - 10) < 1e-9 && abs(below.benchmarkReturnPct - (90.0 / 110 - 1) * 100) < 1e-9)
        #expect(abs(below.maxDrawdownPct - (1 - pow(0.99, 10)) * 100) < 1e-9)
    }

    @Test("a benchmark shorter than the curve, or a bad close, gives no analysis")
    func badInput() {
        #expect(RegimeAnalysis.analyze(equity: [1, 2, 3], initialCapital: 1, benchmarkCloses: [1, 2]) == nil)
        #expect(RegimeAnalysis.analyze(equity: [1, 2], initialCapital: 1, benchmarkCloses: [1, 0]) == nil)
        #expect(RegimeAnalysis.analyze(equity: [], initialCapital: 1, benchmarkCloses: [1]) == nil)
    }
}
