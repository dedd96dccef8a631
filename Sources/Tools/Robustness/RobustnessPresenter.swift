import Foundation
import MarketData
import Store
import StrategyCore

/// The person's view of a robustness check: the luck check, the Monte Carlo percentiles with a fan chart,
/// and the metrics per regime; and the note its result shares.
struct RobustnessPresenter {
    var style: RenderStyle

    /// What the check shows, in plain words: how bad the 5th-percentile runs are, how often a run lost,
    /// and which regime carried the returns.
    static func note(_ o: RobustnessOutcome) -> String {
        var parts: [String] = []
        if o.openedHoldout, let h = o.holdout {
            parts.append("This tested the hold-out from \(h.start) (look \(h.openings.count)\(h.openings.count > 1 ? "; earlier looks make it a weaker test" : "")).")
        }
        if let t = o.trades {
            parts.append("Resampling the \(NumberText.grouped(Double(t.steps))) closed trades \(NumberText.grouped(Double(t.runs))) times, the 5th to 95th "
                + "percentile of the final return runs from \(NumberText.percent(t.finalReturnPct.p5)) to "
                + "\(NumberText.percent(t.finalReturnPct.p95)) and \(NumberText.percent(t.probabilityOfLoss * 100, signed: false)) "
                + "of the runs lost money; a drawdown of \(NumberText.percent(t.maxDrawdownPct.p95, signed: false)) is within the "
                + "worst 5% of runs.")
        } else {
            parts.append("The backtest closed no trade, so there are no trades to resample.")
        }
        if let d = o.days {
            parts.append("Rebuilding its \(NumberText.grouped(Double(d.steps))) days from \(d.blockLength ?? 0)-day blocks, \(NumberText.percent(d.probabilityOfLoss * 100, signed: false)) "
                + "of the runs lost money (median final return \(NumberText.percent(d.finalReturnPct.p50))).")
        }
        if let r = o.regimes, r.trend.count == 2 {
            let (above, below) = (r.trend[0], r.trend[1])
            if above.days > 0, below.days > 0 {
                let better = above.totalReturnPct >= below.totalReturnPct ? above : below
                parts.append("It made \(NumberText.percent(better.totalReturnPct)) on the days the benchmark was "
                    + "\(better.regime == .aboveTrend ? "above" : "below") its 200-day average, against "
                    + "\(NumberText.percent((better.regime == .aboveTrend ? below : above).totalReturnPct)) on the others.")
            }
        } else if let problem = o.regimesProblem {
            parts.append("No regimes: \(problem).")
        }
        parts.append(o.backtest.sharpeStatistics?.note ?? BacktestPresenter.noSharpeNote)
        return parts.joined(separator: " ")
    }

    func render(_ o: RobustnessOutcome) -> String {
        let b = o.backtest, r = b.result
        let stored = b.strategy.id.map { "id \(StrategyToolbox.shortId($0))" } ?? "not stored"
        var out = "Robustness of \"\(b.strategy.name)\" v\(b.strategy.version ?? 1) (\(stored)): \(r.startDate) to \(r.endDate), "
            + "\(r.assumptions.universe)\n"
        for note in b.plan.rangeNotes { out += "  note: \(note)\n" }
        if !b.plan.external.syntheticLabels.isEmpty {
            out += "  uses synthetic sample data (generated, not real) for: "
                + b.plan.external.syntheticLabels.map { $0.components(separatedBy: ":").first ?? $0 }.joined(separator: ", ") + "\n"
        }
        if r.assumptions.data.contains(SyntheticAltData.label) && b.plan.external.syntheticLabels.isEmpty {
            out += "  prices are synthetic sample data (generated, not real)\n"
        }
        out += "Backtest: return \(NumberText.percent(r.metrics.totalReturnPct)), max drawdown \(NumberText.percent(-r.metrics.maxDrawdownPct)), "
            + "Sharpe \(NumberText.ratio(r.metrics.sharpeRatio)), \(r.metrics.totalTrades) trades\n"
        if let s = b.sharpeStatistics {
            out += "Luck check: probabilistic Sharpe \(NumberText.grouped(s.probabilisticSharpeRatio, decimals: 2)), "
                + "deflated \(NumberText.grouped(s.deflatedSharpeRatio, decimals: 2)) over \(s.trials) trial\(s.trials == 1 ? "" : "s")\n"
        }
        if let h = o.holdout { out += holdoutLines(h, opened: o.openedHoldout) }
        out += "\n"
        out += monteCarloTable(o)
        if let t = o.trades ?? o.days {
            out += "\n" + fanChart(t).map { $0 + "\n" }.joined()
        }
        out += "\n"
        if let regimes = o.regimes {
            out += regimeTable(regimes)
        }
        out += Self.note(o) + "\n"
        for warning in r.warnings { out += style.paint("warning: \(warning)", .yellow) + "\n" }
        return out
    }

