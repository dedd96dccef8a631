/// The report's monthly-returns heatmap and its style sheet.
extension HTMLReport {
    /// Years down, months across, then the year; each cell tinted by sign and size (the number is always
    /// written, so the table reads in black and white too).
    static func monthlyTable(_ series: EquitySeries) -> String {
        let years = series.monthlyReturns
        guard !years.isEmpty else { return "<p>No complete month.</p>\n" }
        var html = "<table id=\"monthly\" class=\"monthly\">\n<thead><tr><th>Year</th>"
        html += (BacktestCharts.monthNames + ["Year"]).map { "<th>\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for year in years {
            html += "<tr><th>\(year.year)</th>"
            for month in year.months {
                html += month.map(cell) ?? "<td class=\"none\">·</td>"
            }
            html += cell(year.total).replacingOccurrences(of: "<td class=\"", with: "<td class=\"year ") + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// A cell in one of four tints each way: under 1%, under 3%, under 6%, and 6% or more.
    static func cell(_ value: Double) -> String {
        let text = NumberText.signed(value, decimals: 1)
        let magnitude = abs(value)
        let level = magnitude < 1 ? 1 : magnitude < 3 ? 2 : magnitude < 6 ? 3 : 4
        let kind = text.hasPrefix("+") ? "p\(level)" : text.hasPrefix("-") ? "n\(level)" : "zero"
        return "<td class=\"\(kind)\">\(escape(text))</td>"
    }

    static let css = """
        :root { color-scheme: light; --ink: #1d2430; --muted: #5c6673; --line: #d9dee5; --gain: #0f7b3f; --loss: #b3261e; --accent: #1f5fbf; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 1100px; padding: 28px 32px 48px; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h1 .version { color: var(--muted); font-weight: normal; font-size: 18px; }
        h2 { font-size: 18px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
        .subtitle { color: var(--muted); margin: 0 0 16px; }
        .synthetic { background: #fff4d6; border: 1px solid #e0b44a; border-radius: 6px; padding: 10px 14px; }
        .cards { display: flex; gap: 14px; flex-wrap: wrap; margin: 18px 0 0; }
        .card { flex: 1 1 200px; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
        .card .label { color: var(--muted); font-size: 13px; }
        .card .value { font-size: 24px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .gain { color: var(--gain); }
        .loss { color: var(--loss); }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; }
        th { font-weight: 600; background: #f4f6f9; }
        .num { text-align: right; }
        table.metrics td:first-child { color: var(--muted); }
        table.trades { width: 100%; font-size: 13px; }
        table.monthly { font-size: 13px; }
        table.monthly td { text-align: right; min-width: 54px; }
        table.monthly td.year { font-weight: 600; border-left: 2px solid #fff; }
        td.p1 { background: #e7f5ec; } td.p2 { background: #c4e8d1; } td.p3 { background: #8fd3a8; } td.p4 { background: #4cb877; }
        td.n1 { background: #fbeaea; } td.n2 { background: #f5c9c6; } td.n3 { background: #ec9a94; } td.n4 { background: #de6259; }
        td.none { color: #aab2bd; text-align: center; }
        table.heat { font-size: 13px; margin: 10px 0; }
        table.heat caption { caption-side: top; text-align: left; white-space: nowrap; color: var(--muted); padding-bottom: 4px; }
        table.heat td { text-align: right; min-width: 54px; }
        table.heat td.best { outline: 2px solid var(--ink); outline-offset: -2px; font-weight: 600; }
        svg { display: block; width: 100%; height: auto; }
        svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--muted); }
        svg .grid { stroke: #e8ebf0; stroke-width: 1; }
        svg .axis { stroke: #9aa3ae; stroke-width: 1; }
        svg .equity { fill: none; stroke: var(--accent); stroke-width: 2; }
        svg .benchmark { fill: none; stroke: #e08a1e; stroke-width: 1.5; stroke-dasharray: 6 4; }
        svg .drawdown { fill: #f2b8b4; stroke: var(--loss); stroke-width: 1; }
        svg .fan { fill: #bcd7f0; stroke: none; }
        svg .median { fill: none; stroke: var(--accent); stroke-width: 2; }
        svg .legend { fill: var(--ink); }
        blockquote { margin: 0 0 10px; padding: 6px 14px; border-left: 3px solid var(--line); color: var(--muted); font-style: italic; }
        pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 12px; overflow-x: auto; font-size: 12px; }
        footer { margin-top: 36px; color: var(--muted); font-size: 13px; }
        """
}
