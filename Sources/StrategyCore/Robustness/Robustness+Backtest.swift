import Foundation

extension MonteCarlo {
    /// Each closed trade's profit as a fraction of the equity before it was entered: the last close before
    /// its entry day (the initial capital for a trade entered on the first day). Compounding these in the
    /// order of the trades gives, for trades that never overlap, the backtest's own return; that is what
    /// resampling them should spread around. Trades are taken in the order the backtest lists them.
    package static func tradeReturns(of backtest: StrategyBacktest) -> [Double] {
        let curve = backtest.equityCurve
        return backtest.trades.map { trade in
            // The last point strictly before the entry day.
            var lo = 0, hi = curve.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if curve[mid].date < trade.entryDate { lo = mid + 1 } else { hi = mid }
            }
            let before = lo > 0 ? curve[lo - 1].equity : backtest.initialCapital
            return before > 0 ? trade.pnl / before : 0
        }
    }

    /// The equity curve's close-to-close daily returns, flat days included, the first against the initial
    /// capital: the series `sharpe_ratio` and the block bootstrap use.
    package static func dailyReturns(of backtest: StrategyBacktest) -> [Double] {
        BacktestMetrics.dailyReturns(backtest.equityCurve.map(\.equity), base: backtest.initialCapital)
    }
}

extension RegimeAnalysis {
    /// The regimes of a backtest against a benchmark's bars: the benchmark's closes before the first tested
    /// day warm up the average and the volatility, and each tested day takes the benchmark's last close on or
    /// before it (a day the benchmark lacks carries its previous close, as the chart's benchmark does).
    /// Nil when the benchmark has no close on or before the first tested day, or `analyze` gives none.
    package static func analyze(_ backtest: StrategyBacktest, benchmark: PriceSeries) -> Result? {
        guard let closes = alignedCloses(benchmark, on: backtest.equityCurve.map(\.date)) else { return nil }
        return analyze(equity: backtest.equityCurve.map(\.equity), initialCapital: backtest.initialCapital, benchmarkCloses: closes)
    }

    /// The warm-up closes before `dates.first`, then one close per date (the last on or before it).
    static func alignedCloses(_ benchmark: PriceSeries, on dates: [Day]) -> [Double]? {
        guard let first = dates.first else { return nil }
        let warmUp = benchmark.firstIndex(onOrAfter: first)
        var closes = Array(benchmark.close[0..<warmUp])
        var i = warmUp, last: Double? = warmUp > 0 ? benchmark.close[warmUp - 1] : nil
        for day in dates {
            while i < benchmark.count, benchmark.days[i] <= day {
                last = benchmark.close[i]
                i += 1
            }
            guard let last else { return nil }
            closes.append(last)
        }
        return closes
    }
}