    /// The reserved days, and every look at them so far (each one spends some of their value as a test).
    func holdoutLines(_ h: StrategyHoldout, opened: Bool) -> String {
        var out = style.paint("Hold-out", .bold) + ": from \(h.start) (\(h.spec)); "
            + (opened ? "this check tested it, " : "backtests and sweeps stop before it; ")
            + "opened \(h.openings.count) time\(h.openings.count == 1 ? "" : "s")\n"
        for (i, look) in h.openings.enumerated().suffix(5) {
            out += "  look \(i + 1): v\(look.version), \(look.start) to \(look.end), return \(NumberText.percent(look.totalReturnPct)), "
                + "Sharpe \(NumberText.ratio(look.sharpeRatio))\n"
        }
        if h.openings.count > 1 {
            out += style.paint("  Each look at the same days makes them less of an honest test; judge by the first.", .yellow) + "\n"
        }
        return out
    }

    func monteCarloTable(_ o: RobustnessOutcome) -> String {
        guard let first = o.trades ?? o.days else { return "Monte Carlo: nothing to resample (no trades, no days).\n" }
        var rows: [[String]] = []
        func add(_ name: String, _ m: MonteCarlo.Result) {
            rows.append(["\(name): final return", NumberText.percent(m.finalReturnPct.p5), NumberText.percent(m.finalReturnPct.p50),
                         NumberText.percent(m.finalReturnPct.p95), NumberText.percent(m.probabilityOfLoss * 100, signed: false)])
            rows.append(["\(name): max drawdown", NumberText.percent(-m.maxDrawdownPct.p5), NumberText.percent(-m.maxDrawdownPct.p50),
                         NumberText.percent(-m.maxDrawdownPct.p95), ""])
        }
        if let t = o.trades { add("\(NumberText.grouped(Double(t.steps))) trades", t) }
        if let d = o.days { add("\(NumberText.grouped(Double(d.steps))) days in \(d.blockLength ?? 0)-day blocks", d) }
        let columns: [TextTable.Column] = [
            .init("Resampled"), .init("5th", alignment: .right, colorsBySign: true), .init("50th", alignment: .right, colorsBySign: true),
            .init("95th", alignment: .right, colorsBySign: true), .init("P(loss)", alignment: .right),
        ]
        return style.paint("Monte Carlo: \(NumberText.grouped(Double(first.runs))) runs, seed \(first.seed)", .bold) + "\n"
            + TextTable(columns: columns, rows: rows).render(style: style)
    }

    func regimeTable(_ r: RegimeAnalysis.Result) -> String {
        let names: [RegimeAnalysis.Regime: String] = [
            .aboveTrend: "benchmark above 200-day avg", .belowTrend: "benchmark below 200-day avg",
            .highVolatility: "high 60-day volatility", .lowVolatility: "low 60-day volatility",
        ]
        let rows = (r.trend + r.volatility).map { m in
            [names[m.regime] ?? m.regime.rawValue, NumberText.grouped(Double(m.days)), NumberText.percent(m.sharePct, decimals: 0, signed: false),
             NumberText.percent(m.totalReturnPct), NumberText.ratio(m.sharpeRatio), NumberText.percent(-m.maxDrawdownPct),
             NumberText.percent(m.winningDaysPct, decimals: 0, signed: false), NumberText.percent(m.benchmarkReturnPct)]
        }
        let columns: [TextTable.Column] = [
            .init("Regime"), .init("Days", alignment: .right), .init("Share", alignment: .right),
            .init("Return", alignment: .right, colorsBySign: true), .init("Sharpe", alignment: .right),
            .init("Max DD", alignment: .right), .init("Up days", alignment: .right, dropPriority: 2),
            .init("Benchmark", alignment: .right, dropPriority: 1, colorsBySign: true),
        ]
        var out = style.paint("Regimes", .bold) + "\n" + TextTable(columns: columns, rows: rows).render(style: style)
        if r.unclassifiedTrendDays > 0 || r.unclassifiedVolatilityDays > 0 {
            out += style.paint("  not classified (too little benchmark history): \(r.unclassifiedTrendDays) days by trend, "
                + "\(r.unclassifiedVolatilityDays) by volatility", .dim) + "\n"
        }
        return out
    }

