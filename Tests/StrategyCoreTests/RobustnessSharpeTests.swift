import Foundation
import Testing
@testable import StrategyCore

/// The Sharpe statistics against the papers' own worked examples, printed to four (or two) decimals.
@Suite("Sharpe statistics reproduce the published examples")
struct RobustnessPublishedSharpeTests {
    /// Agreement to the printed digits: within half a unit of the last digit the paper shows.
    static func printed(_ value: Double?, _ paper: Double, decimals: Int) -> Bool {
        guard let value else { return false }
        return abs(value - paper) <= 0.5 * pow(10, -Double(decimals)) + 1e-12
    }

    // Bailey & López de Prado (2014), "The Deflated Sharpe Ratio", section "A numerical example":
    // N = 100 trials, V[{SR_n}] = 1/2 annualised, T = 1250 daily returns (250 a year), γ₃ = −3, γ₄ = 10,
    // an annualised Sharpe of 2.5. The paper prints SR₀ ≈ 0.1132 (per day) and DSR ≈ 0.9004; the DSR
    // would have been 0.9505 after N = 46 trials, and 0.9505 at N = 88 had the returns been normal.
    static let paperSharpe = 2.5 / 250.0.squareRoot()
    static let paperVariance = 0.5 / 250

    @Test("DSR paper: SR₀ ≈ 0.1132 and DSR ≈ 0.9004 after 100 trials")
    func deflatedExample() {
        #expect(Self.printed(SharpeStatistics.expectedMaximumSharpe(trials: 100, variance: Self.paperVariance), 0.1132, decimals: 4))
        let dsr = SharpeStatistics.deflated(sharpe: Self.paperSharpe, observations: 1250, skewness: -3, kurtosis: 10,
                                            trials: 100, trialVariance: Self.paperVariance)
        #expect(Self.printed(dsr, 0.9004, decimals: 4))
    }

    @Test("DSR paper: 0.9505 after 46 trials, and 0.9505 at 88 trials with normal returns")
    func deflatedThresholds() {
        let at46 = SharpeStatistics.deflated(sharpe: Self.paperSharpe, observations: 1250, skewness: -3, kurtosis: 10,
                                             trials: 46, trialVariance: Self.paperVariance)
        let normal88 = SharpeStatistics.deflated(sharpe: Self.paperSharpe, observations: 1250, skewness: 0, kurtosis: 3,
                                                 trials: 88, trialVariance: Self.paperVariance)
        #expect(Self.printed(at46, 0.9505, decimals: 4))
        #expect(Self.printed(normal88, 0.9505, decimals: 4))
    }

    // Bailey & López de Prado (2012), "The Sharpe Ratio Efficient Frontier", section 5: an annualised
    // Sharpe of 2 against a benchmark of 1 at 95% confidence needs 2.73, 2.83 and 3.24 years of daily
    // (252 a year), weekly (52) and monthly (12) IID normal returns.
    @Test("Efficient Frontier paper: minimum track record of 2.73, 2.83 and 3.24 years", arguments: [
        (252, 2.73), (52, 2.83), (12, 3.24),
    ])
    func minimumTrackRecord(periodsPerYear: Int, years: Double) {
        let p = Double(periodsPerYear)
        let length = SharpeStatistics.minimumTrackRecordLength(sharpe: 2 / p.squareRoot(), benchmark: 1 / p.squareRoot(),
                                                               skewness: 0, kurtosis: 3, confidence: 0.95)
        #expect(Self.printed(length.map { $0 / p }, years, decimals: 2))
    }

    // Bailey & López de Prado (2012), section 3: an annualised Sharpe of 1.59 over 24 monthly normal
    // returns has PSR(0) ≈ 0.982.
    @Test("Efficient Frontier paper: PSR(0) ≈ 0.982 for 1.59 over two years of months")
    func probabilisticExample() {
        let psr = SharpeStatistics.probabilistic(sharpe: 1.59 / 12.0.squareRoot(), observations: 24, skewness: 0, kurtosis: 3)
        #expect(Self.printed(psr, 0.982, decimals: 3))
    }

    @Test("no track record is long enough for a Sharpe at or below its benchmark")
    func noMinimumWhenNotAbove() {
        #expect(SharpeStatistics.minimumTrackRecordLength(sharpe: 0.05, benchmark: 0.05, skewness: 0, kurtosis: 3) == nil)
        #expect(SharpeStatistics.minimumTrackRecordLength(sharpe: -0.01, skewness: 0, kurtosis: 3) == nil)
    }

    @Test("one trial deflates nothing: the DSR is the PSR against zero")
    func oneTrial() {
        let psr = SharpeStatistics.probabilistic(sharpe: 0.08, observations: 500, skewness: -0.4, kurtosis: 6)
        let dsr = SharpeStatistics.deflated(sharpe: 0.08, observations: 500, skewness: -0.4, kurtosis: 6, trials: 1, trialVariance: 0.01)
        #expect(psr != nil && psr == dsr)
    }
}

/// The same statistics against scipy on real return series (scripts/fixtures/make_robustness_fixtures.py).
@Suite("Sharpe statistics agree with scipy on the reference equity curves")
struct RobustnessSharpeFixtureTests {
    struct Moments: Decodable { let count: Int; let mean, standard_deviation, sharpe, skewness, kurtosis: Double }
    struct Deflated: Decodable { let expected_max_sharpe, dsr: Double }
    struct Case: Decodable {
        let moments: Moments
        let psr_zero, psr_benchmark, min_trl_zero_95: Double
        let min_trl_benchmark_99: Double?
        let deflated: [String: Deflated]
    }
    struct FixtureFile: Decodable {
        let trial_variance, benchmark_sharpe: Double
        let cases: [String: Case]
        let normal_quantile, normal_cdf: [[Double]]
    }

