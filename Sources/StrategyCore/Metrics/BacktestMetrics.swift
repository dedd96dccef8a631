import Foundation

/// Portfolio metrics as a pure function of closed trades, the equity curve and the benchmark.
///
/// Conventions follow empyrical (checked against empyrical-reloaded in the tests): daily returns
/// from each close to the next, the first measured against the starting capital; years of 252
/// trading days; Sharpe and Sortino annualised by √252 with a zero risk-free rate; drawdown measured
/// from the running peak with the starting capital as the first peak. Percent fields are percent points.
package struct BacktestMetrics: Hashable, Sendable {
    package var totalReturnPct = 0.0
    package var totalReturnDollars = 0.0
    package var cagrPct: Double?
    package var benchmarkReturnPct: Double?
    package var exposurePct = 0.0
    package var totalTrades = 0
    package var winningTrades = 0
    package var losingTrades = 0
    package var winRate = 0.0
    package var avgWinPct: Double?
    package var avgLossPct: Double?
    package var profitFactor: Double?
    package var profitFactorNote: String?
    package var expectancyPct: Double?
    package var bestTradePct: Double?
    package var worstTradePct: Double?
    package var avgDaysHeld: Double?
    /// Positive: 27.3 means the equity fell 27.3% below its peak.
    package var maxDrawdownPct = 0.0
    /// The longest stretch, in calendar days, from a peak to its recovery (or to the last day).
    package var maxDrawdownDays = 0
    package var sharpeRatio: Double?
    package var sortinoRatio: Double?
    package var calmarRatio: Double?
    package var alphaPct: Double?
    package var beta: Double?
    package var feesPaid = 0.0

    package static let tradingDaysPerYear = 252.0

    package init() {}

    /// - Parameters:
    ///   - benchmarkCloses: the benchmark's close on each equity day (nil when there is none).
    ///   - openFees: commissions already paid on positions still open.
    package static func compute(
        trades: [BacktestTrade], equity: [EquityPoint], initialCapital: Double,
        benchmarkCloses: [Double]? = nil, openFees: Double = 0
    ) -> BacktestMetrics {
        var m = BacktestMetrics()
        m.feesPaid = trades.reduce(0) { $0 + $1.fees } + openFees
        m.addTradeStatistics(trades)
        guard let last = equity.last, initialCapital > 0 else { return m }
        m.totalReturnDollars = last.equity - initialCapital
        m.totalReturnPct = (last.equity / initialCapital - 1) * 100
        m.exposurePct = Double(equity.count { $0.positionsValue > 0 }) / Double(equity.count) * 100

        let values = equity.map(\.equity)
        let returns = dailyReturns(values, base: initialCapital)
        let years = Double(returns.count) / tradingDaysPerYear
        let growth = last.equity / initialCapital
        let cagr = growth > 0 ? pow(growth, 1 / years) - 1 : -1
        m.cagrPct = cagr * 100
        m.sharpeRatio = sharpe(returns)
        m.sortinoRatio = sortino(returns)
        let (depth, duration) = drawdown(values, days: equity.map(\.date), initialCapital: initialCapital)
        m.maxDrawdownPct = depth * 100
        m.maxDrawdownDays = duration
        m.calmarRatio = depth > 0 ? cagr / depth : nil

        if let bench = benchmarkCloses, bench.count == values.count, let b0 = bench.first, let bn = bench.last,
           b0 > 0, bench.allSatisfy({ $0.isFinite && $0 > 0 }) {
            m.benchmarkReturnPct = (bn / b0 - 1) * 100
            let factor = dailyReturns(bench, base: b0)
            if let (alpha, beta) = alphaBeta(returns, factor) {
                m.alphaPct = alpha * 100
                m.beta = beta
            }
        }
        return m
    }

    mutating func addTradeStatistics(_ trades: [BacktestTrade]) {
        totalTrades = trades.count
        let wins = trades.filter { $0.pnl > 0 }, losses = trades.filter { $0.pnl < 0 }
        winningTrades = wins.count
        losingTrades = losses.count
        guard !trades.isEmpty else {
            profitFactorNote = "no closed trades"
            return
        }
        winRate = Double(wins.count) / Double(trades.count) * 100
        avgWinPct = wins.isEmpty ? nil : wins.reduce(0) { $0 + $1.pnlPct } / Double(wins.count)
        avgLossPct = losses.isEmpty ? nil : losses.reduce(0) { $0 + $1.pnlPct } / Double(losses.count)
        let grossProfit = wins.reduce(0) { $0 + $1.pnl }, grossLoss = -losses.reduce(0) { $0 + $1.pnl }
        if grossLoss > 0 {
            profitFactor = grossProfit / grossLoss
        } else {
            profitFactorNote = "no losing trades, so gross profit has nothing to divide by"
        }
        expectancyPct = trades.reduce(0) { $0 + $1.pnlPct } / Double(trades.count)
        bestTradePct = trades.map(\.pnlPct).max()
        worstTradePct = trades.map(\.pnlPct).min()
        avgDaysHeld = Double(trades.reduce(0) { $0 + $1.daysHeld }) / Double(trades.count)
    }

    /// Close-to-close returns; the first is measured against `base`.
    static func dailyReturns(_ values: [Double], base: Double) -> [Double] {
        var out = [Double](repeating: 0, count: values.count)
        var previous = base
        for (i, v) in values.enumerated() {
            out[i] = v / previous - 1
            previous = v
        }
        return out
    }

    static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }

    /// Mean over sample standard deviation (n − 1), × √252.
    static func sharpe(_ r: [Double]) -> Double? {
        guard r.count > 1 else { return nil }
        let mu = mean(r)
        let variance = r.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(r.count - 1)
        guard variance > 0 else { return nil }
        return mu / variance.squareRoot() * tradingDaysPerYear.squareRoot()
    }

    /// Annualised mean over annualised downside deviation (root mean square of the negative returns,
    /// zeros counted for the others), as empyrical defines it.
    static func sortino(_ r: [Double]) -> Double? {
        guard !r.isEmpty else { return nil }
        let downside = (r.reduce(0) { $0 + min($1, 0) * min($1, 0) } / Double(r.count)).squareRoot()
            * tradingDaysPerYear.squareRoot()
        guard downside > 0 else { return nil }
        return mean(r) * tradingDaysPerYear / downside
    }

    /// Deepest fall from a running peak (a fraction, positive) and the longest time, in calendar days,
    /// from a peak to the day equity first got back to it (or to the last day when it never did).
    static func drawdown(_ values: [Double], days: [Day], initialCapital: Double) -> (depth: Double, days: Int) {
        guard let first = days.first else { return (0, 0) }
        var peak = initialCapital, peakDay = first
        var depth = 0.0, longest = 0, falling = false
        for (v, day) in zip(values, days) {
            if v >= peak {
                if falling { longest = max(longest, peakDay.days(to: day)) }
                falling = false
                peak = v
                peakDay = day
            } else {
                falling = true
                depth = max(depth, 1 - v / peak)
            }
        }
        if falling, let last = days.last { longest = max(longest, peakDay.days(to: last)) }
        return (depth, longest)
    }

    /// Beta as covariance over variance of the benchmark's daily returns; alpha as the mean daily
    /// excess over `beta × benchmark`, compounded over 252 days (empyrical's definition).
    static func alphaBeta(_ r: [Double], _ f: [Double]) -> (alpha: Double, beta: Double)? {
        guard r.count == f.count, r.count > 1 else { return nil }
        let fMean = mean(f)
        var cov = 0.0, variance = 0.0
        for (ri, fi) in zip(r, f) {
            cov += (fi - fMean) * ri
            variance += (fi - fMean) * (fi - fMean)
        }
        guard variance > 0 else { return nil }
        let beta = cov / variance
        var excess = 0.0
        for (ri, fi) in zip(r, f) { excess += ri - beta * fi }
        let alpha = pow(1 + excess / Double(r.count), tradingDaysPerYear) - 1
        return (alpha, beta)
    }
}
