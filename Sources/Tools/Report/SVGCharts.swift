import Foundation
import StrategyCore

/// The report's charts as inline SVG (no namespace attribute: HTML5 does not need one): the equity line
/// against the rebased benchmark, and the drawdown area, each with gridlines, labelled axes and dates.
enum SVGCharts {
    static let width = 1000.0
    static let margin = (left: 86.0, right: 24.0, top: 34.0, bottom: 44.0)
    /// More points than this are thinned evenly (the last point always kept): a screen cannot show them.
    static let maxPoints = 1500

    static func equity(_ series: EquitySeries, benchmarkName: String) -> String {
        guard series.equity.count >= 2 else { return "<p>Not enough days to draw.</p>\n" }
        let height = 360.0
        let values = series.equity + (series.benchmark ?? [])
        var low = values.min() ?? 0, high = values.max() ?? 1
        if high - low < 1 { (low, high) = (low - 1, high + 1) }
        let ticks = niceTicks(low: low, high: high)
        low = min(low, ticks.first ?? low)
        high = max(high, ticks.last ?? high)
        let frame = Frame(height: height, low: low, high: high, count: series.equity.count)
        var svg = open(height: height, label: "Equity of the strategy against \(benchmarkName), rebased to the same starting capital")
        for tick in ticks {
            let y = frame.y(tick)
            svg += line(frame.left, y, frame.right, y, "grid")
            svg += text(frame.left - 8, y + 4, NumberText.dollars(tick), anchor: "end")
        }
        svg += dateAxis(series.dates, frame: frame)
        if let bench = series.benchmark {
            svg += "<polyline class=\"benchmark\" points=\"\(points(bench, frame: frame))\"/>\n"
        }
        svg += "<polyline class=\"equity\" points=\"\(points(series.equity, frame: frame))\"/>\n"
        // Legend, top left.
        svg += line(frame.left, 14, frame.left + 28, 14, "equity", style: "stroke-width:3")
        svg += text(frame.left + 34, 18, "Strategy \(NumberText.dollars(series.equity.last))", anchor: "start", css: "legend")
        if let bench = series.benchmark {
            svg += "<line class=\"benchmark\" x1=\"\(f(frame.left + 260))\" y1=\"14\" x2=\"\(f(frame.left + 288))\" y2=\"14\"/>\n"
            svg += text(frame.left + 294, 18, "\(benchmarkName) buy and hold, rebased to \(NumberText.dollars(series.initialCapital)): \(NumberText.dollars(bench.last))",
                        anchor: "start", css: "legend")
        } else {
            svg += text(frame.left + 260, 18, "No benchmark data", anchor: "start", css: "legend")
        }
        return svg + "</svg>\n"
    }

    static func drawdown(_ series: EquitySeries) -> String {
        guard series.equity.count >= 2 else { return "<p>Not enough days to draw.</p>\n" }
        let height = 220.0
        let deepest = max(series.maxDrawdownPct, 0.5)
        let ticks = niceTicks(low: -deepest, high: 0)
        let low = min(-deepest, ticks.first ?? -deepest)
        let frame = Frame(height: height, low: low, high: 0, count: series.drawdownPct.count)
        var svg = open(height: height, label: "Drawdown from the running peak, in percent")
        for tick in ticks {
            let y = frame.y(tick)
            svg += line(frame.left, y, frame.right, y, "grid")
            svg += text(frame.left - 8, y + 4, NumberText.percent(tick, decimals: abs(tick) < 10 && tick != tick.rounded() ? 1 : 0), anchor: "end")
        }
        svg += dateAxis(series.dates, frame: frame)
        let curve = points(series.drawdownPct.map { -$0 }, frame: frame)
        svg += "<polygon class=\"drawdown\" points=\"\(f(frame.left)),\(f(frame.y(0))) \(curve) \(f(frame.right)),\(f(frame.y(0)))\"/>\n"
        svg += text(frame.left, 18, "Deepest: \(NumberText.percent(-series.maxDrawdownPct)) below the running peak", anchor: "start", css: "legend")
        return svg + "</svg>\n"
    }

    /// Where values land in a chart of a given height.
    struct Frame {
        var height: Double
        var low: Double
        var high: Double
        var count: Int
        var left: Double { margin.left }
        var right: Double { width - margin.right }
        var top: Double { margin.top }
        var bottom: Double { height - margin.bottom }

        func x(_ index: Int) -> Double {
            count > 1 ? left + Double(index) / Double(count - 1) * (right - left) : left
        }

        func y(_ value: Double) -> Double {
            high > low ? bottom - (value - low) / (high - low) * (bottom - top) : (top + bottom) / 2
        }
    }

    static func open(height: Double, label: String) -> String {
        "<svg viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(HTMLReport.escape(label))\">\n"
    }

    static func points(_ values: [Double], frame: Frame) -> String {
        let stride = max(1, Int((Double(values.count) / Double(maxPoints)).rounded(.up)))
        var indexes = Array(Swift.stride(from: 0, to: values.count, by: stride))
        if indexes.last != values.count - 1 { indexes.append(values.count - 1) }
        return indexes.map { "\(f(frame.x($0))),\(f(frame.y(values[$0])))" }.joined(separator: " ")
    }

    /// The x-axis: a tick at the first day of each year (every few years on a long backtest), and the
    /// first and last dates written under its ends.
    static func dateAxis(_ dates: [Day], frame: Frame) -> String {
        var svg = line(frame.left, frame.bottom, frame.right, frame.bottom, "axis")
        svg += line(frame.left, frame.top, frame.left, frame.bottom, "axis")
        let yearStarts = dates.indices.filter { $0 > 0 && dates[$0].year != dates[$0 - 1].year }
        let every = max(1, Int((Double(yearStarts.count) / 10).rounded(.up)))
        for (k, index) in yearStarts.enumerated() where k % every == 0 {
            let x = frame.x(index)
            svg += line(x, frame.top, x, frame.bottom, "grid")
            // Year labels near the ends would collide with the dates written there.
            if x - frame.left > 60, frame.right - x > 60 {
                svg += text(x, frame.bottom + 16, String(dates[index].year), anchor: "middle")
            }
        }
        if let first = dates.first, let last = dates.last {
            svg += text(frame.left, frame.bottom + 34, first.iso, anchor: "start", css: "legend")
            svg += text(frame.right, frame.bottom + 34, last.iso, anchor: "end", css: "legend")
        }
        return svg
    }

    /// About five round values covering low...high (steps of 1, 2 or 5 times a power of ten).
    static func niceTicks(low: Double, high: Double) -> [Double] {
        let range = high - low
        guard range > 0, range.isFinite else { return [low] }
        let raw = range / 4
        let magnitude = pow(10, floor(log10(raw)))
        let normalized = raw / magnitude
        let step = (normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10) * magnitude
        let first = floor(low / step) * step
        var ticks: [Double] = []
        var value = first
        while value <= high + step * 0.999, ticks.count < 12 {
            ticks.append(value)
            value += step
        }
        return ticks
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ css: String, style: String? = nil) -> String {
        let extra = style.map { " style=\"\($0)\"" } ?? ""
        return "<line class=\"\(css)\" x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\"\(extra)/>\n"
    }

    static func text(_ x: Double, _ y: Double, _ content: String, anchor: String, css: String? = nil) -> String {
        let kind = css.map { " class=\"\($0)\"" } ?? ""
        return "<text\(kind) x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\">\(HTMLReport.escape(content))</text>\n"
    }

    /// A coordinate with one decimal: enough for a 1000-unit canvas, and stable text for tests.
    static func f(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
