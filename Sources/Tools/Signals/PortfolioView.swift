import Foundation
import Store
import StrategyCore

extension PortfolioBook {
    /// Loads the user's book from imported trades and acted signals.
    package static func load(user: String, store: StratStore) throws -> PortfolioBook {
        PortfolioBook(trades: try store.portfolioTrades(user: user), signals: try store.signals(user: user))
    }

    /// Holdings and statistics as tables (`/portfolio`).
    package func render(borders: TableBorders = .unicode, width: Int = 100) -> String {
        var out = ["Holdings"]
        out.append(holdings.isEmpty ? "none" : TextTable(
            ["Ticker", "Shares", "Avg cost", "Since", "From"],
            rows: holdings.map { h in
                [h.ticker, h.shares.map { String(format: "%g", $0) } ?? "unknown", String(format: "%.2f", h.averageCost), h.openedOn.iso, h.source]
            }).render(borders: borders, maxWidth: width))
        let s = stats
        out.append("")
        out.append("Statistics (imported trades and acted signals)")
        func trade(_ t: RoundTrip?) -> String {
            t.map { String(format: "%@ %+.1f%% (%@ to %@)", $0.ticker, $0.returnPct, $0.entryDay.iso, $0.exitDay.iso) } ?? "—"
        }
        out.append(TextTable(
            ["Closed trades", "Win rate", "Average hold", "Best trade", "Worst trade"],
            rows: [["\(s.closedTrades)", s.winRatePct.map { String(format: "%.0f%%", $0) } ?? "—",
                    s.averageHoldDays.map { String(format: "%.1f days", $0) } ?? "—", trade(s.best), trade(s.worst)]]
        ).render(borders: borders, maxWidth: width))
        return out.joined(separator: "\n")
    }
}
