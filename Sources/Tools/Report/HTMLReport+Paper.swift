import Foundation
import StrategyCore

/// A paper account as one self-contained HTML file, drawn by the backtest report's own pieces from the
/// account's record (`PaperRecord`): equity against the benchmark, drawdown, metrics, monthly returns, trades,
/// open positions, then what only an account has (the record per strategy against its backtest, the latest
/// orders, the halts) and the attached strategies' rules. Paper money, and the page says so.
extension HTMLReport {
    package static func renderPaper(_ view: PaperAccountView, record r: StrategyBacktest, generatedAt: Date) -> String {
        let title = "Paper account \(view.name): \(r.startDate) to \(r.endDate) (paper money)"
        var body = "<header>\n<h1>Paper account \(escape(view.name)) <span class=\"version\">paper money</span></h1>\n"
        body += "<p class=\"subtitle\">Traded by each <code>stratchat scan</code> from \(r.startDate) to \(r.endDate), "
        body += "\(escape(NumberText.dollars(view.startingCapital))) of starting paper money · "
        body += "\(view.halted ? "halted: " + escape(view.haltReason ?? "by hand") : "trading") · generated \(escape(timestamp(generatedAt)))</p>\n</header>\n"
        body += "<p class=\"synthetic\"><strong>Paper money.</strong> \(escape(view.note)).</p>\n"
        if let line = view.syntheticLine {
            body += "<p class=\"synthetic\"><strong>Synthetic sample data.</strong> \(escape(line)).</p>\n"
        }
        body += figures(r)
        body += section("Record per strategy against its backtest", paperRecord(view))
        body += section("Trade log (\(r.trades.count) closed trade\(r.trades.count == 1 ? "" : "s"))", tradeLog(r))
        if !r.openPositions.isEmpty { body += section("Open positions (marked to the last close)", openPositions(r)) }
        body += section("Orders of the last day traded", paperOrders(view.latestOrders))
        body += section("Limits, halts and broker", paperLimits(view))
        for strategy in view.definitions {
            body += section("\(strategy.name) v\(strategy.version) in words", words(strategy.definition))
        }
        body += section("Assumptions", list(BacktestPresenter.assumptionLines(r), id: "assumptions"))
        body += section("Warnings", r.warnings.isEmpty ? "<p>None.</p>\n" : list(r.warnings, id: "warnings"))
        body += "<footer>Made by stratchat. A paper account trades paper money by the backtest's rules; "
            + (view.broker.link.map { "its orders also went to \(escape($0.displayName))'s paper API" } ?? "nothing was sent to a broker")
            + ", and its past does not promise future returns.</footer>\n"
        return document(title: title, body: body)
    }

    static func paperRecord(_ view: PaperAccountView) -> String {
        let rows = view.recordPerStrategy
        guard !rows.isEmpty else { return "<p>No closed paper trades yet.</p>\n" }
        var html = "<table id=\"paper-record\" class=\"trades\">\n<thead><tr><th>Strategy</th><th class=\"num\">Closed trades</th>"
        html += "<th class=\"num\">Wins</th><th class=\"num\">P&amp;L</th><th class=\"num\">Backtest win rate</th><th>Decay</th></tr></thead>\n<tbody>\n"
        for r in rows {
            let figures = view.backtests[r.strategyId]
            let decay = figures.flatMap { r.decay(against: $0) }
            let pnl = NumberText.dollars(r.pnl, decimals: 2, signed: true)
            html += "<tr><td>\(escape(r.name))</td><td class=\"num\">\(r.closedTrades)</td><td class=\"num\">\(r.wins)</td>"
            html += "<td class=\"num\"><span\(signClass(pnl))>\(escape(pnl))</span></td>"
            html += "<td class=\"num\">\(escape(figures?.winRate.map { NumberText.percent($0, decimals: 0, signed: false) } ?? "no backtest"))</td>"
            html += "<td>\(escape(decay.map { ($0.decayed ? "yes, " : "no, ") + "p = " + Leaderboard.pValue($0.pValue) } ?? "—"))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n<p>Decay: paper wins against the last backtest's win rate, \(escape(Leaderboard.decayTest)).</p>\n"
    }

    static func paperOrders(_ orders: [PaperOrder]) -> String {
        guard !orders.isEmpty else { return "<p>None.</p>\n" }
        var html = "<table id=\"paper-orders\" class=\"trades\">\n<thead><tr><th>Order</th><th>Ticker</th><th>Decided</th><th>Why</th>"
        html += "<th>Status</th><th class=\"num\">Fill</th></tr></thead>\n<tbody>\n"
        for o in orders {
            let fill = o.fillPrice.map { "\(o.shares ?? 0) @ \(NumberText.price($0))" } ?? "next open"
            html += "<tr><td>\(o.side.rawValue)</td><td>\(escape(o.ticker))</td><td>\(o.decidedOn.iso)</td><td>\(escape(o.reason))</td>"
            html += "<td>\(o.status.rawValue)</td><td class=\"num\">\(escape(fill))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    static func paperLimits(_ view: PaperAccountView) -> String {
        var items = [StrategyToolbox.limitsText(view.limits).capitalizedFirst]
        items += view.halts.map { "\($0.day.iso) (\($0.kind.rawValue.replacingOccurrences(of: "_", with: " "))): \($0.reason)" }
        items.append(view.brokerLine)
        return list(items, id: "paper-halts")
    }
}

extension String {
    /// The text with its first letter upper-cased.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
