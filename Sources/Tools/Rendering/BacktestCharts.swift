import Foundation
import StrategyCore

/// Terminal charts of a backtest, as lines no wider than the style's width: the equity curve with the
/// benchmark overlaid, the drawdown strip under it, and the monthly-returns heatmap. Pure functions of
/// the backtest and the style, so the same inputs draw the same bytes.
package enum BacktestCharts {
    /// Everything under the metrics table: the equity chart, the drawdown strip and the heatmap.
    package static func all(_ backtest: StrategyBacktest, style: RenderStyle) -> [String] {
        let series = EquitySeries(backtest)
        guard series.equity.count >= 2 else { return ["(no chart: the backtest covers fewer than two days)"] }
        return equity(backtest, style: style) + drawdown(backtest, style: style) + [""] + monthlyHeatmap(backtest, style: style)
    }

    /// The equity curve in braille (or `*` in ASCII) with the benchmark, rebased to the same starting
    /// capital, as `·` (or `.`), dollar labels on the y-axis and the first and last dates under the x-axis.
    /// `label` names the curve in the legend ("strategy", or "paper account" for a paper account's record).
    package static func equity(_ backtest: StrategyBacktest, style: RenderStyle, height: Int = 10, label: String = "strategy") -> [String] {
        let series = EquitySeries(backtest)
        guard series.equity.count >= 2 else { return [] }
        let values = series.equity + (series.benchmark ?? [])
        let step = rowStep(low: values.min() ?? 0, high: values.max() ?? 1, rows: height)
        // Rows are centred on round values, `top` for the first row down by `step` a row.
        let top = ((values.max() ?? 1) / step).rounded(.up) * step
        let low = top - (Double(height) - 0.5) * step, high = top + step / 2
        let layout = Layout(series, style: style)
        let grid = plot(series, low: low, high: high, columns: layout.plotWidth, rows: height, style: style)

        let glyphs = style.unicode ? (line: "⣿", bench: "·") : (line: "*", bench: ".")
        var legend = style.paint(glyphs.line, .cyan) + " \(label) " + NumberText.dollars(series.equity.last)
        if let bench = series.benchmark {
            legend += "   " + style.paint(glyphs.bench, .yellow) + " \(backtest.assumptions.benchmark) buy and hold from "
                + NumberText.dollars(series.initialCapital) + ": " + NumberText.dollars(bench.last)
        } else {
            legend += "   " + style.paint("(no benchmark data)", .dim)
        }
        var lines = [style.paint("Equity", .bold) + "  " + legend]
        let ticks = Set([0, height / 2, height - 1])
        for row in 0..<height {
            let label: String
            if ticks.contains(row) {
                label = NumberText.dollars(top - Double(row) * step)
            } else {
                label = ""
            }
            lines.append(layout.prefix(label, tick: ticks.contains(row)) + grid[row])
        }
        lines.append(layout.axis)
        lines.append(layout.dates(series.dates.first, series.dates.last))
        return lines
    }

    /// One line of block characters (or digits 1–9 in ASCII) under the equity chart: each column's
    /// deepest drawdown, scaled so the full block is the backtest's maximum drawdown.
    package static func drawdown(_ backtest: StrategyBacktest, style: RenderStyle) -> [String] {
        let series = EquitySeries(backtest)
        guard series.equity.count >= 2 else { return [] }
        let deepest = series.maxDrawdownPct
        let label = NumberText.percent(-deepest)
        let layout = Layout(series, style: style)
        let levels: [Character] = style.unicode ? Array(" ▁▂▃▄▅▆▇█") : Array(" 123456789")
        let steps = levels.count - 1
        let strip = Self.buckets(series.drawdownPct.count, columns: layout.plotWidth).map { range -> Character in
            let value = series.drawdownPct[range].max() ?? 0
            guard deepest > 0, value > 0 else { return levels[0] }
            return levels[min(steps, max(1, Int((value / deepest * Double(steps)).rounded(.up))))]
        }
        let caption = deepest > 0
            ? "Drawdown from the running peak; \(levels[steps]) = \(label) (the deepest), \(levels[1]) = shallow"
            : "Drawdown: none (equity never fell below its running peak)"
        return [
            layout.prefix(label, tick: true) + style.paint(String(strip), .red),
            String(repeating: " ", count: layout.labelWidth + 2) + style.paint(caption, .dim),
        ]
    }

    /// The strategy and benchmark drawn into `rows` lines of `columns` cells.
    static func plot(_ series: EquitySeries, low: Double, high: Double, columns: Int, rows: Int, style: RenderStyle) -> [String] {
        let scale = { (value: Double, steps: Int) -> Int in
            Int(((high - value) / (high - low) * Double(steps - 1)).rounded())
        }
        var cells = Array(repeating: Array(repeating: " ", count: columns), count: rows)
        var strategyCells = Array(repeating: Array(repeating: false, count: columns), count: rows)
        if style.unicode {
            var canvas = BrailleCanvas(columns: columns, rows: rows)
            var previous: Int?
            for x in 0..<canvas.pixelWidth {
                let y = scale(sample(series.equity, at: x, of: canvas.pixelWidth), canvas.pixelHeight)
                canvas.setVertical(x: x, from: previous ?? y, to: y)
                previous = y
            }
            for row in 0..<rows {
                for column in 0..<columns where canvas.isSet(column: column, row: row) {
                    cells[row][column] = String(canvas.character(column: column, row: row))
                    strategyCells[row][column] = true
                }
            }
        } else {
            var previous: Int?
            for column in 0..<columns {
                let y = scale(sample(series.equity, at: column, of: columns), rows)
                for row in min(previous ?? y, y)...max(previous ?? y, y) {
                    cells[row][column] = "*"
                    strategyCells[row][column] = true
                }
                previous = y
            }
        }
        if let bench = series.benchmark {
            var previous: Int?
            for column in 0..<columns {
                let y = scale(sample(bench, at: column, of: columns), rows)
                // A steep move is joined from the row after the previous point, so the line stays unbroken.
                let from = previous.map { $0 < y ? min($0 + 1, y) : max($0 - 1, y) } ?? y
                for row in min(from, y)...max(from, y) where !strategyCells[row][column] {
                    cells[row][column] = style.unicode ? "·" : "."
                }
                previous = y
            }
        }
        return cells.indices.map { row in
            // Runs of one series are painted together; blanks stay unpainted and trailing blanks go.
            var line = ""
            var run = "", kind: Bool?
            func flush() {
                if let kind, !run.isEmpty { line += style.paint(run, kind ? .cyan : .yellow) }
                run = ""
            }
            for column in 0..<columns {
                let cell = cells[row][column]
                let cellKind: Bool? = cell == " " ? nil : strategyCells[row][column]
                if cellKind != kind { flush(); kind = cellKind }
                if cellKind == nil { line += cell } else { run += cell }
            }
            flush()
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    /// The smallest round step a row (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) with which `rows` rows,
    /// the first centred on a multiple of the step, cover low...high.
    static func rowStep(low: Double, high: Double, rows: Int) -> Double {
        let raw = max((high - low) / Double(max(1, rows - 1)), 0.01)
        var magnitude = pow(10, floor(log10(raw)))
        while true {
            for factor in [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8] {
                let step = factor * magnitude
                guard step >= raw else { continue }
                if (high / step).rounded(.up) * step - Double(rows - 1) * step <= low { return step }
            }
            magnitude *= 10
        }
    }

    /// The value of `values` at position `index` of `count` evenly spaced samples (first to last).
    static func sample(_ values: [Double], at index: Int, of count: Int) -> Double {
        guard count > 1, values.count > 1 else { return values.first ?? 0 }
        let position = Double(index) * Double(values.count - 1) / Double(count - 1)
        return values[Int(position.rounded())]
    }

    /// The ranges of `count` points that fall into each of `columns` columns; with fewer points than
    /// columns, each column takes its nearest point.
    static func buckets(_ count: Int, columns: Int) -> [Range<Int>] {
        guard count > 0, columns > 0 else { return [] }
        return (0..<columns).map { column in
            if count >= columns {
                return (column * count / columns)..<max(column * count / columns + 1, (column + 1) * count / columns)
            }
            let nearest = columns > 1 ? Int((Double(column) * Double(count - 1) / Double(columns - 1)).rounded()) : 0
            return nearest..<(nearest + 1)
        }
    }
}

extension BacktestCharts {
    /// The frame the equity chart and drawdown strip share, so their plots line up column for column.
    struct Layout {
        var style: RenderStyle
        var labelWidth: Int

        /// Room for the widest label either chart may print: the dollar extremes and the drawdown.
        init(_ series: EquitySeries, style: RenderStyle) {
            self.style = style
            let values = series.equity + (series.benchmark ?? [])
            let labels = [values.max(), values.min()].map { NumberText.dollars($0) } + [NumberText.percent(-series.maxDrawdownPct)]
            labelWidth = max(8, labels.map(\.count).max() ?? 0)
        }

        /// Columns left for the plot after the labels and the axis.
        var plotWidth: Int { style.width - labelWidth - 2 }

        func prefix(_ label: String, tick: Bool) -> String {
            let padded = String(repeating: " ", count: max(0, labelWidth - label.count)) + label
            let mark = style.unicode ? (tick ? "┤" : "│") : (tick ? "+" : "|")
            return style.paint(padded, .dim) + " " + mark
        }

        var axis: String {
            String(repeating: " ", count: labelWidth + 1) + (style.unicode ? "└" : "+")
                + String(repeating: style.unicode ? "─" : "-", count: plotWidth)
        }

        func dates(_ first: Day?, _ last: Day?) -> String {
            let start = first?.iso ?? "", end = last?.iso ?? ""
            let gap = max(1, plotWidth + 1 - start.count - end.count)
            return String(repeating: " ", count: labelWidth + 1) + style.paint(start, .dim)
                + String(repeating: " ", count: gap) + style.paint(end, .dim)
        }
    }
}