    /// The return so far across the runs at each step: the 5th–95th percentile band filled, the median
    /// drawn over it, percent labels on the left and the step count under the axis.
    func fanChart(_ m: MonteCarlo.Result, height: Int = 8) -> [String] {
        let bands = m.fan
        guard bands.count >= 2 else { return [] }
        let low = min(0, bands.map(\.p5).min() ?? 0), high = max(0, bands.map(\.p95).max() ?? 0)
        let span = max(high - low, 1e-9)
        let labels = [high, (high + low) / 2, low].map { NumberText.percent($0) }
        let labelWidth = max(8, labels.map(\.count).max() ?? 0)
        let columns = max(10, style.width - labelWidth - 2)
        let what = m.method == .trades ? "trades" : "days"
        var lines = [style.paint("Fan chart", .bold) + "  return so far over \(NumberText.grouped(Double(m.runs))) resampled "
            + "\(m.method == .trades ? "trade sequences" : "day sequences"): band 5th–95th percentile, "
            + (style.unicode ? "⣿" : "*") + " median"]
        // The band at a given x: the recorded step nearest to it.
        func band(at x: Int, of width: Int) -> MonteCarlo.FanBand {
            bands[Int((Double(x) * Double(bands.count - 1) / Double(max(1, width - 1))).rounded())]
        }
        var cells = Array(repeating: Array(repeating: " ", count: columns), count: height)
        var isMedian = Array(repeating: Array(repeating: false, count: columns), count: height)
        if style.unicode {
            var area = BrailleCanvas(columns: columns, rows: height), middle = area
            let scale = { (v: Double) in Int(((high - v) / span * Double(area.pixelHeight - 1)).rounded()) }
            var previous: Int?
            for x in 0..<area.pixelWidth {
                let b = band(at: x, of: area.pixelWidth)
                area.setVertical(x: x, from: scale(b.p95), to: scale(b.p5))
                let y = scale(b.p50)
                middle.setVertical(x: x, from: previous ?? y, to: y)
                previous = y
            }
            for row in 0..<height {
                for column in 0..<columns {
                    if middle.isSet(column: column, row: row) {
                        cells[row][column] = String(middle.character(column: column, row: row))
                        isMedian[row][column] = true
                    } else if area.isSet(column: column, row: row) {
                        cells[row][column] = "░"
                    }
                }
            }
        } else {
            let scale = { (v: Double) in Int(((high - v) / span * Double(height - 1)).rounded()) }
            for column in 0..<columns {
                let b = band(at: column, of: columns)
                for row in scale(b.p95)...scale(b.p5) { cells[row][column] = "." }
                cells[scale(b.p50)][column] = "*"
                isMedian[scale(b.p50)][column] = true
            }
        }
        let ticks = [0: labels[0], height / 2: labels[1], height - 1: labels[2]]
        for row in 0..<height {
            let label = ticks[row] ?? ""
            let padded = String(repeating: " ", count: max(0, labelWidth - label.count)) + label
            let mark = style.unicode ? (ticks[row] != nil ? "┤" : "│") : (ticks[row] != nil ? "+" : "|")
            var line = style.paint(padded, .dim) + " " + mark
            for column in 0..<columns {
                let cell = cells[row][column]
                line += cell == " " ? cell : style.paint(cell, isMedian[row][column] ? .cyan : .dim)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        lines.append(String(repeating: " ", count: labelWidth + 1) + (style.unicode ? "└" : "+")
            + String(repeating: style.unicode ? "─" : "-", count: columns))
        let start = "0", end = "\(NumberText.grouped(Double(m.steps))) \(what)"
        lines.append(String(repeating: " ", count: labelWidth + 2) + style.paint(start, .dim)
            + String(repeating: " ", count: max(1, columns - start.count - end.count)) + style.paint(end, .dim))
        return lines
    }
}
