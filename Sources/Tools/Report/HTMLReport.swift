import Foundation
import MarketData
import StrategyCore

/// A backtest as one self-contained HTML file: inline CSS and inline SVG, no script and no reference to
/// anything outside the file (no fonts, images or style sheets by URL), so it opens the same offline,
/// attached to an email, or years later. Every piece of text from the strategy or the data is escaped.
package enum HTMLReport {
    /// The whole document: equity and drawdown charts, metrics, monthly returns, the trade log, the
    /// strategy in words and as JSON, the assumptions and the warnings.
    /// - Parameters:
    ///   - strategy: the strategy as the backtest ran it (that version's rules).
    ///   - latestVersion: the strategy's newest version; named beside the one that ran when it differs.
    ///   - robustness: the trials, Monte Carlo and hold-out of a stored strategy's backtest; nil leaves the section out.
    package static func render(strategy: StoredStrategy, backtest: StrategyBacktest, latestVersion: Int? = nil,
                              robustness: ReportRobustness? = nil, generatedAt: Date) -> String {
        let r = backtest
        let ran = strategy.version
        let newer = latestVersion.flatMap { $0 != ran ? $0 : nil }
        let title = "\(strategy.name) v\(ran)\(newer.map { " (latest v\($0))" } ?? ""): backtest \(r.startDate) to \(r.endDate)"
        var body = "<header>\n<h1>\(escape(strategy.name)) <span class=\"version\">v\(ran)"
        if let newer { body += " · the latest version is v\(newer)" }
        body += "</span></h1>\n"
        body += "<p class=\"subtitle\">Backtest from \(r.startDate) to \(r.endDate), \(escape(NumberText.dollars(r.initialCapital))) starting capital"
        body += " · strategy id \(escape(strategy.id)) · backtest id \(escape(r.backtestId ?? "not stored"))"
        body += " · generated \(escape(timestamp(generatedAt)))</p>\n</header>\n"
        if let notice = syntheticNotice(r) {
            body += "<p class=\"synthetic\"><strong>Synthetic sample data.</strong> \(escape(notice))</p>\n"
        }
        body += figures(r)
        body += section("Trade log (\(r.trades.count) closed trade\(r.trades.count == 1 ? "" : "s"))", tradeLog(r))
        if !r.openPositions.isEmpty { body += section("Open at the end (marked to the last close)", openPositions(r)) }
        if let robustness { body += section("Robustness: is it luck?", self.robustness(robustness, backtestVersion: ran)) }
        body += section("The strategy in words", words(strategy.definition))
        body += section("The strategy as JSON", json(strategy.definition))
        body += section("Assumptions", list(BacktestPresenter.assumptionLines(r), id: "assumptions"))
        body += section("Warnings", r.warnings.isEmpty ? "<p>None.</p>\n" : list(r.warnings, id: "warnings"))
        body += "<footer>Made by stratchat. A backtest describes the past under the assumptions above; it does not promise future returns.</footer>\n"
        return document(title: title, body: body)
    }

    /// What a backtest and a paper account's record both show first: the headline figures, equity against the
    /// benchmark, drawdown, the metrics and the monthly returns.
    static func figures(_ r: StrategyBacktest) -> String {
        let series = EquitySeries(r)
        return headline(r)
            + section("Equity against the benchmark", SVGCharts.equity(series, benchmarkName: r.assumptions.benchmark))
            + section("Drawdown", SVGCharts.drawdown(series))
            + section("Metrics", metricsTable(r))
            + section("Monthly returns (%)", monthlyTable(series))
    }

    /// The page around `body`: the title, the inline style sheet, nothing loaded from elsewhere.
    static func document(title: String, body: String) -> String {
        """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            \(css)
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    /// Text made safe for HTML element content and attribute values.
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Why the report says "synthetic sample", or nil when every input was real.
    static func syntheticNotice(_ r: StrategyBacktest) -> String? {
        // Every data line that names synthetic data is written with `SyntheticAltData.label` (prices and fields alike).
        let sources = [r.assumptions.data] + r.warnings
        guard sources.contains(where: { $0.contains(SyntheticAltData.label) }) else { return nil }
        return "Some inputs of this backtest were generated, not observed, so its figures only show how the rules behave: \(r.assumptions.data)"
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
    }

    static func section(_ title: String, _ content: String) -> String {
        "<section>\n<h2>\(escape(title))</h2>\n\(content)</section>\n"
    }

    /// The class that colours a figure by the sign of its first word.
    static func signClass(_ text: String) -> String {
        switch ANSI.forSign(of: text) {
        case .green: " class=\"gain\""
        case .red: " class=\"loss\""
        default: ""
        }
    }

    /// Three figures a reader looks for first.
    static func headline(_ r: StrategyBacktest) -> String {
        let cards = [
            ("Total return", NumberText.percent(r.totalReturnPct)),
            ("\(r.assumptions.benchmark) buy and hold", NumberText.percent(r.benchmarkReturnPct)),
            ("Max drawdown", NumberText.percent(-r.maxDrawdownPct)),
            ("Trades", NumberText.grouped(Double(r.totalTrades))),
        ]
        return "<div class=\"cards\">\n" + cards.map { label, value in
            "<div class=\"card\"><div class=\"label\">\(escape(label))</div><div class=\"value\"><span\(signClass(value))>\(escape(value))</span></div></div>\n"
        }.joined() + "</div>\n"
    }

    static func metricsTable(_ r: StrategyBacktest) -> String {
        let table = BacktestPresenter.metricsTable(r)
        var html = "<table id=\"metrics\" class=\"metrics\">\n<thead><tr><th>Metric</th><th class=\"num\">Value</th></tr></thead>\n<tbody>\n"
        for (index, row) in table.rows.enumerated() {
            let colour = table.signColoredRows?.contains(index) ?? true ? signClass(row[1]) : ""
            html += "<tr><td>\(escape(row[0]))</td><td class=\"num\"><span\(colour)>\(escape(row[1]))</span></td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    static func tradeLog(_ r: StrategyBacktest) -> String {
        guard !r.trades.isEmpty else { return "<p>No closed trades.</p>\n" }
        let headers = ["#", "Ticker", "Entry", "Entry price", "Exit", "Exit price", "Shares", "P&L", "Return", "Days", "Exit reason", "Fees"]
        var html = "<table id=\"trades\" class=\"trades\">\n<thead><tr>"
        html += headers.enumerated().map { k, h in "<th\([1, 2, 4, 10].contains(k) ? "" : " class=\"num\"")>\(escape(h))</th>" }.joined()
        html += "</tr></thead>\n<tbody>\n"
        for (k, t) in r.trades.enumerated() {
            let pnl = NumberText.dollars(t.pnl, decimals: 2, signed: true), pct = NumberText.percent(t.pnlPct, decimals: 2)
            let cells = [
                (String(k + 1), true), (t.ticker, false), (t.entryDate.iso, false), (NumberText.price(t.entryPrice), true),
                (t.exitDate.iso, false), (NumberText.price(t.exitPrice), true), (NumberText.grouped(Double(t.shares)), true),
                (pnl, true), (pct, true), (String(t.daysHeld), true),
                (t.exitReason.rawValue.replacingOccurrences(of: "_", with: " "), false), (NumberText.dollars(t.fees, decimals: 2), true),
            ]
            html += "<tr>" + cells.enumerated().map { index, cell in
                let colour = index == 7 || index == 8 ? signClass(cell.0) : ""
                return "<td\(cell.1 ? " class=\"num\"" : "")><span\(colour)>\(escape(cell.0))</span></td>"
            }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    static func openPositions(_ r: StrategyBacktest) -> String {
        var html = "<table class=\"trades\">\n<thead><tr><th>Ticker</th><th>Entry</th><th class=\"num\">Entry price</th><th class=\"num\">Shares</th><th class=\"num\">Last close</th><th class=\"num\">Unrealized P&amp;L</th></tr></thead>\n<tbody>\n"
        for p in r.openPositions {
            let pnl = NumberText.dollars(p.unrealizedPnl, decimals: 2, signed: true)
            html += "<tr><td>\(escape(p.ticker))</td><td>\(p.entryDate.iso)</td><td class=\"num\">\(escape(NumberText.price(p.entryPrice)))</td>"
            html += "<td class=\"num\">\(escape(NumberText.grouped(Double(p.shares))))</td><td class=\"num\">\(escape(NumberText.price(p.lastClose)))</td>"
            html += "<td class=\"num\"><span\(signClass(pnl))>\(escape(pnl))</span></td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    static func words(_ strategy: TradingStrategy) -> String {
        var html = ""
        if !strategy.naturalLanguageInput.isEmpty {
            html += "<blockquote>\(escape(strategy.naturalLanguageInput))</blockquote>\n"
        }
        html += "<ul id=\"strategy-words\">\n" + strategy.plainDescription.map { "<li>\(escape($0))</li>\n" }.joined() + "</ul>\n"
        return html
    }

    /// The strategy's canonical JSON, escaped, in a block a reader can copy into `stratchat validate`.
    static func json(_ strategy: TradingStrategy) -> String {
        let text = (try? StrategyJSON.encodeString(strategy, pretty: true)) ?? "{}"
        return "<pre id=\"strategy-json\"><code>\(escape(text))</code></pre>\n"
    }

    static func list(_ items: [String], id: String) -> String {
        "<ul id=\"\(id)\">\n" + items.map { "<li>\(escape($0))</li>\n" }.joined() + "</ul>\n"
    }
}
