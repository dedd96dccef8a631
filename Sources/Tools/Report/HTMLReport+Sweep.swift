import Foundation
import Store
import StrategyCore

/// The report's view of the strategy's latest parameter sweep: what was swept and picked, a heat map of the
/// Sharpe ratio for a two-parameter grid, and the walk-forward windows when the sweep walked forward.
extension HTMLReport {
    static func sweep(_ s: StoredSweep, backtestVersion: Int) -> String {
        let e = escape
        let grid = s.axes.map { "\(OptimizePresenter.shortName($0.path)) \(OptimizePresenter.valuesText($0.values))" }.joined(separator: " × ")
        let best = s.variants[s.best]
        var html = "<p id=\"sweep\">Latest parameter sweep: \(s.variants.count) variants of v\(s.version) (\(e(grid))), \(s.start) to \(s.end), "
            + "best by \(e(s.objective.rawValue)): <strong>\(e(OptimizePresenter.pairsText(paths: s.axes.map(\.path), values: best.values)))</strong> with a Sharpe of "
            + "\(e(NumberText.ratio(best.sharpeRatio)))"
        html += s.pbo.map { "; probability of backtest overfitting \(e(NumberText.grouped($0, decimals: 2)))" } ?? ""
        html += s.deflatedSharpeRatio.map { "; deflated Sharpe ratio \(e(NumberText.grouped($0, decimals: 2)))" } ?? ""
        html += ".\(s.version == backtestVersion ? "" : " The sweep ran on v\(s.version); this backtest is of v\(backtestVersion).")</p>\n"
        if s.axes.count == 2 { html += heatMap(s) }
        if let walk = s.walkForward { html += walkForward(walk, axes: s.axes) }
        return html
    }

    /// Sharpe of each pair of values, rows the first axis and columns the second, tinted by sign and size; the
    /// pick is outlined.
    static func heatMap(_ s: StoredSweep) -> String {
        let (rows, columns) = (s.axes[0], s.axes[1])
        var html = "<table id=\"sweep-heat-map\" class=\"heat\">\n<caption>Sharpe ratio by \(escape(OptimizePresenter.shortName(rows.path))) "
            + "(rows) and \(escape(OptimizePresenter.shortName(columns.path))) (columns)</caption>\n<thead><tr><th></th>"
        html += columns.values.map { "<th class=\"num\">\(escape(OptimizePresenter.gridValue($0)))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for (r, value) in rows.values.enumerated() {
            html += "<tr><th>\(escape(OptimizePresenter.gridValue(value)))</th>"
            for c in columns.values.indices {
                let index = r * columns.values.count + c
                html += sharpeCell(s.variants[index].sharpeRatio, best: index == s.best)
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// A Sharpe ratio in one of four tints each way: under 0.25, under 0.5, under 1, and 1 or more.
    static func sharpeCell(_ sharpe: Double?, best: Bool) -> String {
        let text = NumberText.ratio(sharpe)
        var classes = best ? ["best"] : []
        if let sharpe, sharpe != 0 {
            let magnitude = abs(sharpe)
            let level = magnitude < 0.25 ? 1 : magnitude < 0.5 ? 2 : magnitude < 1 ? 3 : 4
            classes.append("\(sharpe > 0 ? "p" : "n")\(level)")
        }
        return "<td class=\"\(classes.joined(separator: " "))\">\(escape(text))</td>"
    }

    /// One row per window: its dates, the values its train window picked, and the pick's figures in sample and
    /// out of sample; then the stitched out-of-sample return and the walk-forward efficiency.
    static func walkForward(_ w: StoredSweep.WalkForwardRun, axes: [StoredSweep.Axis]) -> String {
        let e = escape
        var html = "<p>Walk-forward: \(w.anchored ? "anchored" : "rolling") \(w.trainMonths) months train, \(w.testMonths) months test, "
            + "\(w.windows.count) window\(w.windows.count == 1 ? "" : "s"). Each train window's best variant traded the test window after it.</p>\n"
        html += "<table id=\"walk-forward\" class=\"trades\">\n<thead><tr><th>Train</th><th>Test</th><th>Chosen</th>"
            + "<th class=\"num\">IS Sharpe</th><th class=\"num\">IS return</th><th class=\"num\">OOS Sharpe</th><th class=\"num\">OOS return</th>"
            + "</tr></thead>\n<tbody>\n"
        for x in w.windows {
            let isReturn = NumberText.percent(x.inSampleReturnPct), oosReturn = NumberText.percent(x.outOfSampleReturnPct)
            html += "<tr><td>\(x.trainStart) to \(x.trainEnd)</td><td>\(x.testStart) to \(x.testEnd)</td>"
                + "<td>\(e(OptimizePresenter.pairsText(paths: axes.map(\.path), values: x.values)))</td><td class=\"num\">\(e(NumberText.ratio(x.inSampleSharpe)))</td>"
                + "<td class=\"num\"><span\(signClass(isReturn))>\(e(isReturn))</span></td>"
                + "<td class=\"num\">\(e(NumberText.ratio(x.outOfSampleSharpe)))</td>"
                + "<td class=\"num\"><span\(signClass(oosReturn))>\(e(oosReturn))</span></td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        let stitched = NumberText.percent(w.outOfSampleReturnPct)
        html += "<p id=\"walk-forward-summary\">Out of sample, stitched: <span\(signClass(stitched))>\(e(stitched))</span>; walk-forward efficiency "
            + (w.efficiency.map { e(NumberText.grouped($0, decimals: 2)) } ?? "— (the picks did not gain in sample)") + ".</p>\n"
        return html
    }
}
