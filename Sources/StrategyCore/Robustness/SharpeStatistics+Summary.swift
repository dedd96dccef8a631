import Foundation

extension SharpeStatistics {
    /// The Sharpe figures a backtest result shows, from its per-period (daily) returns.
    ///
    /// `SharpeStatistics.Summary.of(returns:trials:trialVariance:)` with the daily returns of the equity
    /// curve (flat days included), the family's trial count and the variance of the trials' per-period
    /// Sharpe ratios (`TrialCount` gives both). With one trial the deflated figure equals the PSR.
    package struct Summary: Codable, Hashable, Sendable {
        package var moments: ReturnMoments
        /// Per-period Sharpe ratio.
        package var sharpe: Double
        /// P(true Sharpe > 0).
        package var probabilisticSharpeRatio: Double
        /// The trials the deflation counted.
        package var trials: Int
        /// The per-period Sharpe the best of `trials` skill-less trials is expected to reach.
        package var expectedMaximumSharpe: Double
        /// P(true Sharpe > expectedMaximumSharpe).
        package var deflatedSharpeRatio: Double
        /// Observations needed for P(true Sharpe > 0) to reach `confidence`; nil when the Sharpe is not positive.
        package var minTrackRecordLength: Double?
        package var confidence: Double

        /// Nil for fewer than two returns, a non-finite return, or returns that never vary.
        package static func of(returns: [Double], trials: Int = 1, trialVariance: Double = 0,
                              confidence: Double = 0.95) -> Summary? {
            guard let m = ReturnMoments(returns: returns), let sr = m.sharpe,
                  let psr = SharpeStatistics.probabilistic(sharpe: sr, observations: m.count, skewness: m.skewness, kurtosis: m.kurtosis)
            else { return nil }
            let trials = max(1, trials)
            let hurdle = SharpeStatistics.expectedMaximumSharpe(trials: trials, variance: trialVariance)
            let dsr = SharpeStatistics.probabilistic(sharpe: sr, benchmark: hurdle, observations: m.count,
                                    skewness: m.skewness, kurtosis: m.kurtosis) ?? psr
            let minTRL = SharpeStatistics.minimumTrackRecordLength(sharpe: sr, skewness: m.skewness, kurtosis: m.kurtosis,
                                                  confidence: confidence)
            return Summary(moments: m, sharpe: sr, probabilisticSharpeRatio: psr, trials: trials,
                           expectedMaximumSharpe: hurdle, deflatedSharpeRatio: dsr,
                           minTrackRecordLength: minTRL, confidence: confidence)
        }
    }
}
