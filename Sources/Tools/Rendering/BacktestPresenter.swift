import AgentLoop
import Foundation
import MarketData
import StrategyCore

/// The person's face of a backtest (the model's is `BacktestResult`): a metrics table, the equity and
/// drawdown charts, the monthly returns, the best and worst trades, assumptions and warnings.
struct BacktestPresenter {
    /// Width, box drawing, and green gains and red losses in the tables, colours in the charts.
    var style: RenderStyle

    func render(_ outcome: BacktestOutcome) -> String {
        let (r, strategy, plan) = (outcome.result, outcome.strategy, outcome.plan)
        var out = "Backtest of \"\(strategy.name)\" \(StrategyToolbox.versionLabel(strategy)): "
        out += "\(r.startDate) to \(r.endDate), \(NumberText.dollars(r.initialCapital)) starting capital\n"
        for note in plan.rangeNotes { out += "  note: \(note)\n" }
        if !plan.external.syntheticLabels.isEmpty {
            out += "  uses synthetic sample data (generated, not real) for: "
                + plan.external.syntheticLabels.map(SyntheticAltData.field(inNote:)).joined(separator: ", ") + "\n"
        }
        out += "\n"
        out += Self.metricsTable(r).render(style: style)
        out += "\n" + Self.luckLines(outcome).map { "\($0)\n" }.joined()
        out += "\n" + BacktestCharts.all(r, style: style).map { $0 + "\n" }.joined()
        let picks = [("Best", Self.bestTrade(r)), ("Worst", Self.worstTrade(r))].compactMap { label, trade in trade.map { (label, $0) } }
        if !picks.isEmpty {
            out += "\n" + Self.tradesTable(picks).render(style: style)
        }
        let bullet = style.unicode ? "•" : "-"
        out += "\nAssumptions:\n" + Self.assumptionLines(r).map { "  \(bullet) \($0)\n" }.joined()
        if !r.warnings.isEmpty {
            out += "\nWarnings:\n" + r.warnings.map { "  ! \($0)\n" }.joined()
        }
        return out
    }

    /// The headline figures, one metric a row; the return rows are coloured by sign.
    static func metricsTable(_ r: StrategyBacktest) -> TextTable {
        let dollars = NumberText.dollars(r.totalReturnDollars, signed: true)
        let wins = "\(NumberText.percent(r.winRate, signed: false)) (\(r.winningTrades) of \(r.totalTrades))"
        let rows: [[String]] = [
            ["Total return", "\(NumberText.percent(r.totalReturnPct)) (\(dollars))"],
            ["Benchmark (\(r.assumptions.benchmark)) buy and hold", NumberText.percent(r.benchmarkReturnPct)],
            ["CAGR", NumberText.percent(r.cagrPct)],
            ["Trades (closed)", NumberText.grouped(Double(r.totalTrades))],
            ["Win rate", wins],
            ["Profit factor", r.profitFactor.map { NumberText.ratio($0) } ?? (r.profitFactorNote ?? "—")],
            ["Average win / loss", "\(NumberText.percent(r.avgWinPct)) / \(NumberText.percent(r.avgLossPct))"],
            ["Expectancy per trade", NumberText.percent(r.expectancyPct)],
            ["Max drawdown", "\(NumberText.percent(-r.maxDrawdownPct)) (\(r.maxDrawdownDays) days)"],
            ["Sharpe / Sortino / Calmar", "\(NumberText.ratio(r.sharpeRatio)) / \(NumberText.ratio(r.sortinoRatio)) / \(NumberText.ratio(r.calmarRatio))"],
            ["Alpha / beta", "\(NumberText.percent(r.alphaPct)) / \(NumberText.ratio(r.beta))"],
            ["Exposure", NumberText.percent(r.exposurePct, signed: false)],
            ["Average hold", r.avgDaysHeld.map { "\(NumberText.grouped($0, decimals: 1)) days" } ?? "—"],
            ["Commissions paid", NumberText.dollars(r.feesPaid, decimals: 2)],
            ["Open at end", "\(r.openPositions.count) (marked to last close)"],
        ]
        var table = TextTable(columns: [.init("Metric"), .init("Value", alignment: .right, colorsBySign: true)], rows: rows)
        // Total return, benchmark, CAGR, expectancy, drawdown: the rows whose sign is a gain or a loss.
        table.signColoredRows = [0, 1, 2, 7, 8]
        return table
    }

    static let noSharpeNote = "The equity never moved, so there is no Sharpe ratio to test against luck."

    /// Whether the Sharpe ratio stands out from luck: PSR, DSR with the trials it counted, minimum track
    /// record length, and the note that says what they mean.
    static func luckLines(_ outcome: BacktestOutcome) -> [String] {
        guard let s = outcome.sharpeStatistics else { return ["Luck check: " + noSharpeNote] }
        let length = s.minTrackRecordLength.map { "\(NumberText.grouped($0.rounded(.up))) trading days" } ?? "none suffices"
        return [
            "Luck check: probabilistic Sharpe \(NumberText.grouped(s.probabilisticSharpeRatio, decimals: 2)), "
                + "deflated \(NumberText.grouped(s.deflatedSharpeRatio, decimals: 2)) over \(s.trials) trial\(s.trials == 1 ? "" : "s"), "
                + "minimum track record \(length)",
            s.note,
        ]
    }

    /// Labelled trades ("Best", "Worst", or a number) with P&L coloured by sign; the exit reason goes first
    /// when the table is too wide.
    static func tradesTable(_ picks: [(String, BacktestTrade)]) -> TextTable {
        TextTable(
            columns: [.init("Trade"), .init("Ticker"), .init("Entry"), .init("Exit"), .init("P&L $", colorsBySign: true),
                      .init("Return %", colorsBySign: true), .init("Days"), .init("Exit reason", dropPriority: 1)],
            rows: picks.map { label, t in
                [label, t.ticker, "\(t.entryDate) \(NumberText.price(t.entryPrice))", "\(t.exitDate) \(NumberText.price(t.exitPrice))",
                 NumberText.dollars(t.pnl, signed: true), NumberText.percent(t.pnlPct), "\(t.daysHeld)",
                 t.exitReason.rawValue.replacingOccurrences(of: "_", with: " ")]
            })
    }

    static func assumptionLines(_ r: StrategyBacktest) -> [String] {
        let a = r.assumptions
        var lines = [
            "data: \(a.data)",
            "universe: \(a.universe)",
            "fills: \(a.fill == FillRule.nextOpen.rawValue ? "at the next day's open after the signal" : "at the signal day's close")",
            "costs: commission \(NumberText.grouped(a.commissionPct, decimals: 2))% per side, slippage \(NumberText.grouped(a.slippageBps, decimals: 1)) bps per fill",
            "stops and targets: \(a.stopTargetRule)",
            "benchmark: \(a.benchmark)",
        ]
        if a.skippedBars > 0 { lines.append("skipped bars: \(a.skippedBars) (missing, non-positive or inverted prices)") }
        return lines
    }

    static func bestTrade(_ r: StrategyBacktest) -> BacktestTrade? {
        r.trades.max { ($0.pnlPct, $1.ticker) < ($1.pnlPct, $0.ticker) }
    }

    static func worstTrade(_ r: StrategyBacktest) -> BacktestTrade? {
        guard r.trades.count > 1 else { return nil }
        return r.trades.min { ($0.pnlPct, $0.ticker) < ($1.pnlPct, $1.ticker) }
    }
}
