import StrategyCore

/// The monthly-returns heatmap: a row per year, a column per month and one for the year.
extension BacktestCharts {
    package static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Percent returns as numbers always (the plain fallback), coloured by sign and size when colour
    /// is on: bright green or red from 5% up, plain green or red below. A month the backtest did not
    /// cover shows `·` (or `.`). One decimal when the width allows; under 100 columns, whole percents
    /// from 10% up so a cell stays four characters.
    package static func monthlyHeatmap(_ backtest: StrategyBacktest, style: RenderStyle) -> [String] {
        let years = EquitySeries(backtest).monthlyReturns
        guard !years.isEmpty else { return [] }
        let wide = style.width >= 4 + 13 * 7
        let cell = wide ? 7 : 5
        let decimals = { (value: Double) in wide || abs(value) < 9.95 ? 1 : 0 }
        let pad = { (text: String) in String(repeating: " ", count: max(0, cell - text.count)) + text }
        var lines = [style.paint("Monthly returns (%)", .bold) + style.paint("  month-end over previous month-end", .dim)]
        lines.append(style.paint("Year" + (monthNames + ["Year"]).map(pad).joined(), .dim))
        for year in years {
            var line = style.paint(String(year.year), .dim)
            for month in year.months {
                guard let value = month else {
                    line += pad(style.unicode ? "·" : ".")
                    continue
                }
                line += paintCell(pad(NumberText.signed(value, decimals: decimals(value))), value: value, decimals: decimals(value), style: style)
            }
            line += paintCell(pad(NumberText.signed(year.total, decimals: decimals(year.total))), value: year.total, decimals: decimals(year.total), style: style)
            lines.append(line)
        }
        return lines
    }

    /// The colour of a heatmap cell: none for a value that rounds to zero, brighter for 5% or more.
    static func paintCell(_ text: String, value: Double, decimals: Int, style: RenderStyle) -> String {
        let shown = NumberText.grouped(value, decimals: decimals)
        guard Double(shown.replacingOccurrences(of: ",", with: "")) != 0 else { return text }
        let strong = abs(value) >= 5
        let code: ANSI = value > 0 ? (strong ? .brightGreen : .green) : (strong ? .brightRed : .red)
        let leading = text.prefix { $0 == " " }
        return String(leading) + style.paint(String(text.dropFirst(leading.count)), code)
    }
}