    static let fixture: FixtureFile? = try? JSONDecoder().decode(
        FixtureFile.self, from: Data(contentsOf: ReferenceData.url("robustness/sharpe_expected.json")))

    /// Daily returns of a reference equity curve, the first against the starting 10,000.
    static func returns(_ name: String) throws -> [Double] {
        let equity = try ReferenceData.rows("reference-msft/\(name)/equity.csv").map { try #require(Double($0["equity"] ?? "")) }
        return BacktestMetrics.dailyReturns(equity, base: 10_000)
    }

    static func near(_ a: Double?, _ b: Double?, rel: Double = 1e-9) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return ReferenceData.close(a, b, rel: rel)
    }

    @Test("moments, PSR, DSR and MinTRL match to 1e-9", arguments: MetricsReferenceTests.cases)
    func matchesScipy(name: String) throws {
        let fixture = try #require(Self.fixture)
        let e = try #require(fixture.cases[name])
        let r = try Self.returns(name)
        let m = try #require(ReturnMoments(returns: r))
        #expect(m.count == e.moments.count)
        #expect(Self.near(m.mean, e.moments.mean) && Self.near(m.standardDeviation, e.moments.standard_deviation))
        #expect(Self.near(m.sharpe, e.moments.sharpe))
        #expect(Self.near(m.skewness, e.moments.skewness) && Self.near(m.kurtosis, e.moments.kurtosis))
        let sr = try #require(m.sharpe)
        #expect(Self.near(SharpeStatistics.probabilistic(sharpe: sr, observations: m.count, skewness: m.skewness, kurtosis: m.kurtosis),
                          e.psr_zero))
        #expect(Self.near(SharpeStatistics.probabilistic(sharpe: sr, benchmark: fixture.benchmark_sharpe, observations: m.count,
                                                         skewness: m.skewness, kurtosis: m.kurtosis), e.psr_benchmark))
        #expect(Self.near(SharpeStatistics.minimumTrackRecordLength(sharpe: sr, skewness: m.skewness, kurtosis: m.kurtosis),
                          e.min_trl_zero_95))
        #expect(Self.near(SharpeStatistics.minimumTrackRecordLength(sharpe: sr, benchmark: fixture.benchmark_sharpe,
                                                                    skewness: m.skewness, kurtosis: m.kurtosis, confidence: 0.99),
                          e.min_trl_benchmark_99))
        for (trials, d) in e.deflated {
            let n = try #require(Int(trials))
            #expect(Self.near(SharpeStatistics.expectedMaximumSharpe(trials: n, variance: fixture.trial_variance), d.expected_max_sharpe),
                    "E[max SR] at N = \(n)")
            // The tiny DSRs sit deep in the normal's tail, where a relative 1e-9 still holds; 1e-12 absolute covers zero.
            let dsr = try #require(SharpeStatistics.deflated(sharpe: sr, observations: m.count, skewness: m.skewness,
                                                             kurtosis: m.kurtosis, trials: n, trialVariance: fixture.trial_variance))
            #expect(ReferenceData.close(dsr, d.dsr, rel: 1e-8) || abs(dsr - d.dsr) < 1e-15, "DSR at N = \(n)")
        }
    }

    @Test("the summary of a return series carries the same figures")
    func summary() throws {
        let fixture = try #require(Self.fixture)
        let e = try #require(fixture.cases["sma_cross_10_20"])
        let s = try #require(SharpeStatistics.Summary.of(returns: try Self.returns("sma_cross_10_20"), trials: 10,
                                                         trialVariance: fixture.trial_variance))
        let d = try #require(e.deflated["10"])
        #expect(s.trials == 10 && Self.near(s.sharpe, e.moments.sharpe))
        #expect(Self.near(s.probabilisticSharpeRatio, e.psr_zero) && Self.near(s.deflatedSharpeRatio, d.dsr))
        #expect(Self.near(s.expectedMaximumSharpe, d.expected_max_sharpe) && Self.near(s.minTrackRecordLength, e.min_trl_zero_95))
    }

    @Test("Φ and Φ⁻¹ match scipy to 1e-12 relative, through both tails")
    func normalDistribution() throws {
        let fixture = try #require(Self.fixture)
        for pair in fixture.normal_quantile {
            #expect(ReferenceData.close(NormalDistribution.quantile(pair[0]), pair[1], rel: 1e-12), "Φ⁻¹(\(pair[0]))")
        }
        for pair in fixture.normal_cdf {
            #expect(ReferenceData.close(NormalDistribution.cdf(pair[0]), pair[1], rel: 1e-12) || abs(pair[1]) < 1e-300,
                    "Φ(\(pair[0]))")
        }
        #expect(NormalDistribution.quantile(0) == -.infinity && NormalDistribution.quantile(1) == .infinity)
        #expect(NormalDistribution.quantile(1.5).isNaN && NormalDistribution.quantile(-0.1).isNaN)
    }

    @Test("returns that never vary, or too few, have no Sharpe statistics")
    func degenerate() {
        #expect(ReturnMoments(returns: [0.01]) == nil)
        #expect(ReturnMoments(returns: [0.01, .nan, 0.02]) == nil)
        #expect(ReturnMoments(returns: [0, 0, 0])?.sharpe == nil)
        #expect(SharpeStatistics.Summary.of(returns: [0.001, 0.001, 0.001]) == nil)
    }
}
