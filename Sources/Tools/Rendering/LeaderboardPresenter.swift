import AgentLoop
import Foundation
import StrategyCore

/// The two faces of `compare_strategies`: rows for the model, a ranked table with one insight for the person.
struct LeaderboardPresenter {
    static let tieRule = "ranked by actual return when a strategy has actual trades, otherwise by hypothetical return (none last); ties by last backtest return, then name"
    static let scope = "returns and win rates cover all tracked signals since the strategy began; the window applies to the signal count"

    var borders: TableBorders
    var width: Int
    /// Returns coloured green and red by sign.
    var color = false

    func modelJSON(_ rows: [StrategyToolbox.LeaderboardRow], timeframe: String, window: String) -> AgentJSON {
        let items = rows.enumerated().map { k, row -> AgentJSON in
            [
                "rank": .number(Double(k + 1)), "strategy_id": .string(row.strategy.id ?? ""), "name": .string(row.strategy.name),
                "signals": .number(Double(row.signals)), "win_rate": .rounded(row.winRate, 1),
                "actual_trades": .number(Double(row.performance?.actualTrades ?? 0)),
                "actual_return_pct": row.hasActual ? .rounded(row.performance?.actualReturnPct) : .null,
                "hypothetical_return_pct": row.hasHypothetical ? .rounded(row.performance?.hypotheticalReturnPct) : .null,
                "last_backtest_return_pct": .rounded(row.backtest?.totalReturnPct),
                "last_backtest_sharpe": .rounded(row.backtest?.sharpeRatio),
                "status": .string(row.strategy.isActive ? "active" : "paused"),
            ]
        }
        return [
            "timeframe": .string(timeframe), "window": .string(window), "strategies": .array(items),
            "ranking_rule": .string(Self.tieRule), "scope": .string(Self.scope), "insight": .string(insight(rows)),
        ]
    }

    func render(_ rows: [StrategyToolbox.LeaderboardRow], timeframe: String, window: String) -> String {
        guard !rows.isEmpty else { return "No strategies yet. Create one by describing it in plain words." }
        var out = "Strategy leaderboard (\(timeframe)): signals in \(window)\n\n"
        out += Self.table(rows).render(style: RenderStyle(width: width, unicode: borders == .unicode, color: color))
        out += "Order: \(Self.tieRule).\nNote: \(Self.scope).\n"
        out += "Insight: \(insight(rows))\n"
        return out
    }

    /// One row per strategy in rank order; the least telling columns go first when the table is too wide.
    static func table(_ rows: [StrategyToolbox.LeaderboardRow]) -> TextTable {
        TextTable(
            columns: [.init("Rank"), .init("Strategy", wraps: true), .init("Signals"), .init("Win rate"), .init("Actual", colorsBySign: true),
                      .init("Hypothetical", dropPriority: 2, colorsBySign: true), .init("Backtest", dropPriority: 1, colorsBySign: true),
                      .init("Sharpe", dropPriority: 3), .init("Status")],
            rows: rows.enumerated().map { k, row in
                [
                    "\(k + 1)", row.strategy.name, NumberText.grouped(Double(row.signals)),
                    row.winRate.map { NumberText.percent($0, decimals: 0, signed: false) } ?? "—",
                    row.hasActual ? NumberText.percent(row.performance?.actualReturnPct) : "—",
                    row.hasHypothetical ? NumberText.percent(row.performance?.hypotheticalReturnPct) : "—",
                    NumberText.percent(row.backtest?.totalReturnPct), NumberText.ratio(row.backtest?.sharpeRatio),
                    row.strategy.isActive ? "Active" : "Paused",
                ]
            })
    }

    /// One sentence drawn only from the numbers in the table.
    func insight(_ rows: [StrategyToolbox.LeaderboardRow]) -> String {
        guard let top = rows.first else { return "There are no strategies to compare." }
        if let value = top.rankingReturn {
            let kind = top.hasActual ? "actual" : "hypothetical"
            return "\"\(top.strategy.name)\" leads with a \(kind) return of \(NumberText.percent(value)) over \(top.signals) signals in the window."
        }
        let tested = rows.filter { $0.backtest != nil }
        if let best = tested.max(by: { ($0.backtest?.totalReturnPct ?? 0) < ($1.backtest?.totalReturnPct ?? 0) }),
           let result = best.backtest {
            return "No strategy has live results yet; by last backtest, \"\(best.strategy.name)\" returned \(NumberText.percent(result.totalReturnPct)) (\(result.startDate) to \(result.endDate))."
        }
        return "No strategy has live results or a backtest yet; backtest them to compare."
    }
}
