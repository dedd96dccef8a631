import StrategyCore

/// The series a chart or report draws from a backtest: the equity, the benchmark rebased to the same
/// starting capital, the drawdown from the running peak, and the returns of each month and year.
package struct EquitySeries: Hashable, Sendable {
    package var dates: [Day]
    package var equity: [Double]
    /// The benchmark's close on each equity day scaled so it starts at the initial capital; nil when the
    /// backtest has no benchmark data. A day without a benchmark close carries the previous one.
    package var benchmark: [Double]?
    /// Percent below the running peak on each day (0 at a new high, positive below it).
    package var drawdownPct: [Double]
    package var initialCapital: Double

    package init(_ backtest: StrategyBacktest) {
        let curve = backtest.equityCurve
        dates = curve.map(\.date)
        equity = curve.map(\.equity)
        initialCapital = backtest.initialCapital
        var peak = backtest.initialCapital
        drawdownPct = equity.map { value in
            peak = max(peak, value)
            return peak > 0 ? (peak - value) / peak * 100 : 0
        }
        benchmark = Self.rebased(backtest.benchmarkCurve, on: dates, capital: backtest.initialCapital)
    }

    /// The benchmark closes on `dates`, scaled to start at `capital`.
    static func rebased(_ points: [EquityPoint], on dates: [Day], capital: Double) -> [Double]? {
        let closes = Dictionary(points.map { ($0.date, $0.equity) }, uniquingKeysWith: { _, last in last })
        guard let first = dates.lazy.compactMap({ closes[$0] }).first(where: { $0 > 0 }) else { return nil }
        var last = first
        return dates.map { date in
            if let close = closes[date], close > 0 { last = close }
            return capital * last / first
        }
    }

    /// The deepest drawdown in percent (positive).
    package var maxDrawdownPct: Double { drawdownPct.max() ?? 0 }

    /// One calendar year's returns: twelve months (nil where the backtest did not cover the month)
    /// and the whole year (over the part of it covered).
    package struct YearReturns: Hashable, Sendable {
        package var year: Int
        package var months: [Double?]
        package var total: Double
    }

    /// Percent return of each month: last equity of the month over the last equity of the month before
    /// (the initial capital for the first month), minus one; a year's total chains the same way from
    /// the previous year's last equity.
    package var monthlyReturns: [YearReturns] {
        var years: [YearReturns] = []
        var previousMonthEnd = initialCapital
        var previousYearEnd = initialCapital
        var index = 0
        while index < dates.count {
            let (year, month) = (dates[index].year, dates[index].month)
            var end = index
            while end + 1 < dates.count, dates[end + 1].year == year, dates[end + 1].month == month { end += 1 }
            let close = equity[end]
            if years.last?.year != year {
                years.append(YearReturns(year: year, months: Array(repeating: nil, count: 12), total: 0))
            }
            years[years.count - 1].months[month - 1] = previousMonthEnd > 0 ? (close / previousMonthEnd - 1) * 100 : nil
            previousMonthEnd = close
            let yearEnds = end + 1 >= dates.count || dates[end + 1].year != year
            if yearEnds {
                years[years.count - 1].total = previousYearEnd > 0 ? (close / previousYearEnd - 1) * 100 : 0
                previousYearEnd = close
            }
            index = end + 1
        }
        return years
    }
}
