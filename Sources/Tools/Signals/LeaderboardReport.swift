import Foundation
import StrategyCore

/// Leaderboards for one or more windows, with the rules they follow.
package struct LeaderboardReport: Codable, Hashable, Sendable {
    package var tables: [LeaderboardTable]
    package var notes: [String] = [Leaderboard.sortRule, Leaderboard.returnRule, Leaderboard.decayRule]

    package init(tables: [LeaderboardTable]) {
        self.tables = tables
    }

    /// Every board as tables, each with its window, insight and the rules (`/compare`, `stratchat` output).
    package func render(borders: TableBorders = .unicode, width: Int = 100) -> String {
        let presenter = LeaderboardPresenter(borders: borders, width: width)
        return tables.map(presenter.render).joined(separator: "\n")
    }
}
