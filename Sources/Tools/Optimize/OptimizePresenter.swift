import AgentLoop
import Foundation
import MarketData
import StrategyCore

/// The person's view of a sweep (table, heat map and verdict), and the note and ranking its result shares.
struct OptimizePresenter {
    var style: RenderStyle

    /// Variants the model reads (the best ones); scripts get every one.
    static let modelVariants = 20
    /// Rows of the person's table.
    static let shownVariants = 10

    /// Variants best first by the objective (no score last), ties by grid order.
    static func ranked(_ sweep: ParameterSweep.Result) -> [ParameterSweep.Variant] {
        sweep.variants.sorted { a, b in
            let x = score(a, sweep.objective), y = score(b, sweep.objective)
            return x != y ? x > y : a.index < b.index
        }
    }

    static func score(_ v: ParameterSweep.Variant, _ objective: ParameterSweep.Objective) -> Double {
        let value: Double? = switch objective {
        case .sharpe: v.metrics.sharpeRatio
        case .totalReturn: v.metrics.totalReturnPct
        case .calmar: v.metrics.calmarRatio
        }
        return value.flatMap { $0.isFinite ? $0 : nil } ?? -.infinity
    }

    /// "entry_conditions.0.value=20..40:5 × risk_parameters.stop_loss_pct=4..8:4" in short.
    static func gridText(_ grid: ParameterGrid) -> String {
        grid.axes.map { "\(shortName($0.path)) \(valuesText($0.values))" }.joined(separator: " × ")
    }

    static func valuesText(_ values: [Double]) -> String {
        guard values.count > 2 else { return values.map { Self.gridValue($0) }.joined(separator: ", ") }
        return "\(Self.gridValue(values[0]))…\(Self.gridValue(values[values.count - 1])) (\(values.count))"
    }

    /// 30, 7.5, 0.25: a grid's value without trailing zeros.
    static func gridValue(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : NumberText.fieldValue(value)
    }

    /// `risk_parameters.stop_loss_pct` → `stop_loss_pct`; `entry_conditions.0.value` → `entry 1 value`.
    static func shortName(_ path: String) -> String {
        let parts = path.split(separator: ".").map(String.init)
        if parts.first == "risk_parameters", parts.count == 2 { return parts[1] }
        if parts.count >= 3, let i = Int(parts[1]), ["entry_conditions", "exit_conditions"].contains(parts[0]) {
            return "\(parts[0] == "entry_conditions" ? "entry" : "exit") \(i + 1) \(parts[2...].joined(separator: "."))"
        }
        return path
    }

    /// What the sweep shows, honestly: the winner, how often winners held up out of sample, and whether
    /// the winner's Sharpe stands out from the luck of trying this many variants.
    static func note(_ o: OptimizeOutcome) -> String {
        let sweep = o.sweep
        let n = sweep.variants.count
        let best = sweep.variants[sweep.best]
        var text = "The best of \(n) variants by \(sweep.objective.rawValue) (\(bestText(best, grid: sweep.grid))) had a Sharpe of "
            + "\(NumberText.ratio(best.metrics.sharpeRatio)). "
        if let pbo = sweep.overfitting?.pbo {
            let share = NumberText.grouped(pbo * 100)
            text += "PBO \(NumberText.grouped(pbo, decimals: 2)): in \(share)% of the train/test splits the variant that won in sample "
                + "ranked at or below the median out of sample, "
                + (pbo >= 0.5 ? "so picking the best here is no better than a coin toss: likely overfit. "
                    : pbo > 0.2 ? "so the pick is at real risk of being overfit. "
                    : "so the ranking mostly holds out of sample. ")
        } else if let problem = sweep.pboProblem {
            text += "PBO could not be estimated: \(problem) "
        }
        text += sweep.bestStatistics?.note ?? BacktestPresenter.noSharpeNote
        return text
    }

    static func bestText(_ v: ParameterSweep.Variant, grid: ParameterGrid) -> String {
        pairsText(paths: grid.axes.map(\.path), values: v.values)
    }

    /// "stop_loss_pct 8, entry 1 value 30": each path's short name and its value.
    static func pairsText(paths: [String], values: [Double]) -> String {
        zip(paths, values).map { "\(shortName($0)) \(gridValue($1))" }.joined(separator: ", ")
    }

