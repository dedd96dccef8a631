import Foundation

/// The exact one-sided binomial test used to flag a strategy whose live hit rate fell below its backtest.
///
/// H0: live trades win with the backtest's win rate `p`. H1: they win less often. The p-value is
/// P(X ≤ k) for X ~ Binomial(n, p), the exact lower-tail CDF (as scipy's `binomtest(k, n, p,
/// alternative="less")`). Terms are summed in log space so large `n` neither overflows nor underflows.
package enum BinomialTest {
    /// The significance level at which decay is flagged.
    package static let alpha = 0.05

    /// P(X ≤ k) for X ~ Binomial(n, p). Returns 1 for k ≥ n, and handles p of 0 or 1 exactly.
    package static func lowerTail(successes k: Int, trials n: Int, probability p: Double) -> Double {
        guard n > 0, k >= 0 else { return k < 0 ? 0 : 1 }
        if k >= n { return 1 }
        let p = min(1, max(0, p))
        if p == 0 { return 1 }
        if p == 1 { return 0 }
        let logP = log(p), logQ = log1p(-p)
        var terms: [Double] = []
        terms.reserveCapacity(k + 1)
        // log C(n, i), built up term by term: C(n, i) = C(n, i − 1) × (n − i + 1) / i.
        var logChoose = 0.0
        for i in 0...k {
            if i > 0 { logChoose += log(Double(n - i + 1)) - log(Double(i)) }
            terms.append(logChoose + Double(i) * logP + Double(n - i) * logQ)
        }
        let top = terms.max() ?? 0
        let sum = terms.reduce(0.0) { $0 + exp($1 - top) }
        return min(1, exp(top) * sum)
    }

    /// The decay verdict: the p-value, and whether it is below `alpha`.
    package struct Result: Codable, Hashable, Sendable {
        package var wins: Int
        package var trades: Int
        package var backtestWinRatePct: Double
        package var pValue: Double
        package var decayed: Bool
    }

    /// Tests live `wins` of `trades` against a backtest win rate in percent; nil with no trades or no backtest rate.
    package static func decay(wins: Int, trades: Int, backtestWinRatePct: Double?) -> Result? {
        guard trades > 0, let rate = backtestWinRatePct, rate.isFinite else { return nil }
        let p = lowerTail(successes: wins, trials: trades, probability: rate / 100)
        return Result(wins: wins, trades: trades, backtestWinRatePct: rate, pValue: p, decayed: p < alpha)
    }
}
