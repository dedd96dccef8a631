import Foundation

/// The Probability of Backtest Overfitting by combinatorially symmetric cross-validation (CSCV;
/// Bailey, Borwein, López de Prado and Zhu 2015, "The Probability of Backtest Overfitting").
///
/// Call `BacktestOverfitting.estimate(variants:blocks:)` with the T×N matrix of per-period returns given as
/// N columns (one per variant of a sweep, each with the same T days). The procedure:
/// 1. The T rows are cut into `blocks` (S, even, default 16) equal consecutive blocks of ⌊T/S⌋ rows; the
///    `T mod S` oldest rows are left out.
/// 2. Every choice of S/2 blocks (C(S, S/2) of them, in lexicographic order of block indices) is a
///    training set; the other S/2 blocks are its test set. Rows keep their time order.
/// 3. The objective is the per-period Sharpe ratio (mean over sample standard deviation; 0 for a
///    variant whose returns do not vary in that set). The variant with the best training Sharpe is
///    chosen; ties go to the lowest variant index.
/// 4. The chosen variant's test Sharpe is ranked among all N test Sharpes (1 = worst, ties share the
///    average rank); ω = rank / (N + 1) and the logit is λ = ln(ω / (1 − ω)).
/// 5. PBO is the share of splits with λ ≤ 0: the training winner landed at or below the test median.
///
/// The result also holds each split's (training, test) Sharpe of the chosen variant — the performance
/// degradation pairs — with their least-squares line, and the share of splits where the chosen variant
/// lost money out of sample. Sharpe ratios here are per period; × √252 annualises daily ones.
package struct BacktestOverfitting: Codable, Hashable, Sendable {
    /// The chosen variant's Sharpe in one split: in sample (training) and out of sample (test).
    package struct Degradation: Codable, Hashable, Sendable {
        package var variant: Int
        package var inSample: Double
        package var outOfSample: Double
    }

    /// Probability of Backtest Overfitting, in [0, 1].
    package var pbo: Double
    /// One logit per split, in split order.
    package var logits: [Double]
    package var degradation: [Degradation]
    /// Slope and intercept of out-of-sample on in-sample Sharpe across the splits (nil if all in-sample equal).
    package var degradationSlope: Double?
    package var degradationIntercept: Double?
    /// Share of splits in which the chosen variant's out-of-sample Sharpe was below zero.
    package var probabilityOfLoss: Double
    package var blocks: Int
    package var rowsPerBlock: Int
    /// Oldest rows left out so the blocks are equal.
    package var rowsDropped: Int
    package var variants: Int

    package static let defaultBlocks = 16

    package static func estimate(variants columns: [[Double]], blocks: Int = defaultBlocks) throws -> BacktestOverfitting {
        guard blocks >= 2, blocks % 2 == 0 else { throw RobustnessError.blocksNotEven(blocks) }
        guard columns.count >= 2 else { throw RobustnessError.tooFewVariants(columns.count) }
        let periods = columns[0].count
        for (v, column) in columns.enumerated() {
            guard column.count == periods else {
                throw RobustnessError.unequalLengths(variant: v, count: column.count, expected: periods)
            }
            if let t = column.firstIndex(where: { !$0.isFinite }) { throw RobustnessError.notFinite(variant: v, period: t) }
        }
        // Each half needs two rows for a standard deviation.
        let needed = max(blocks, 4)
        guard periods >= needed else { throw RobustnessError.tooFewPeriods(periods: periods, needed: needed) }

        let n = columns.count, rows = periods / blocks, dropped = periods % blocks
        // Per variant and block: sum and sum of squares, so a split's Sharpe costs S/2 additions.
        var sums = [Double](repeating: 0, count: n * blocks), squares = sums
        var totalSums = [Double](repeating: 0, count: n), totalSquares = totalSums
        for (v, column) in columns.enumerated() {
            for b in 0..<blocks {
                var s = 0.0, q = 0.0
                for x in column[(dropped + b * rows)..<(dropped + (b + 1) * rows)] {
                    s += x
                    q += x * x
                }
                sums[v * blocks + b] = s
                squares[v * blocks + b] = q
                totalSums[v] += s
                totalSquares[v] += q
            }
        }

        var logits: [Double] = [], pairs: [Degradation] = []
        var inSample = [Double](repeating: 0, count: n), outOfSample = inSample
        let halfRows = Double(rows * blocks / 2)
        sums.withUnsafeBufferPointer { sums in
            squares.withUnsafeBufferPointer { squares in
                for training in Combinations(of: blocks, choose: blocks / 2) {
                    for v in 0..<n {
                        var s = 0.0, q = 0.0
                        for b in training {
                            s += sums[v * blocks + b]
                            q += squares[v * blocks + b]
                        }
                        inSample[v] = sharpe(sum: s, squares: q, count: halfRows)
                        outOfSample[v] = sharpe(sum: totalSums[v] - s, squares: totalSquares[v] - q, count: halfRows)
                    }
                    var best = 0
                    for v in 1..<n where inSample[v] > inSample[best] { best = v }
                    let chosen = outOfSample[best]
                    var below = 0, equal = 0
                    for x in outOfSample {
                        if x < chosen { below += 1 } else if x == chosen { equal += 1 }
                    }
                    let omega = (Double(below) + Double(equal + 1) / 2) / Double(n + 1)
                    logits.append(log(omega / (1 - omega)))
                    pairs.append(Degradation(variant: best, inSample: inSample[best], outOfSample: chosen))
                }
            }
        }

        let splits = Double(logits.count)
        let line = leastSquares(pairs.map(\.inSample), pairs.map(\.outOfSample))
        return BacktestOverfitting(
            pbo: Double(logits.count { $0 <= 0 }) / splits, logits: logits, degradation: pairs,
            degradationSlope: line?.slope, degradationIntercept: line?.intercept,
            probabilityOfLoss: Double(pairs.count { $0.outOfSample < 0 }) / splits,
            blocks: blocks, rowsPerBlock: rows, rowsDropped: dropped, variants: n)
    }

    /// Mean over sample standard deviation from running sums; 0 when the returns do not vary.
    static func sharpe(sum: Double, squares: Double, count: Double) -> Double {
        let mean = sum / count
        let variance = (squares - sum * mean) / (count - 1)
        return variance > 0 ? mean / variance.squareRoot() : 0
    }

    static func leastSquares(_ x: [Double], _ y: [Double]) -> (slope: Double, intercept: Double)? {
        guard x.count > 1 else { return nil }
        let mx = BacktestMetrics.mean(x), my = BacktestMetrics.mean(y)
        var sxy = 0.0, sxx = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
        }
        guard sxx > 0 else { return nil }
        return (sxy / sxx, my - sxy / sxx * mx)
    }
}

/// The k-element subsets of 0..<n in lexicographic order, each as ascending indices.
struct Combinations: Sequence, IteratorProtocol {
    private var current: [Int]?
    private let n: Int

    init(of n: Int, choose k: Int) {
        self.n = n
        current = k <= n ? Array(0..<k) : nil
    }

    mutating func next() -> [Int]? {
        guard let c = current else { return nil }
        var next = c
        var i = next.count - 1
        while i >= 0, next[i] == n - next.count + i { i -= 1 }
        if i < 0 {
            current = nil
        } else {
            next[i] += 1
            for j in (i + 1)..<next.count { next[j] = next[j - 1] + 1 }
            current = next
        }
        return c
    }
}
