import Foundation
import Store
import StrategyCore
import Testing
@testable import Tools

@Suite("Leaderboard from stored signals")
struct LeaderboardServiceTests {
    @Test("boards count back from the data's last day and rank by actual, then hypothetical return")
    func fromStore() async throws {
        let store = try SignalToolFixtures.store()
        let rsi = try store.createStrategy(SignalToolFixtures.rsi, user: "ana").id
        var paused = SignalToolFixtures.trend
        paused.isActive = false
        let trend = try store.createStrategy(paused, user: "ana").id
        let scan = ScanService(store: store, feed: FixedDataFeed(SignalToolFixtures.walk), lockPath: SignalToolFixtures.tempLock(),
                               now: SignalToolFixtures.clock)
        let from = Day(iso: "2009-06-01")!, to = Day(iso: "2010-02-26")!
        #expect(await scan.run(ScanOptions(from: from, to: to, universe: "RW")).exitCode == 0)

        let report = try LeaderboardService(store: store).boards(user: "ana", windows: [.quarter, .all], lastDay: to)
        let all = try #require(report.tables.last)
        #expect(all.window == .all)
        #expect(all.to == to)
        #expect(report.tables[0].from == Day(iso: "2009-11-29"))
        // Only the active RSI strategy was scanned; the paused one has no closed trade and ranks last.
        #expect(all.rows.map(\.strategyId) == [rsi, trend])
        #expect(all.rows[1].status == "paused")
        let performance = try #require(try store.performance(strategyId: rsi, user: "ana"))
        #expect(all.rows[0].hypotheticalTrades == performance.hypotheticalTrades)
        // The board adds returns in millionths of a point (each rounded by at most half of one), the performance
        // record as plain doubles.
        #expect(abs((all.rows[0].hypotheticalReturnPct ?? .nan) - performance.hypotheticalReturnPct)
                <= Double(performance.hypotheticalTrades) * 5e-7 + 1e-9)
        #expect(all.rows[0].signals == performance.signalsGenerated)
        let text = report.render()
        #expect(text.contains("Strategy leaderboard (90d): the last 90d of the data (2009-11-29 to 2010-02-26)"))
        #expect(text.contains("Insight: \"RSI dip\" leads"))
        #expect(text.contains(Leaderboard.sortRule))
    }
}
