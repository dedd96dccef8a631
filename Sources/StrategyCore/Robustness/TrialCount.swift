import Foundation

/// How many trials stand behind a backtest, for the Deflated Sharpe Ratio.
///
/// Every backtest of a distinct strategy definition over data that overlaps the judged backtest's is a
/// trial of that strategy's family (its versions, and every variant of a sweep). Call
/// `TrialCount.count(_:overlapping:)` with the family's backtests — the judged one included — and the
/// judged backtest's first and last day:
/// - a backtest counts when its span shares at least one day with `overlapping`;
/// - a definition counts once, however often it ran; its Sharpe is that of its backtest overlapping the
///   span the most (in calendar days), the later one in the list on a tie;
/// - a backtest without a Sharpe (no variation, no trades) is still a trial, but adds nothing to the variance.
/// `sharpeVariance` is the sample variance (n − 1) of those annualised Sharpe ratios;
/// `perPeriodSharpeVariance` divides it by 252 for `SharpeStatistics` (daily Sharpe ratios).
package struct TrialCount: Codable, Hashable, Sendable {
    /// One stored backtest of the family.
    package struct Backtest: Codable, Hashable, Sendable {
        /// Identifies the strategy definition that ran (for instance a hash of its canonical JSON).
        package var definition: String
        package var start: Day
        package var end: Day
        /// Annualised, as a backtest reports it.
        package var sharpeRatio: Double?

        package init(definition: String, start: Day, end: Day, sharpeRatio: Double?) {
            self.definition = definition
            self.start = start
            self.end = end
            self.sharpeRatio = sharpeRatio
        }
    }

    package var trials: Int
    /// The counted definitions, in the order they first appear.
    package var definitions: [String]
    /// Sample variance of the counted definitions' annualised Sharpe ratios; nil with fewer than two.
    package var sharpeVariance: Double?

    /// The same variance for per-period (daily) Sharpe ratios.
    package var perPeriodSharpeVariance: Double? { sharpeVariance.map { $0 / BacktestMetrics.tradingDaysPerYear } }

    package static func count(_ backtests: [Backtest], overlapping span: (start: Day, end: Day)) -> TrialCount {
        var order: [String] = []
        var chosen: [String: (overlap: Int, sharpe: Double?)] = [:]
        for b in backtests {
            let first = max(b.start, span.start), last = min(b.end, span.end)
            guard first <= last else { continue }
            let overlap = first.days(to: last) + 1
            if let held = chosen[b.definition] {
                if overlap >= held.overlap { chosen[b.definition] = (overlap, b.sharpeRatio) }
            } else {
                order.append(b.definition)
                chosen[b.definition] = (overlap, b.sharpeRatio)
            }
        }
        let sharpes = order.compactMap { chosen[$0]?.sharpe }.filter(\.isFinite)
        var variance: Double?
        if sharpes.count > 1 {
            let mean = BacktestMetrics.mean(sharpes)
            variance = sharpes.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(sharpes.count - 1)
        }
        return TrialCount(trials: order.count, definitions: order, sharpeVariance: variance)
    }
}
