import Foundation

/// Ranks strategies by what their signals did.
///
/// Returns in a window are the sum of the percent returns of the trades that closed in it, each
/// trade an equal stake (not compounded). Signals count by signal day, trades by exit day.
package enum Leaderboard {
    /// The ordering, stated with every board.
    package static let sortRule =
        "sorted by actual return when the strategy has actual closed trades in the window, otherwise by hypothetical return; strategies without a closed trade last; ties: more closed trades first, then higher last backtest return, then name A–Z"

    /// How a return is summed, stated with every board.
    package static let returnRule =
        "return = sum of the % returns of trades closed in the window, each trade an equal stake, not compounded; hypothetical = every entry signal taken under the strategy's exit rules; paper = trades the strategy's paper accounts closed (paper money, filled by the backtest's rules)"

    /// The test behind every decay verdict.
    package static let decayTest = "one-sided exact binomial test, flagged at p < 0.05"

    /// The decay check, stated with every board.
    package static let decayRule =
        "one-sided exact binomial test of hypothetical wins, and of paper wins, against the last backtest's win rate; flagged at p < 0.05"

    /// The board for `window` from each entry's whole record, cut to the window here.
    package static func table(_ entries: [LeaderboardEntry], window: LeaderboardWindow, lastDay: Day) -> LeaderboardTable {
        let from = window.start(endingOn: lastDay)
        func inWindow(_ d: Day) -> Bool { d <= lastDay && (from.map { d >= $0 } ?? true) }
        return table(counted: entries.map { e in
            (e, LeaderboardCounts(
                signals: e.signalDays.filter(inWindow).count,
                hypothetical: LeaderboardCounts.Trades(e.hypothetical.filter { inWindow($0.exitDay) }),
                actual: LeaderboardCounts.Trades(e.actual.filter { inWindow($0.exitDay) }),
                paper: LeaderboardCounts.Trades(e.paper.filter { inWindow($0.exitDay) })))
        }, window: window, lastDay: lastDay)
    }

    /// The board for `window` from counts already cut to it (the store counts them in one query); each
    /// entry's own lists are not read.
    package static func table(counted: [(entry: LeaderboardEntry, counts: LeaderboardCounts)], window: LeaderboardWindow,
                              lastDay: Day) -> LeaderboardTable {
        let from = window.start(endingOn: lastDay)
        var rows: [(row: LeaderboardRow, key: Double?, closed: Int)] = counted.map { e, counts in
            let (hyp, act, paper) = (counts.hypothetical, counts.actual, counts.paper)
            let basis = act.count == 0 ? hyp : act
            let row = LeaderboardRow(
                rank: 0, strategyId: e.strategyId, name: e.name, signals: counts.signals,
                actualTrades: act.count, hypotheticalTrades: hyp.count,
                winRatePct: basis.count == 0 ? nil : Double(basis.wins) / Double(basis.count) * 100,
                winRateSource: act.count == 0 ? (hyp.count == 0 ? "none" : "hypothetical") : "actual",
                actualReturnPct: act.returnSum, hypotheticalReturnPct: hyp.returnSum, paperTrades: paper.count,
                paperReturnPct: paper.returnSum, backtestReturnPct: e.backtestReturnPct,
                backtestSharpe: e.backtestSharpe, status: e.isActive ? "active" : "paused",
                decay: e.backtestTrades > 0
                    ? BinomialTest.decay(wins: hyp.wins, trades: hyp.count, backtestWinRatePct: e.backtestWinRatePct) : nil,
                paperDecay: e.backtestTrades > 0
                    ? BinomialTest.decay(wins: paper.wins, trades: paper.count, backtestWinRatePct: e.backtestWinRatePct) : nil)
            return (row, act.returnSum ?? hyp.returnSum, basis.count)
        }
        rows.sort { a, b in
            switch (a.key, b.key) {
            case (nil, .some): return false
            case (.some, nil): return true
            case (.some(let x), .some(let y)) where x != y: return x > y
            default:
                if a.closed != b.closed { return a.closed > b.closed }
                switch (a.row.backtestReturnPct, b.row.backtestReturnPct) {
                case (.some(let x), .some(let y)) where x != y: return x > y
                case (.some, nil): return true
                case (nil, .some): return false
                default: break
                }
                let (x, y) = (a.row.name.lowercased(), b.row.name.lowercased())
                return x != y ? x < y : a.row.strategyId < b.row.strategyId
            }
        }
        let ranked = rows.enumerated().map { k, r in
            var row = r.row
            row.rank = k + 1
            return row
        }
        return LeaderboardTable(
            window: window, from: from, to: lastDay, rows: ranked,
            insight: insight(ranked, from: from, to: lastDay))
    }

    /// One sentence drawn only from the numbers in the rows.
    package static func insight(_ rows: [LeaderboardRow], from: Day?, to: Day) -> String {
        let span = from.map { "\($0) to \(to)" } ?? "up to \(to)"
        guard !rows.isEmpty else { return "No strategies to compare." }
        guard let leader = rows.first, let leaderReturn = leader.actualReturnPct ?? leader.hypotheticalReturnPct else {
            let signals = rows.reduce(0) { $0 + $1.signals }
            return "No strategy has a closed trade \(span) yet; \(signals) signals so far."
        }
        let kind = leader.actualReturnPct != nil ? "actual" : "hypothetical"
        let trades = leader.actualReturnPct != nil ? leader.actualTrades : leader.hypotheticalTrades
        var text = "\"\(leader.name)\" leads \(span) with \(pct(leaderReturn)) \(kind) over \(trades) trade\(trades == 1 ? "" : "s")"
        if let flagged = rows.first(where: { $0.paperDecay?.decayed == true }), let d = flagged.paperDecay {
            text += "; \"\(flagged.name)\" won \(d.wins) of \(d.trades) paper trades against \(String(format: "%.0f%%", d.backtestWinRatePct)) in its backtest (p = \(pValue(d.pValue))), a sign it has decayed"
        } else if let flagged = rows.first(where: { $0.decay?.decayed == true }), let d = flagged.decay {
            text += "; \"\(flagged.name)\" won \(d.wins) of \(d.trades) against \(String(format: "%.0f%%", d.backtestWinRatePct)) in its backtest (p = \(pValue(d.pValue))), a sign it has decayed"
        } else if rows.count > 1, let busiest = rows.max(by: { $0.signals < $1.signals }), busiest.strategyId != leader.strategyId,
                  busiest.signals > leader.signals, let rate = busiest.winRatePct {
            text += "; \"\(busiest.name)\" gave the most signals (\(busiest.signals)) at a \(String(format: "%.0f%%", rate)) win rate"
        }
        return text + "."
    }

    package static func pct(_ x: Double) -> String { String(format: "%+.1f%%", x) }

    package static func pValue(_ p: Double) -> String { p < 0.0001 ? "< 0.0001" : String(format: "%.4f", p) }
}
