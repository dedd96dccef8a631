import Foundation
import StrategyCore
import Tools

/// The person's view of a backtest: the metrics table, the best and worst trades, open positions,
/// warnings and assumptions.
enum BacktestReport {
    static func render(_ run: BacktestRun, style: OutputStyle) -> String {
        let r = run.result
        let borders: TableBorders = style.ascii ? .ascii : .unicode
        var out = "\"\(run.strategy.name)\" — \(run.rangeNote)\n"
        if let id = r.backtestId {
            out += "Saved as backtest \(id) of strategy \(r.strategyId ?? "?") version \(r.strategyVersion.map(String.init) ?? "?").\n"
        }
        out += "\n" + metricsTable(r).render(borders: borders, maxWidth: style.width)

        let ranked = r.trades.sorted { ($0.pnlPct, $0.entryDate) > ($1.pnlPct, $1.entryDate) }
        if !ranked.isEmpty {
            let best = Array(ranked.prefix(3))
            let worst = Array(ranked.reversed().prefix(3)).filter { !best.contains($0) }
            out += "\nBest trades\n" + tradeTable(best).render(borders: borders, maxWidth: style.width)
            if !worst.isEmpty {
                out += "\nWorst trades\n" + tradeTable(worst).render(borders: borders, maxWidth: style.width)
            }
        }
        if !r.openPositions.isEmpty {
            let rows = r.openPositions.map { p in
                [p.ticker, p.entryDate.iso, price(p.entryPrice), String(p.shares), price(p.lastClose), money(p.unrealizedPnl)]
            }
            let table = TextTable(columns: [.init("ticker"), .init("entry"), .init("entry price"), .init("shares"),
                                            .init("last close"), .init("unrealized")], rows: rows)
            out += "\nOpen positions (marked to the last close)\n" + table.render(borders: borders, maxWidth: style.width)
        }
        if !r.warnings.isEmpty {
            out += "\nWarnings\n" + r.warnings.map { "  - \($0)\n" }.joined()
        }
        let a = r.assumptions
        out += "\nAssumptions\n"
        out += "  data: \(a.data)\n"
        out += "  universe: \(a.universe)\n"
        out += "  fill: \(a.fill); commission \(number(a.commissionPct))% per side; slippage \(number(a.slippageBps)) bps\n"
        out += "  stop/target: \(a.stopTargetRule)\n"
        out += "  benchmark: \(a.benchmark); skipped bars: \(a.skippedBars)\n"
        return out
    }

    static func metricsTable(_ r: StrategyBacktest) -> TextTable {
        let rows: [[String]] = [
            ["initial capital", money(r.initialCapital)],
            ["total return", "\(pct(r.totalReturnPct)) (\(money(r.totalReturnDollars)))"],
            ["CAGR", opt(r.cagrPct, pct)],
            ["benchmark return", opt(r.benchmarkReturnPct, pct)],
            ["exposure", pct(r.exposurePct)],
            ["trades", "\(r.totalTrades) (\(r.winningTrades) won, \(r.losingTrades) lost)"],
            ["win rate", pct(r.winRate)],
            ["average win / loss", "\(opt(r.avgWinPct, pct)) / \(opt(r.avgLossPct, pct))"],
            ["profit factor", r.profitFactor.map { number($0) } ?? "n/a" + (r.profitFactorNote.map { " (\($0))" } ?? "")],
            ["expectancy per trade", opt(r.expectancyPct, pct)],
            ["best / worst trade", "\(opt(r.bestTradePct, pct)) / \(opt(r.worstTradePct, pct))"],
            ["average days held", opt(r.avgDaysHeld) { number($0) }],
            ["max drawdown", "\(pct(r.maxDrawdownPct)) over \(r.maxDrawdownDays) days"],
            ["Sharpe / Sortino", "\(opt(r.sharpeRatio) { number($0) }) / \(opt(r.sortinoRatio) { number($0) })"],
            ["Calmar", opt(r.calmarRatio) { number($0) }],
            ["alpha / beta", "\(opt(r.alphaPct, pct)) / \(opt(r.beta) { number($0) })"],
            ["fees paid", money(r.feesPaid)],
        ]
        return TextTable(columns: [.init("metric", alignment: .left), .init("value", alignment: .right)], rows: rows)
    }

    static func tradeTable(_ trades: [BacktestTrade]) -> TextTable {
        let rows = trades.map { t in
            [t.ticker, t.entryDate.iso, price(t.entryPrice), t.exitDate.iso, price(t.exitPrice), String(t.shares),
             money(t.pnl), pct(t.pnlPct), String(t.daysHeld), t.exitReason.rawValue]
        }
        return TextTable(columns: [.init("ticker"), .init("entry"), .init("price"), .init("exit"), .init("price"),
                                   .init("shares"), .init("P&L"), .init("P&L %"), .init("days"), .init("exit reason")],
                         rows: rows)
    }

    static func opt(_ value: Double?, _ format: (Double) -> String) -> String { value.map(format) ?? "n/a" }
    /// A number that cannot be right (NaN or infinity, from bad price data) shows as "n/a", never "nan".
    static func pct(_ value: Double) -> String { value.isFinite ? String(format: "%.2f%%", value) : "n/a" }
    static func number(_ value: Double) -> String { value.isFinite ? String(format: "%.2f", value) : "n/a" }
    static func price(_ value: Double) -> String { value.isFinite ? String(format: "%.4f", value) : "n/a" }

    /// Dollars with two decimals and thousands separators: `$12,954.80`, `-$264.11`.
    static func money(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        let fixed = String(format: "%.2f", abs(value))
        let whole = fixed.prefix { $0 != "." }, cents = fixed.drop { $0 != "." }
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 && fixed != "0.00" ? "-$" : "$") + grouped + cents
    }
}
