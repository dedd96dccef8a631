import AgentLoop
import Foundation
import StrategyCore

/// The person's face of `compare_strategies`, a ranked table with one insight (the model's is `LeaderboardResult`).
struct LeaderboardPresenter {
    var borders: TableBorders
    var width: Int
    /// Returns coloured green and red by sign.
    var color = false

    static func window(_ t: LeaderboardTable) -> String {
        t.from.map { "the last \(t.window.rawValue) of the data (\($0) to \(t.to))" } ?? "all signals up to \(t.to), the last day of the data"
    }

    func render(_ t: LeaderboardTable) -> String {
        guard !t.rows.isEmpty else { return "No strategies yet. Create one by describing it in plain words." }
        var out = "Strategy leaderboard (\(t.window.rawValue)): \(Self.window(t))\n\n"
        out += Self.table(t).render(style: RenderStyle(width: width, unicode: borders == .unicode, color: color))
        out += "Order: \(Leaderboard.sortRule).\nReturns: \(Leaderboard.returnRule).\nDecay: \(Leaderboard.decayRule).\n"
        out += "Insight: \(t.insight)\n"
        return out
    }

    /// The hypothetical verdict, and the paper one beside it when the strategy has closed paper trades.
    static func decayCell(_ r: LeaderboardRow) -> String {
        func verdict(_ d: BinomialTest.Result) -> String { (d.decayed ? "yes, " : "no, ") + "p=" + Leaderboard.pValue(d.pValue) }
        let parts = [r.decay.map(verdict), r.paperDecay.map { "paper " + verdict($0) }].compactMap { $0 }
        return parts.isEmpty ? "—" : parts.joined(separator: "; ")
    }

    /// One row per strategy in rank order; long names wrap, and the least telling columns go first when
    /// the table is too wide. Returns are coloured by sign when colour is on.
    static func table(_ t: LeaderboardTable) -> TextTable {
        TextTable(
            columns: [.init("Rank"), .init("Strategy", wraps: true), .init("Signals"), .init("Win rate"), .init("Actual", colorsBySign: true),
                      .init("Hypothetical", dropPriority: 2, colorsBySign: true), .init("Paper", colorsBySign: true), .init("Backtest", dropPriority: 1, colorsBySign: true),
                      .init("Sharpe", dropPriority: 3), .init("Decay", dropPriority: 4), .init("Status")],
            rows: t.rows.map { r in
                [
                    "\(r.rank)", r.name, NumberText.grouped(Double(r.signals)),
                    r.winRatePct.map { NumberText.percent($0, decimals: 0, signed: false) + (r.winRateSource == "actual" ? "" : " hyp") } ?? "—",
                    NumberText.percent(r.actualReturnPct), NumberText.percent(r.hypotheticalReturnPct),
                    NumberText.percent(r.paperReturnPct),
                    NumberText.percent(r.backtestReturnPct), NumberText.ratio(r.backtestSharpe), decayCell(r),
                    r.status == "active" ? "Active" : "Paused",
                ]
            })
    }
}
