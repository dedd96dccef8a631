import Foundation
import Testing
@testable import StrategyCore

@Suite("Leaderboard and decay check")
struct SignalLeaderboardTests {
    @Test("the lower-tail binomial p-value matches scipy.stats.binomtest")
    func binomialMatchesScipy() throws {
        // Fixtures/signals/binomial_reference.py, run once with scipy 1.17.1.
        let rows = try ReferenceData.rows("signals/binomial_reference.csv")
        #expect(rows.count == 12)
        for row in rows {
            let k = Int(row["k"]!)!, n = Int(row["n"]!)!, p = Double(row["p"]!)!, expected = Double(row["p_value"]!)!
            let ours = BinomialTest.lowerTail(successes: k, trials: n, probability: p)
            #expect(abs(ours - expected) <= 1e-10 * max(1, expected) + 1e-15, "k=\(k) n=\(n) p=\(p)")
        }
    }

    static let last = Day(iso: "2010-12-31")!
    static func d(_ iso: String) -> Day { Day(iso: iso)! }
    static func trades(_ items: [(String, Double)]) -> [ClosedTrade] { items.map { ClosedTrade(exitDay: d($0.0), returnPct: $0.1) } }

    static let entries = [
        LeaderboardEntry(strategyId: "a", name: "Alpha", isActive: true,
                         signalDays: [d("2010-11-20"), d("2010-12-28")],
                         hypothetical: trades([("2010-12-30", 1)]), actual: trades([("2010-12-30", 5), ("2010-12-01", -1)])),
        LeaderboardEntry(strategyId: "b", name: "Bravo", isActive: true, signalDays: [d("2010-12-27")],
                         hypothetical: trades([("2010-12-28", 8)])),
        LeaderboardEntry(strategyId: "c", name: "Charlie", isActive: true, signalDays: [d("2010-12-30")]),
        LeaderboardEntry(strategyId: "d", name: "Delta", isActive: false, signalDays: [d("2010-12-26"), d("2010-12-27")],
                         actual: trades([("2010-12-29", 2), ("2010-12-29", 3)])),
    ]

    @Test("windows count back from the last day of the data, and rows sort by actual then hypothetical return")
    func orderAndWindows() {
        let week = Leaderboard.table(Self.entries, window: .week, lastDay: Self.last)
        #expect(week.from == Self.d("2010-12-25"))
        // 7d: Bravo hyp +8; Delta actual +5 over 2 trades; Alpha actual +5 over 1 (tie → more trades first); Charlie none.
        #expect(week.rows.map(\.name) == ["Bravo", "Delta", "Alpha", "Charlie"])
        #expect(week.rows.map(\.rank) == [1, 2, 3, 4])
        #expect(week.rows[2].actualReturnPct == 5)
        #expect(week.rows[2].signals == 1)
        #expect(week.rows[1].status == "paused")
        let all = Leaderboard.table(Self.entries, window: .all, lastDay: Self.last)
        #expect(all.from == nil)
        // all: Alpha's actual falls to 5 − 1 = 4, below Delta's 5.
        #expect(all.rows.map(\.name) == ["Bravo", "Delta", "Alpha", "Charlie"])
        #expect(all.rows[2].actualReturnPct == 4)
        #expect(all.rows[2].signals == 2)
        #expect(all.rows[2].winRatePct == 50)
        #expect(all.insight.hasPrefix("\"Bravo\" leads up to 2010-12-31 with +8.0% hypothetical over 1 trade"))
        let month = Leaderboard.table(Self.entries, window: .month, lastDay: Self.last)
        #expect(month.from == Self.d("2010-12-02"))
        #expect(month.rows.first { $0.name == "Alpha" }?.actualTrades == 1)
        #expect(LeaderboardWindow.year.start(endingOn: Self.last) == Self.d("2010-01-01"))
    }

    @Test("a strategy built to decay is flagged, a steady one is not")
    func decayFlag() throws {
        // Both backtested at 60% over 40 trades. Decaying: 3 wins in 20 live trades (p ≈ 4.7e-5 in the scipy
        // fixture); steady: 11 of 20 (p ≈ 0.40).
        func live(wins: Int, of n: Int) -> [ClosedTrade] {
            (0..<n).map { ClosedTrade(exitDay: Self.last.adding(days: -$0), returnPct: $0 < wins ? 2 : -1) }
        }
        let decaying = LeaderboardEntry(strategyId: "x", name: "Fading", isActive: true, hypothetical: live(wins: 3, of: 20),
                                        backtestReturnPct: 30, backtestSharpe: 1.2, backtestWinRatePct: 60, backtestTrades: 40)
        let steady = LeaderboardEntry(strategyId: "y", name: "Steady", isActive: true, hypothetical: live(wins: 11, of: 20),
                                      backtestReturnPct: 30, backtestSharpe: 1.2, backtestWinRatePct: 60, backtestTrades: 40)
        let table = Leaderboard.table([decaying, steady], window: .all, lastDay: Self.last)
        let fading = try #require(table.rows.first { $0.name == "Fading" }?.decay)
        let fine = try #require(table.rows.first { $0.name == "Steady" }?.decay)
        #expect(fading.decayed)
        #expect(abs(fading.pValue - 4.7344970692034605e-05) < 1e-12)
        #expect(!fine.decayed)
        #expect(abs(fine.pValue - 0.4044012746877752) < 1e-10)
        #expect(table.insight.contains("\"Fading\" won 3 of 20 against 60% in its backtest"))
    }
}
