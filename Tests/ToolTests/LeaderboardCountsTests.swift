import Foundation
import Store
import StrategyCore
import TestSupport
import Testing
@testable import Tools

/// The board counted in SQL (`StratStore.signalCounts`) against the board from every signal read back
/// whole and counted trade by trade, as it was computed before the counting moved into the query.
@Suite("Leaderboard counts from one query")
struct LeaderboardCountsTests {
    /// Five strategies (one never signals), 360 signals over 2009–2010 with random returns, every outcome
    /// status, entries and exits, and actions of every kind, some closed after the data's last day. Then, as a
    /// daily scan does, a quarter of the outcomes are resolved again (moving exit days, changing returns, some
    /// back to open); another person's strategy signals on the same days; and a sixth strategy, with signals of
    /// every kind, is deleted.
    static func seededBook() throws -> (StratStore, MovingClock) {
        let clock = MovingClock(at: Day(iso: "2010-01-01")!.date)
        let store = try StratStore.inMemory(now: clock.now)
        var random = SplitMix64(seed: 20_261_207)
        func uniform() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
        var ids: [String] = []
        for (i, base) in [SignalToolFixtures.rsi, SignalToolFixtures.trend, SignalToolFixtures.rsi, SignalToolFixtures.trend,
                          SignalToolFixtures.rsi, SignalToolFixtures.trend].enumerated() {
            var strategy = base
            strategy.name = "Strategy \(i)"
            strategy.isActive = i != 3
            ids.append(try store.createStrategy(strategy, user: "ana").id)
        }
        let other = try store.createStrategy(SignalToolFixtures.rsi, user: "bob").id
        let start = Day(iso: "2009-01-05")!
        let statuses: [HypotheticalOutcome.Status] = [.closed, .closed, .closed, .open, .pending, .notFilled]
        func outcome(signalDay day: Day) -> JSONValue {
            let status = statuses[Int(uniform() * Double(statuses.count))]
            let closed = status == .closed
            return ["hypothetical": HypotheticalOutcome(
                status: status, asOf: day.adding(days: 60), entryDate: day.adding(days: 1), entryPrice: 50,
                exitDate: closed ? day.adding(days: 1 + Int(uniform() * 90)) : nil, exitPrice: closed ? 51 : nil,
                exitReason: closed ? .signal : nil, returnPct: closed ? (uniform() - 0.45) * 37.3 : nil).json]
        }
        var resolved: [(id: String, user: String, day: Day)] = []
        // Written as an app writes a scan's days: a few transactions, each write in its own savepoint.
        for part in 0..<3 {
            try store.batch("writing signals") { store in
                for n in (part * 120)..<(part * 120 + 120) {
                    let day = start.adding(days: Int(uniform() * 480))
                    // Strategy 4 never signals; strategy 5 is deleted below; every seventh signal is another person's.
                    let (strategyId, user) = n % 7 == 6 ? (other, "bob") : (ids[[0, 1, 2, 3, 5][n % 5]], "ana")
                    let signal = StrategySignal(
                        strategyId: strategyId, ticker: ["AAA", "BBB", "CCC", "DDD"][Int(uniform() * 4)],
                        signalType: uniform() < 0.8 ? .entry : .exit, signalDate: day, generatedAt: day.date,
                        priceAtSignal: 20 + uniform() * 80, confidenceScore: 50, reasoning: "seeded")
                    let (stored, inserted) = try store.upsertSignal(signal, user: user)
                    guard inserted, let id = stored.signalId else { continue }
                    if uniform() < 0.9 {
                        try store.updateOutcome(signalId: id, user: user, outcome: outcome(signalDay: day))
                        resolved.append((id, user, day))
                    }
                    let action = uniform()
                    if action < 0.3 {
                        clock.set(day.adding(days: Int(uniform() * 5)), seconds: uniform() * 86_399)
                        _ = try store.recordAction(signalId: id, user: user, action: .acted, price: 20 + uniform() * 80)
                        if action < 0.2 {
                            // Some close after the data's last day, which the board counts on its last day.
                            clock.set(day.adding(days: Int(uniform() * 200)), seconds: uniform() * 86_399)
                            _ = try store.recordAction(signalId: id, user: user, action: .closed, price: 20 + uniform() * 80)
                        }
                    } else if action < 0.35 {
                        _ = try store.recordAction(signalId: id, user: user, action: .skipped)
                    }
                }
            }
        }
        try store.batch("resolving outcomes again") { store in
            for (id, user, day) in resolved where uniform() < 0.25 {
                try store.updateOutcome(signalId: id, user: user, outcome: uniform() < 0.1 ? nil : outcome(signalDay: day))
            }
        }
        try store.deleteStrategy(id: ids[5], user: "ana")
        return (store, clock)
    }

