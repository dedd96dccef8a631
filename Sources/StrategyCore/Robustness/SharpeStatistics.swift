import Foundation

/// How much a Sharpe ratio can be trusted: the Probabilistic Sharpe Ratio, the Deflated Sharpe Ratio
/// and the minimum track record length (Bailey & López de Prado 2012, "The Sharpe Ratio Efficient
/// Frontier"; 2014, "The Deflated Sharpe Ratio").
///
/// Every Sharpe ratio here is per period (daily for a backtest: the annualised figure over √252), and
/// every kurtosis is the ordinary one (3 for normal returns). `ReturnMoments` supplies all three from
/// a return series.
///
/// - `probabilistic(sharpe:benchmark:observations:skewness:kurtosis:)`: PSR, P(true SR > benchmark).
/// - `expectedMaximumSharpe(trials:variance:)`: the Sharpe the best of N skill-less trials reaches.
/// - `deflated(sharpe:observations:skewness:kurtosis:trials:trialVariance:)`: DSR, the PSR against
///   that expected maximum.
/// - `minimumTrackRecordLength(sharpe:benchmark:skewness:kurtosis:confidence:)`: the observations
///   needed for the PSR to reach `confidence`.
/// - `SharpeStatistics.Summary.of(returns:trials:trialVariance:)`: all of them for one return series.
package enum SharpeStatistics {
    /// The Euler–Mascheroni constant γ.
    package static let eulerMascheroni = 0.577_215_664_901_532_9

    /// The variance of the Sharpe estimate times (T − 1): 1 − γ₃·SR + (γ₄ − 1)/4·SR².
    static func varianceFactor(sharpe: Double, skewness: Double, kurtosis: Double) -> Double {
        1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe
    }

    /// PSR(SR*) = Φ[(SR − SR*)·√(T − 1) / √(1 − γ₃·SR + (γ₄ − 1)/4·SR²)].
    ///
    /// Nil with fewer than two observations or moments that give no positive variance.
    package static func probabilistic(
        sharpe: Double, benchmark: Double = 0, observations: Int, skewness: Double, kurtosis: Double
    ) -> Double? {
        let factor = varianceFactor(sharpe: sharpe, skewness: skewness, kurtosis: kurtosis)
        guard observations > 1, factor > 0, sharpe.isFinite, benchmark.isFinite else { return nil }
        return NormalDistribution.cdf((sharpe - benchmark) * Double(observations - 1).squareRoot() / factor.squareRoot())
    }

    /// E[max SR] ≈ √V·[(1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))], for N trials whose Sharpe ratios
    /// have variance V around a true Sharpe of zero.
    ///
    /// One trial selects nothing, so its expected maximum is 0.
    package static func expectedMaximumSharpe(trials: Int, variance: Double) -> Double {
        guard trials > 1, variance > 0 else { return 0 }
        let n = Double(trials)
        let z = (1 - eulerMascheroni) * NormalDistribution.quantile(1 - 1 / n)
            + eulerMascheroni * NormalDistribution.quantile(1 - 1 / (n * M_E))
        return variance.squareRoot() * z
    }

    /// DSR = PSR(E[max SR]): the probability that the true Sharpe is above what the best of
    /// `trials` skill-less trials would show. With one trial it is the PSR against zero.
    package static func deflated(
        sharpe: Double, observations: Int, skewness: Double, kurtosis: Double, trials: Int, trialVariance: Double
    ) -> Double? {
        let hurdle = expectedMaximumSharpe(trials: trials, variance: trialVariance)
        return probabilistic(sharpe: sharpe, benchmark: hurdle, observations: observations,
                             skewness: skewness, kurtosis: kurtosis)
    }

    /// MinTRL = 1 + (1 − γ₃·SR + (γ₄ − 1)/4·SR²)·(Φ⁻¹(confidence) / (SR − SR*))², in observations.
    ///
    /// Nil when the Sharpe is not above the benchmark: no track record is then long enough.
    package static func minimumTrackRecordLength(
        sharpe: Double, benchmark: Double = 0, skewness: Double, kurtosis: Double, confidence: Double = 0.95
    ) -> Double? {
        let factor = varianceFactor(sharpe: sharpe, skewness: skewness, kurtosis: kurtosis)
        guard sharpe > benchmark, factor > 0, confidence > 0, confidence < 1 else { return nil }
        let z = NormalDistribution.quantile(confidence) / (sharpe - benchmark)
        return 1 + factor * z * z
    }
}
