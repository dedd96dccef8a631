import Foundation

/// A backtest's metrics split by the benchmark's regime: above or below its 200-day average, and high or
/// low 60-day volatility (split at the median).
///
/// Call `RegimeAnalysis.analyze(equity:initialCapital:benchmarkCloses:)` with the daily equity curve and
/// the benchmark's closes. `benchmarkCloses` ends on the same day as `equity` and may start earlier: its
/// last `equity.count` closes line up with the equity days, and the closes before them warm up the
/// average and the volatility so the first days can be classified too.
///
/// Definitions, for equity day t:
/// - trend: the benchmark's close on t at or above its simple average of the 200 closes ending on t
///   is `above`; below it is `below`. Days without 200 closes so far are unclassified.
/// - volatility: the sample standard deviation (n − 1) of the benchmark's 60 daily returns ending on t
///   (61 closes). Days above the median of the classified days' values are `high`, the rest `low`.
/// - the strategy's return on day t is equity_t / equity_{t−1} − 1 (the first against the initial
///   capital), and it counts in the regime of day t. The benchmark's return on t is close_t / close_{t−1} − 1
///   (0 on its first close).
/// Per regime: days, share of the classified days, compounded return of those days, Sharpe and Sortino
/// as `BacktestMetrics` annualises them, maximum drawdown of those days' returns chained together,
/// share of winning days, and the benchmark's compounded return on the same days. Percent points.
package enum RegimeAnalysis {
    package static let trendPeriod = 200
    package static let volatilityWindow = 60

    package enum Regime: String, Codable, Hashable, Sendable, CaseIterable {
        case aboveTrend = "above_200d_average"
        case belowTrend = "below_200d_average"
        case highVolatility = "high_60d_volatility"
        case lowVolatility = "low_60d_volatility"
    }

    package struct Metrics: Codable, Hashable, Sendable {
        package var regime: Regime
        package var days: Int
        /// Share of the days that this split classified.
        package var sharePct: Double
        package var totalReturnPct: Double
        package var sharpeRatio: Double?
        package var sortinoRatio: Double?
        /// Positive: the deepest fall of the regime's days chained together.
        package var maxDrawdownPct: Double
        package var winningDaysPct: Double
        package var benchmarkReturnPct: Double
    }

    package struct Result: Codable, Hashable, Sendable {
        /// Above, then below the 200-day average.
        package var trend: [Metrics]
        /// High, then low 60-day volatility.
        package var volatility: [Metrics]
        package var unclassifiedTrendDays: Int
        package var unclassifiedVolatilityDays: Int
        /// The median 60-day volatility of daily benchmark returns that splits high from low.
        package var volatilityMedian: Double?
    }

    /// Nil when the curve is empty, the capital is not positive, or the benchmark is shorter than the
    /// curve or has a close that is not a positive number.
    package static func analyze(equity: [Double], initialCapital: Double, benchmarkCloses: [Double]) -> Result? {
        let n = equity.count, offset = benchmarkCloses.count - equity.count
        guard n > 0, initialCapital > 0, offset >= 0, equity.allSatisfy(\.isFinite),
              benchmarkCloses.allSatisfy({ $0.isFinite && $0 > 0 }) else { return nil }
        let returns = BacktestMetrics.dailyReturns(equity, base: initialCapital)
        let benchmarkReturns = BacktestMetrics.dailyReturns(benchmarkCloses, base: benchmarkCloses[0])
        let average = Indicators.sma(benchmarkCloses, period: trendPeriod)

        var trend = [Regime?](repeating: nil, count: n)
        var volatility = [Double?](repeating: nil, count: n)
        for t in 0..<n {
            let b = t + offset
            if !average[b].isNaN { trend[t] = benchmarkCloses[b] >= average[b] ? .aboveTrend : .belowTrend }
            if b >= volatilityWindow {
                volatility[t] = sampleDeviation(benchmarkReturns[(b - volatilityWindow + 1)...b])
            }
        }
        let median = medianOf(volatility.compactMap { $0 })
        let volRegime = volatility.map { v in v.map { $0 > (median ?? 0) ? Regime.highVolatility : .lowVolatility } }

        func metrics(_ regime: Regime, _ labels: [Regime?]) -> Metrics {
            let days = (0..<n).filter { labels[$0] == regime }
            let r = days.map { returns[$0] }, bench = days.map { benchmarkReturns[$0 + offset] }
            let classified = labels.count { $0 != nil }
            var curve = 1.0, peak = 1.0, depth = 0.0
            for x in r {
                curve *= 1 + x
                if curve > peak { peak = curve } else { depth = max(depth, 1 - curve / peak) }
            }
            return Metrics(
                regime: regime, days: days.count,
                sharePct: classified > 0 ? Double(days.count) / Double(classified) * 100 : 0,
                totalReturnPct: (curve - 1) * 100,
                sharpeRatio: BacktestMetrics.sharpe(r), sortinoRatio: BacktestMetrics.sortino(r),
                maxDrawdownPct: depth * 100,
                winningDaysPct: r.isEmpty ? 0 : Double(r.count { $0 > 0 }) / Double(r.count) * 100,
                benchmarkReturnPct: (bench.reduce(1) { $0 * (1 + $1) } - 1) * 100)
        }
        return Result(
            trend: [metrics(.aboveTrend, trend), metrics(.belowTrend, trend)],
            volatility: [metrics(.highVolatility, volRegime), metrics(.lowVolatility, volRegime)],
            unclassifiedTrendDays: trend.count { $0 == nil },
            unclassifiedVolatilityDays: volRegime.count { $0 == nil },
            volatilityMedian: median)
    }

    static func sampleDeviation(_ x: ArraySlice<Double>) -> Double {
        let mean = x.reduce(0, +) / Double(x.count)
        return (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)).squareRoot()
    }

    /// The middle value, or the mean of the two middle values; nil when empty.
    static func medianOf(_ x: [Double]) -> Double? {
        guard !x.isEmpty else { return nil }
        let s = x.sorted(), m = s.count / 2
        return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
    }
}