    /// The board as it was computed before: every signal read back whole, each trade counted in Swift.
    static func referenceBoards(_ store: StratStore, user: String, windows: [LeaderboardWindow], lastDay: Day?) throws -> LeaderboardReport {
        let strategies = try store.listStrategies(user: user)
        let recordsById = Dictionary(grouping: try store.signals(user: user), by: \.signal.strategyId)
        let latest = recordsById.values.flatMap { $0.map(\.signal.signalDate) }.max()
        let end = lastDay ?? latest ?? Day(date: Date())
        let entries = try strategies.map { s in
            let records = recordsById[s.id] ?? []
            let entriesOnly = records.filter { $0.signal.signalType == .entry }
            let hypothetical = entriesOnly.compactMap { r -> ClosedTrade? in
                guard let h = PerformanceTracker.hypothetical(of: r), h.status == .closed, let d = h.exitDate, let x = h.returnPct else { return nil }
                return ClosedTrade(exitDay: d, returnPct: x)
            }
            let actual = entriesOnly.compactMap { r -> ClosedTrade? in
                guard let x = PerformanceTracker.actualReturn(of: r) else { return nil }
                let closed = r.closedAt.map(Day.init(date:)) ?? r.signal.signalDate
                return ClosedTrade(exitDay: max(r.signal.signalDate, min(closed, end)), returnPct: x)
            }
            let backtest = try store.latestBacktest(strategyId: s.id, user: user)
            return LeaderboardEntry(
                strategyId: s.id, name: s.name, isActive: s.isActive, signalDays: records.map(\.signal.signalDate),
                hypothetical: hypothetical, actual: actual, backtestReturnPct: backtest?.totalReturnPct,
                backtestSharpe: backtest?.sharpeRatio, backtestWinRatePct: backtest?.winRate,
                backtestTrades: backtest?.totalTrades ?? 0)
        }
        return LeaderboardReport(tables: windows.map { Leaderboard.table(entries, window: $0, lastDay: end) })
    }

    @Test("every window's counts, win rates and summed returns equal, to the bit, those counted trade by trade",
          arguments: [nil, "2009-06-30", "2009-12-31", "2010-03-15"])
    func equalToTradeByTrade(lastDay: String?) throws {
        let (store, _) = try Self.seededBook()
        let end = lastDay.flatMap(Day.init(iso:))
        var references: [String: LeaderboardReport] = [:]
        for user in ["ana", "bob"] {
            let counted = try LeaderboardService(store: store).boards(user: user, lastDay: end)
            let reference = try Self.referenceBoards(store, user: user, windows: LeaderboardWindow.allCases, lastDay: end)
            #expect(counted == reference, "\(user)")
            references[user] = reference
        }
        let reference = try #require(references["ana"])
        // The book is varied enough to test something: every kind of figure is present in the whole board.
        let all = try #require(reference.tables.last?.rows)
        #expect(all.contains { $0.actualTrades > 0 } && all.contains { $0.hypotheticalTrades > 0 })
        #expect(all.contains { $0.signals == 0 })
        #expect(all.contains { ($0.hypotheticalReturnPct ?? 0).rounded() != $0.hypotheticalReturnPct })
    }

    @Test("the signal counts query finds each strategy's two running totals by primary key and reads no signal")
    func queryPlan() throws {
        let (store, _) = try Self.seededBook()
        let plan = try store.signalCountsPlan(user: "ana", from: Day(iso: "2010-01-01")!, to: Day(iso: "2010-03-15")!)
        #expect(plan.contains { $0.contains("SEARCH strategy USING INDEX idx_strategies_user_id (user_id=?)") })
        #expect(plan.filter { $0.contains("USING PRIMARY KEY (user_id=? AND strategy_id=? AND day=?)") }.count == 2)
        #expect(plan.filter { $0.contains("USING PRIMARY KEY (user_id=? AND strategy_id=? AND day<?)") }.count == 2)
        #expect(!plan.contains { $0.contains("strategy_signals") || $0.contains("TEMP B-TREE") || $0.hasPrefix("SCAN") })
    }
}
