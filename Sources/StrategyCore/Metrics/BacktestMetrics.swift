import Foundation

/// Portfolio metrics as a pure function of closed trades, the equity curve and the benchmark.
///
/// Conventions follow empyrical (checked against empyrical-reloaded in the tests): daily returns
/// from each close to the next, the first measured against the starting capital; years of 252
/// trading days; Sharpe and Sortino annualised by √252 with a zero risk-free rate; drawdown measured
/// from the running peak with the starting capital as the first peak. Percent fields are percent points.
public struct BacktestMetrics: Codable, Hashable, Sendable {
    public var totalReturnPct = 0.0
    public var totalReturnDollars = 0.0
    public var cagrPct: Double?
    public var benchmarkReturnPct: Double?
    public var exposurePct = 0.0
    public var totalTrades = 0
    public var winningTrades = 0
    public var losingTrades = 0
    public var winRate = 0.0
    public var avgWinPct: Double?
    public var avgLossPct: Double?
    public var profitFactor: Double?
    public var profitFactorNote: String?
    public var expectancyPct: Double?
    public var bestTradePct: Double?
    public var worstTradePct: Double?
    public var avgDaysHeld: Double?
    /// Positive: 27.3 means the equity fell 27.3% below its peak.
    public var maxDrawdownPct = 0.0
    /// The longest stretch, in calendar days, from a peak to its recovery (or to the last day).
    public var maxDrawdownDays = 0
    public var sharpeRatio: Double?
    public var sortinoRatio: Double?
    public var calmarRatio: Double?
    public var alphaPct: Double?
    public var beta: Double?
    public var feesPaid = 0.0

    public static let tradingDaysPerYear = 252.0

    public init() {}

    /// Metrics set by hand, for fixtures: `BacktestMetrics { $0.totalTrades = 4 }`.
    public init(_ configure: (inout BacktestMetrics) -> Void) {
        configure(&self)
    }

    enum CodingKeys: String, CodingKey {
        case totalReturnPct = "total_return_pct"
        case totalReturnDollars = "total_return_dollars"
        case cagrPct = "cagr_pct"
        case benchmarkReturnPct = "benchmark_return_pct"
        case exposurePct = "exposure_pct"
        case totalTrades = "total_trades"
        case winningTrades = "winning_trades"
        case losingTrades = "losing_trades"
        case winRate = "win_rate"
        case avgWinPct = "avg_win_pct"
        case avgLossPct = "avg_loss_pct"
        case profitFactor = "profit_factor"
        case profitFactorNote = "profit_factor_note"
        case expectancyPct = "expectancy_pct"
        case bestTradePct = "best_trade_pct"
        case worstTradePct = "worst_trade_pct"
        case avgDaysHeld = "avg_days_held"
        case maxDrawdownPct = "max_drawdown_pct"
        case maxDrawdownDays = "max_drawdown_days"
        case sharpeRatio = "sharpe_ratio"
        case sortinoRatio = "sortino_ratio"
        case calmarRatio = "calmar_ratio"
        case alphaPct = "alpha_pct"
        case beta
        case feesPaid = "fees_paid"
    }

    /// Writes a metric that could not be computed as an explicit `null`, so the JSON always has every key.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(totalReturnPct, forKey: .totalReturnPct)
        try c.encode(totalReturnDollars, forKey: .totalReturnDollars)
        try c.encode(cagrPct, forKey: .cagrPct)
        try c.encode(benchmarkReturnPct, forKey: .benchmarkReturnPct)
        try c.encode(exposurePct, forKey: .exposurePct)
        try c.encode(totalTrades, forKey: .totalTrades)
        try c.encode(winningTrades, forKey: .winningTrades)
        try c.encode(losingTrades, forKey: .losingTrades)
        try c.encode(winRate, forKey: .winRate)
        try c.encode(avgWinPct, forKey: .avgWinPct)
        try c.encode(avgLossPct, forKey: .avgLossPct)
        try c.encode(profitFactor, forKey: .profitFactor)
        try c.encode(profitFactorNote, forKey: .profitFactorNote)
        try c.encode(expectancyPct, forKey: .expectancyPct)
        try c.encode(bestTradePct, forKey: .bestTradePct)
        try c.encode(worstTradePct, forKey: .worstTradePct)
        try c.encode(avgDaysHeld, forKey: .avgDaysHeld)
        try c.encode(maxDrawdownPct, forKey: .maxDrawdownPct)
        try c.encode(maxDrawdownDays, forKey: .maxDrawdownDays)
        try c.encode(sharpeRatio, forKey: .sharpeRatio)
        try c.encode(sortinoRatio, forKey: .sortinoRatio)
        try c.encode(calmarRatio, forKey: .calmarRatio)
        try c.encode(alphaPct, forKey: .alphaPct)
        try c.encode(beta, forKey: .beta)
        try c.encode(feesPaid, forKey: .feesPaid)
    }

    /// - Parameters:
    ///   - benchmarkCloses: the benchmark's close on each equity day (nil when there is none).
    ///   - openFees: commissions already paid on positions still open.
    public static func compute(
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
