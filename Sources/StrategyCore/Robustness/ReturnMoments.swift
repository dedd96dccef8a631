import Foundation

/// The moments of a series of per-period returns that the Sharpe statistics need.
///
/// Definitions (Bailey & López de Prado 2012, "The Sharpe Ratio Efficient Frontier"):
/// - `sharpe` is the per-period (not annualised) Sharpe ratio, mean over the sample standard
///   deviation (n − 1), with a zero risk-free rate; times √252 it is the `sharpe_ratio` a backtest shows.
/// - `skewness` γ₃ = m₃ / m₂^{3/2} and `kurtosis` γ₄ = m₄ / m₂², the plug-in central-moment ratios
///   (scipy's `skew` and `kurtosis(fisher=False)` with their default `bias=True`). The kurtosis is the
///   ordinary one, 3 for normal returns, not the excess.
///
/// Usage: `ReturnMoments(returns: dailyReturns)` — nil for fewer than two returns or any non-finite value.
package struct ReturnMoments: Codable, Hashable, Sendable {
    package var count: Int
    package var mean: Double
    /// Sample standard deviation (n − 1).
    package var standardDeviation: Double
    /// Per-period Sharpe ratio; nil when the returns never vary.
    package var sharpe: Double?
    package var skewness: Double
    /// Ordinary kurtosis: 3 for a normal distribution.
    package var kurtosis: Double

    package init?(returns: [Double]) {
        guard returns.count > 1, returns.allSatisfy(\.isFinite) else { return nil }
        let n = Double(returns.count)
        let mu = returns.reduce(0, +) / n
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for r in returns {
            let d = r - mu, d2 = d * d
            m2 += d2
            m3 += d2 * d
            m4 += d2 * d2
        }
        count = returns.count
        mean = mu
        standardDeviation = (m2 / (n - 1)).squareRoot()
        m2 /= n
        m3 /= n
        m4 /= n
        sharpe = m2 > 0 ? mu / standardDeviation : nil
        // With no variation the shape is undefined; the normal's values keep the formulas neutral.
        skewness = m2 > 0 ? m3 / pow(m2, 1.5) : 0
        kurtosis = m2 > 0 ? m4 / (m2 * m2) : 3
    }
}
