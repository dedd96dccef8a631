import Foundation
import Store
import StrategyCore

/// The report's robustness section: the trials behind the backtest with its deflated Sharpe, a Monte Carlo
/// of its closed trades as a fan chart, the strategy's latest sweep (heat map and walk-forward windows), and
/// its hold-out with every opening.
package struct ReportRobustness: Sendable {
    package var trials: TrialCount
    package var sharpe: SharpeStatistics.Summary?
    /// Nil when the backtest closed no trade.
    package var monteCarlo: MonteCarlo.Result?
    package var holdout: StrategyHoldout?
    /// The strategy's latest parameter sweep as stored; nil when it was never swept.
    package var sweep: StoredSweep? = nil

    /// The figures for a stored backtest: its family's trials over overlapping data, 10,000 trade resamples
    /// under the default seed, and the hold-out and latest sweep as stored.
    package static func of(_ backtest: StrategyBacktest, strategyId: String, user: String, store: StratStore) throws -> ReportRobustness {
        let family = try store.trials(strategyId: strategyId, user: user)
        let trials = TrialCount.count(family, overlapping: (backtest.startDate, backtest.endDate))
        let returns = MonteCarlo.tradeReturns(of: backtest)
        return ReportRobustness(
            trials: trials, sharpe: SharpeStatistics.Summary.of(backtest, trials: trials),
            monteCarlo: returns.isEmpty ? nil : try MonteCarlo.resampleTrades(returns: returns),
            holdout: try store.holdout(strategyId: strategyId, user: user), sweep: try store.latestSweep(strategyId: strategyId, user: user))
    }
}

extension HTMLReport {
    static func robustness(_ r: ReportRobustness, backtestVersion: Int) -> String {
        let e = escape
        var html = "<p id=\"trials\">Trials behind this backtest: <strong>\(r.trials.trials)</strong> distinct definition"
            + "\(r.trials.trials == 1 ? "" : "s") of this strategy tested on overlapping data (its versions and sweep variants).</p>\n"
        if let s = r.sharpe {
            html += "<p>Probabilistic Sharpe ratio \(e(NumberText.grouped(s.probabilisticSharpeRatio, decimals: 2))); deflated Sharpe ratio "
                + "\(e(NumberText.grouped(s.deflatedSharpeRatio, decimals: 2))) after \(s.trials) trial\(s.trials == 1 ? "" : "s"). \(e(s.note))</p>\n"
        }
        if let m = r.monteCarlo {
            html += "<table id=\"monte-carlo\" class=\"metrics\">\n<thead><tr><th>\(e(NumberText.grouped(Double(m.runs)))) resamples of "
                + "\(m.steps) trades (seed \(m.seed))</th><th class=\"num\">5th</th><th class=\"num\">50th</th><th class=\"num\">95th</th></tr></thead>\n<tbody>\n"
            for (name, spread, sign) in [("Final return", m.finalReturnPct, 1.0), ("Max drawdown", m.maxDrawdownPct, -1.0)] {
                html += "<tr><td>\(name)</td>" + [spread.p5, spread.p50, spread.p95].map { value in
                    let text = NumberText.percent(sign * value)
                    return "<td class=\"num\"><span\(signClass(text))>\(e(text))</span></td>"
                }.joined() + "</tr>\n"
            }
            html += "<tr><td>Probability of a loss</td><td class=\"num\" colspan=\"3\">"
                + "\(e(NumberText.percent(m.probabilityOfLoss * 100, signed: false)))</td></tr>\n</tbody>\n</table>\n"
            html += SVGCharts.fan(m)
        } else {
            html += "<p>No closed trades to resample.</p>\n"
        }
        if let sweep = r.sweep { html += self.sweep(sweep, backtestVersion: backtestVersion) }
        if let h = r.holdout {
            html += "<p id=\"holdout\">Hold-out: the days from \(h.start) (\(e(h.spec))) are reserved; opened \(h.openings.count) "
                + "time\(h.openings.count == 1 ? "" : "s").</p>\n"
            if !h.openings.isEmpty {
                html += list(h.openings.enumerated().map { i, o in
                    "Look \(i + 1): v\(o.version), \(o.start) to \(o.end), return \(NumberText.percent(o.totalReturnPct)), Sharpe \(NumberText.ratio(o.sharpeRatio))"
                }, id: "holdout-openings")
            }
        } else {
            html += "<p id=\"holdout\">No hold-out is reserved: every day of the data has been available to refinements.</p>\n"
        }
        return html
    }
}

extension SVGCharts {
    /// The Monte Carlo fan: the 5th–95th percentile band of the return so far, and its median.
    static func fan(_ m: MonteCarlo.Result) -> String {
        guard m.fan.count >= 2 else { return "" }
        let height = 260.0
        var low = min(0, m.fan.map(\.p5).min() ?? 0), high = max(0, m.fan.map(\.p95).max() ?? 0)
        if high - low < 1 { (low, high) = (low - 1, high + 1) }
        let ticks = niceTicks(low: low, high: high)
        low = min(low, ticks.first ?? low)
        high = max(high, ticks.last ?? high)
        let frame = Frame(height: height, low: low, high: high, count: m.fan.count)
        var svg = open(height: height, label: "Return so far across \(m.runs) resampled trade sequences: 5th to 95th percentile band and median")
        for tick in ticks {
            let y = frame.y(tick)
            svg += line(frame.left, y, frame.right, y, "grid")
            svg += text(frame.left - 8, y + 4, NumberText.percent(tick, decimals: 0), anchor: "end")
        }
        svg += line(frame.left, frame.bottom, frame.right, frame.bottom, "axis")
        let upper = m.fan.indices.map { "\(f(frame.x($0))),\(f(frame.y(m.fan[$0].p95)))" }
        let lower = m.fan.indices.reversed().map { "\(f(frame.x($0))),\(f(frame.y(m.fan[$0].p5)))" }
        svg += "<polygon class=\"fan\" points=\"\((upper + lower).joined(separator: " "))\"/>\n"
        svg += "<polyline class=\"median\" points=\"\(points(m.fan.map(\.p50), frame: frame))\"/>\n"
        svg += text(frame.left, frame.bottom + 20, "trade 0", anchor: "start")
        svg += text(frame.right, frame.bottom + 20, "trade \(m.steps)", anchor: "end")
        svg += text(frame.left, 18, "Median and 5th–95th percentile of the return so far", anchor: "start", css: "legend")
        return svg + "</svg>\n"
    }
}
