import Foundation

extension SharpeStatistics.Summary {
    /// The figures for one backtest judged among its family's trials.
    ///
    /// The returns are those `sharpe_ratio` is computed from: the equity curve's close-to-close daily
    /// returns, flat days included, the first measured against the initial capital. `trials` is the
    /// family's count over data overlapping this backtest (at least the backtest itself); its variance of
    /// annualised Sharpe ratios is turned per period for the deflation. Nil when the equity never moves.
    package static func of(_ backtest: StrategyBacktest, trials: TrialCount) -> Self? {
        let returns = BacktestMetrics.dailyReturns(backtest.equityCurve.map(\.equity), base: backtest.initialCapital)
        return of(returns: returns, trials: trials.trials, trialVariance: trials.perPeriodSharpeVariance ?? 0)
    }

    /// The per-period Sharpe annualised by √252, as a backtest shows it.
    package var annualisedSharpe: Double { sharpe * BacktestMetrics.tradingDaysPerYear.squareRoot() }

    /// What the figures mean, in two sentences a trader reads: whether the Sharpe still stands out from
    /// luck after the trials, and how long a record would have to be to show skill.
    package var note: String {
        let days = moments.count
        let sharpeText = String(format: "%.2f", annualisedSharpe)
        let bar = String(format: "%.2f", confidence)
        var text: String
        if trials > 1 {
            let dsr = String(format: "%.2f", deflatedSharpeRatio)
            text = deflatedSharpeRatio >= confidence
                ? "After \(trials) definitions tried on overlapping data, a Sharpe of \(sharpeText) on \(days) days still stands out from luck (deflated Sharpe ratio \(dsr); \(bar) is the usual bar)."
                : "After \(trials) definitions tried on overlapping data, a Sharpe of \(sharpeText) on \(days) days is no longer distinguishable from luck (deflated Sharpe ratio \(dsr), below the usual \(bar))."
        } else {
            let psr = String(format: "%.0f%%", probabilisticSharpeRatio * 100)
            text = probabilisticSharpeRatio >= confidence
                ? "A Sharpe of \(sharpeText) on \(days) days stands out from luck: the chance that the true Sharpe is above zero is \(psr); every further definition tried on this data lowers the deflated figure."
                : "A Sharpe of \(sharpeText) on \(days) days is not distinguishable from luck: the chance that the true Sharpe is above zero is \(psr), below \(String(format: "%.0f%%", confidence * 100))."
        }
        if let length = minTrackRecordLength {
            let needed = Int(length.rounded(.up))
            text += needed > days
                ? " About \(needed) trading days would be needed to be \(String(format: "%.0f%%", confidence * 100)) sure the true Sharpe is above zero."
                : " \(needed) trading days suffice to be \(String(format: "%.0f%%", confidence * 100)) sure the true Sharpe is above zero; this backtest has \(days)."
        } else {
            text += " With a Sharpe at or below zero, no track record length would show skill."
        }
        return text
    }
}
