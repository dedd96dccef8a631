import Foundation
import Testing
@testable import StrategyCore

/// CSCV against an independent Python implementation of the paper's algorithm
/// (scripts/fixtures/make_robustness_fixtures.py) on a fixed matrix, and the textbook cases.
@Suite("Probability of Backtest Overfitting")
struct RobustnessOverfittingTests {
    /// Every split of the 8-block run.
    struct FullSplits: Decodable {
        let pbo, slope, intercept, probability_of_loss: Double
        let rows_per_block, rows_dropped: Int
        let logits: [Double]
        let pairs: [[Double]]
    }
    /// Every 97th of the 12,870 splits of the 16-block run, and how often each variant was chosen.
    struct SampledSplits: Decodable {
        let pbo, slope, intercept, probability_of_loss: Double
        let logits: [String: Double]
        let pairs: [String: [Double]]
        let chosen_counts: [Int]
    }
    struct Blocks: Decodable {
        let eight: FullSplits
        let sixteen: SampledSplits
        enum CodingKeys: String, CodingKey { case eight = "8", sixteen = "16" }
    }
    struct FixtureFile: Decodable { let blocks: Blocks }

    static func fixture() throws -> Blocks {
        try JSONDecoder().decode(FixtureFile.self, from: Data(contentsOf: ReferenceData.url("robustness/pbo_expected.json"))).blocks
    }

    /// The matrix's columns: one return series per variant.
    static func variants() throws -> [[Double]] {
        let lines = try ReferenceData.text("robustness/pbo_returns.csv").split(separator: "\n").dropFirst()
        let rows = try lines.map { line in try line.split(separator: ",").map { try #require(Double($0)) } }
        return (0..<rows[0].count).map { j in rows.map { $0[j] } }
    }

    static func near(_ a: Double?, _ b: Double) -> Bool { a.map { ReferenceData.close($0, b, rel: 1e-9) } ?? false }

    @Test("8 blocks: every logit, pair and the PBO match the Python CSCV")
    func eightBlocks() throws {
        let full = try Self.fixture().eight, summary = full
        let result = try BacktestOverfitting.estimate(variants: try Self.variants(), blocks: 8)
        #expect(result.pbo == summary.pbo)
        #expect(result.rowsPerBlock == summary.rows_per_block && result.rowsDropped == summary.rows_dropped)
        #expect(result.logits.count == 70 && full.logits.count == 70)
        for (i, (ours, theirs)) in zip(result.logits, full.logits).enumerated() {
            #expect(ReferenceData.close(ours, theirs, rel: 1e-12), "logit \(i)")
        }
        for (i, (pair, theirs)) in zip(result.degradation, full.pairs).enumerated() {
            #expect(Double(pair.variant) == theirs[0] && Self.near(pair.inSample, theirs[1]) && Self.near(pair.outOfSample, theirs[2]),
                    "pair \(i)")
        }
        #expect(Self.near(result.degradationSlope, summary.slope) && Self.near(result.degradationIntercept, summary.intercept))
        #expect(result.probabilityOfLoss == summary.probability_of_loss)
    }

    @Test("16 blocks (the default): PBO, the sampled splits and the winners' counts match")
    func sixteenBlocks() throws {
        let sampled = try Self.fixture().sixteen, summary = sampled
        let result = try BacktestOverfitting.estimate(variants: try Self.variants())
        #expect(result.blocks == 16 && result.logits.count == 12_870)
        #expect(result.pbo == summary.pbo && result.probabilityOfLoss == summary.probability_of_loss)
        #expect(Self.near(result.degradationSlope, summary.slope) && Self.near(result.degradationIntercept, summary.intercept))
        for (key, logit) in sampled.logits {
            let i = try #require(Int(key))
            #expect(ReferenceData.close(result.logits[i], logit, rel: 1e-12), "logit \(i)")
            let pair = try #require(sampled.pairs[key])
            #expect(Double(result.degradation[i].variant) == pair[0] && Self.near(result.degradation[i].inSample, pair[1])
                    && Self.near(result.degradation[i].outOfSample, pair[2]), "pair \(i)")
        }
        var counts = [Int](repeating: 0, count: sampled.chosen_counts.count)
        for pair in result.degradation { counts[pair.variant] += 1 }
        #expect(counts == sampled.chosen_counts)
    }

    /// Variants of pure noise: N(0, 1%) daily returns from a seeded generator, plus `edge` on variant 0.
    static func noise(variants: Int, periods: Int, seed: UInt64, edge: Double = 0) -> [[Double]] {
        var rng = SplitMix64(seed: seed)
        return (0..<variants).map { v in (0..<periods).map { _ in 0.01 * rng.normal() + (v == 0 ? edge : 0) } }
    }

    @Test("pure-noise strategies overfit half the time: the mean PBO over 20 matrices is near 0.5")
    func pureNoise() throws {
        var total = 0.0
        for seed in UInt64(1)...20 {
            total += try BacktestOverfitting.estimate(variants: Self.noise(variants: 10, periods: 480, seed: seed)).pbo
        }
        let mean = total / 20
        #expect(abs(mean - 0.5) < 0.1, "mean PBO \(mean)")
    }

    @Test("one dominant strategy is never overfit: PBO near 0")
    func dominant() throws {
        // Variant 0 earns 0.4% a day on top of the same 1% noise: a daily Sharpe of about 0.4.
        let result = try BacktestOverfitting.estimate(variants: Self.noise(variants: 10, periods: 480, seed: 7, edge: 0.004))
        #expect(result.pbo < 0.01, "PBO \(result.pbo)")
        #expect(result.degradation.allSatisfy { $0.variant == 0 })
    }

    @Test("identical variants tie: the lowest index is chosen and ranks are shared")
    func ties() throws {
        let one = Self.noise(variants: 1, periods: 64, seed: 3)[0]
        let result = try BacktestOverfitting.estimate(variants: [one, one, one], blocks: 4)
        // All three tie in every split: variant 0 is chosen, its rank is the average 2 of 3, ω = 1/2, λ = 0.
        #expect(result.degradation.allSatisfy { $0.variant == 0 })
        #expect(result.logits.allSatisfy { $0 == 0 } && result.pbo == 1)
    }

    @Test("bad input says what to change", arguments: [
        ([[0.01, 0.02, 0.0, 0.01], [0.0, 0.01, 0.02, 0.0]], 3, RobustnessError.blocksNotEven(3)),
        ([[0.01, 0.02, 0.0, 0.01]], 2, RobustnessError.tooFewVariants(1)),
        ([[0.01, 0.02, 0.0], [0.0, 0.01, 0.02]], 2, RobustnessError.tooFewPeriods(periods: 3, needed: 4)),
        ([[0.01, 0.02, 0.0, 0.01], [0.0, 0.01]], 2, RobustnessError.unequalLengths(variant: 1, count: 2, expected: 4)),
        ([[0.01, 0.02, 0.0, 0.01], [0.0, .nan, 0.02, 0.0]], 2, RobustnessError.notFinite(variant: 1, period: 1)),
    ])
    func badInput(variants: [[Double]], blocks: Int, expected: RobustnessError) {
        #expect(throws: expected) { try BacktestOverfitting.estimate(variants: variants, blocks: blocks) }
        #expect(expected.errorDescription?.isEmpty == false)
    }

    @Test("combinations come in lexicographic order, C(n, k) of them")
    func combinations() {
        #expect(Array(Combinations(of: 4, choose: 2)) == [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]])
        #expect(Array(Combinations(of: 16, choose: 8)).count == 12_870)
    }
}