    func render(_ o: OptimizeOutcome) -> String {
        let sweep = o.sweep
        var out = "Sweep of \"\(o.strategy.name)\" \(StrategyToolbox.versionLabel(o.strategy)): \(sweep.variants.count) variants of "
            + "\(Self.gridText(sweep.grid)), \(sweep.start) to \(sweep.end), best by \(sweep.objective.rawValue)\n"
        for note in o.plan.rangeNotes { out += "  note: \(note)\n" }
        if !o.plan.external.syntheticLabels.isEmpty {
            out += "  uses synthetic sample data (generated, not real) for: "
                + o.plan.external.syntheticLabels.map(SyntheticAltData.field(inNote:)).joined(separator: ", ") + "\n"
        }
        out += "\n"
        let top = Self.ranked(sweep).prefix(Self.shownVariants)
        let columns: [TextTable.Column] = [.init("Rank")] + sweep.grid.axes.map { TextTable.Column(Self.shortName($0.path), alignment: .right) }
            + [.init("Sharpe", alignment: .right), .init("Return", alignment: .right, colorsBySign: true),
               .init("Max DD", alignment: .right), .init("Trades", alignment: .right)]
        let rows = top.enumerated().map { rank, v in
            ["\(rank + 1)\(v.index == sweep.best ? " *" : "")"] + v.values.map { Self.gridValue($0) }
                + [NumberText.ratio(v.metrics.sharpeRatio), NumberText.percent(v.metrics.totalReturnPct),
                   NumberText.percent(-v.metrics.maxDrawdownPct), NumberText.grouped(Double(v.metrics.totalTrades))]
        }
        out += TextTable(columns: columns, rows: rows).render(style: style)
        if sweep.grid.axes.count == 2 { out += "\n" + heatMap(sweep).map { $0 + "\n" }.joined() }
        out += "\n"
        if let overfitting = sweep.overfitting {
            out += "Overfitting: PBO \(NumberText.grouped(overfitting.pbo, decimals: 2)) over "
                + "\(NumberText.grouped(Double(overfitting.logits.count))) splits of \(overfitting.blocks) blocks\n"
        }
        if let s = sweep.bestStatistics {
            out += "Luck check: probabilistic Sharpe \(NumberText.grouped(s.probabilisticSharpeRatio, decimals: 2)), "
                + "deflated \(NumberText.grouped(s.deflatedSharpeRatio, decimals: 2)) over \(s.trials) variants\n"
        }
        if let walk = o.walkForward { out += "\n" + walkForwardTable(walk) }
        out += Self.note(o) + "\n"
        if let saved = o.savedVersion {
            out += "Saved the best variant as v\(saved.version) of \"\(saved.name)\"; the sweep stays in its history.\n"
        } else if o.saveAsked {
            out += "Nothing saved: the best variant is the strategy as it stands.\n"
        } else if o.strategy.id != nil {
            out += "To keep the best variant, ask to save it as a new version.\n"
        }
        return out
    }

    /// One row per window: the dates, the pick, its in-sample and out-of-sample figures; then the stitched result.
    func walkForwardTable(_ w: WalkForward.Result) -> String {
        let columns: [TextTable.Column] = [
            .init("Train"), .init("Test"), .init("Chosen"), .init("IS Sharpe", alignment: .right),
            .init("OOS Sharpe", alignment: .right), .init("OOS return", alignment: .right, colorsBySign: true),
        ]
        let rows = w.windows.map { x in
            ["\(x.trainStart)…\(x.trainEnd)", "\(x.testStart)…\(x.testEnd)",
             Self.pairsText(paths: w.grid.axes.map(\.path), values: x.values),
             NumberText.ratio(x.inSample.sharpeRatio), NumberText.ratio(x.outOfSample.sharpeRatio), NumberText.percent(x.outOfSample.totalReturnPct)]
        }
        var out = style.paint("Walk-forward: \(w.options.anchored ? "anchored" : "rolling") \(w.options.trainMonths) months train, "
            + "\(w.options.testMonths) months test, \(w.windows.count) windows", .bold) + "\n"
        out += TextTable(columns: columns, rows: rows).render(style: style)
        out += "Out of sample, stitched: \(NumberText.percent(w.outOfSampleReturnPct)); walk-forward efficiency "
            + (w.efficiency.map { NumberText.grouped($0, decimals: 2) } ?? "— (the picks did not gain in sample)")
            + (w.efficiency.map { $0 < 0.5 ? " (the picks kept less than half their in-sample pace out of sample)" : "" } ?? "") + "\n"
        return out
    }

    /// Sharpe of each pair of values: rows the first axis, columns the second.
    func heatMap(_ sweep: ParameterSweep.Result) -> [String] {
        let (rowsAxis, columnsAxis) = (sweep.grid.axes[0], sweep.grid.axes[1])
        let cell = 7
        let pad = { (text: String) in String(repeating: " ", count: max(0, cell - text.count)) + text }
        let label = max(8, Self.shortName(rowsAxis.path).count)
        let padLabel = { (text: String) in text + String(repeating: " ", count: max(0, label - text.count)) }
        var lines = [style.paint("Sharpe by \(Self.shortName(rowsAxis.path)) (rows) and \(Self.shortName(columnsAxis.path)) (columns)", .bold)]
        lines.append(style.paint(padLabel("") + columnsAxis.values.map { pad(Self.gridValue($0)) }.joined(), .dim))
        for (r, value) in rowsAxis.values.enumerated() {
            var line = style.paint(padLabel(Self.gridValue(value)), .dim)
            for c in columnsAxis.values.indices {
                let v = sweep.variants[r * columnsAxis.values.count + c]
                let text = pad(NumberText.ratio(v.metrics.sharpeRatio))
                let sharpe = v.metrics.sharpeRatio ?? 0
                line += v.index == sweep.best ? style.paint(text, .bold)
                    : sharpe > 0 ? style.paint(text, .green) : sharpe < 0 ? style.paint(text, .red) : text
            }
            lines.append(line)
        }
        return lines
    }
}
