import Foundation
import GRDB
@testable import Store
import StrategyCore
import TestSupport
import Testing

/// The rankings' counts read from the running totals (`signal_count_totals`) against a recount of every stored
/// signal, over a random book that was written, rewritten and partly deleted as a person's would be.
@Suite("Signal counts from running totals")
struct SignalCountTotalsTests {
    static let start = Day(iso: "2009-01-05")!

    /// What a random book holds of each case the totals must follow, so a test can check none is missing.
    struct Cases {
        var skipped = 0, actedOpen = 0, closedBeforeSignalDay = 0, closedAfterLastSignal = 0, exits = 0, repeats = 0
        var resolvedAgain = 0, cleared = 0, deletedSignals = 0
    }

    /// Two people; ann has four strategies (one never signals) and a fifth that is deleted at the end, bob one.
    /// 360 signals on random days over 500 days with outcomes of every status, actions of every kind (some closed
    /// after the last signal, some before their signal day by the clock), outcomes resolved again and
    /// cleared. Written as an app writes a scan's days: a few transactions (`batch`), each write in its own savepoint.
    static func randomBook(seed: UInt64) throws -> (StratStore, Cases) {
        let clock = MovingClock(at: start.date)
        let store = try StratStore.inMemory(now: clock.now)
        var random = SplitMix64(seed: seed)
        func uniform() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
        let ann = try (0..<5).map { try store.createStrategy(Fixtures.rsiDip(name: "ann \($0)"), user: "ann").id }
        let bob = try store.createStrategy(Fixtures.rsiDip(name: "bob"), user: "bob").id
        let statuses: [HypotheticalOutcome.Status] = [.closed, .closed, .closed, .open, .pending, .notFilled]
        func outcome(_ day: Day) -> JSONValue {
            let status = statuses[Int(uniform() * Double(statuses.count))]
            let closed = status == .closed
            return ["hypothetical": HypotheticalOutcome(
                status: status, asOf: day.adding(days: 60), entryDate: day.adding(days: 1), entryPrice: 50,
                exitDate: closed ? day.adding(days: Int(uniform() * 120)) : nil, exitPrice: closed ? 51 : nil,
                exitReason: closed ? .signal : nil, returnPct: closed ? (uniform() - 0.45) * 41.7 : nil).json]
        }
        var cases = Cases()
        var stored: [(id: String, user: String, day: Day)] = []
        let lastDay = start.adding(days: 499)
        for part in 0..<3 {
            try store.batch("writing signals") { store in
                for n in (part * 120)..<(part * 120 + 120) {
                    let day = start.adding(days: Int(uniform() * 500))
                    let (strategyId, user) = n % 6 == 5 ? (bob, "bob") : ([ann[0], ann[1], ann[2], ann[4]][n % 6 % 4], "ann")
                    let signal = StrategySignal(
                        strategyId: strategyId, ticker: ["AAA", "BBB"][Int(uniform() * 2)],
                        signalType: uniform() < 0.75 ? .entry : .exit, signalDate: day, generatedAt: day.date,
                        priceAtSignal: 10 + uniform() * 90, confidenceScore: 55, reasoning: "random")
                    let (saved, inserted) = try store.upsertSignal(signal, user: user)
                    guard inserted, let id = saved.signalId else {
                        cases.repeats += 1
                        continue
                    }
                    stored.append((id, user, day))
                    if signal.signalType == .exit { cases.exits += 1 }
                    if uniform() < 0.85 { try store.updateOutcome(signalId: id, user: user, outcome: outcome(day)) }
                    let action = uniform()
                    if action < 0.35 {
                        clock.set(day.adding(days: Int(uniform() * 4) - 1), seconds: uniform() * 86_399)
                        _ = try store.recordAction(signalId: id, user: user, action: .acted, price: 10 + uniform() * 90)
                        if action < 0.25 {
                            // One in ten is closed before its signal day by the clock (the board counts it on the signal day).
                            let closedDay = day.adding(days: uniform() < 0.1 ? -1 - Int(uniform() * 3) : Int(uniform() * 260))
                            clock.set(closedDay, seconds: uniform() * 86_399)
                            _ = try store.recordAction(signalId: id, user: user, action: .closed, price: 10 + uniform() * 90)
                            if closedDay < day { cases.closedBeforeSignalDay += 1 }
                            if closedDay > lastDay { cases.closedAfterLastSignal += 1 }
                        } else {
                            cases.actedOpen += 1
                        }
                    } else if action < 0.4 {
                        _ = try store.recordAction(signalId: id, user: user, action: .skipped)
                        cases.skipped += 1
                    }
                }
            }
        }
        try store.batch("resolving outcomes again") { store in
            for (id, user, day) in stored where uniform() < 0.3 {
                let again = uniform() < 0.15 ? nil : outcome(day)
                try store.updateOutcome(signalId: id, user: user, outcome: again)
                if again == nil { cases.cleared += 1 } else { cases.resolvedAgain += 1 }
            }
        }
        cases.deletedSignals = try store.signals(strategyId: ann[4], user: "ann").count
        try store.deleteStrategy(id: ann[4], user: "ann")
        return (store, cases)
    }

    /// Every signal of one person read back whole, once, and counted one by one for any window as the rule reads:
    /// signals on their day, a closed hypothetical trade of an entry on its exit day, an entry acted on and closed
    /// on the later of its signal day and its closing day, held at `to` when it closed later.
    struct Recount {
        let strategies: [String]
        let records: [String: [SignalRecord]]

        init(_ store: StratStore, user: String) throws {
            strategies = try store.listStrategies(user: user).map(\.id)
            records = Dictionary(grouping: try store.signals(user: user), by: \.signal.strategyId)
        }

        func counts(from: Day?, to: Day) -> [String: LeaderboardCounts] {
            func inWindow(_ day: Day) -> Bool { day <= to && from.map { day >= $0 } ?? true }
            var counts: [String: LeaderboardCounts] = [:]
            for strategy in strategies {
                var hypothetical: [ClosedTrade] = []
                var actual: [ClosedTrade] = []
                var signals = 0
                for record in records[strategy] ?? [] {
                    let signal = record.signal
                    if inWindow(signal.signalDate) { signals += 1 }
                    guard signal.signalType == .entry else { continue }
                    if let trade = signal.outcome?["hypothetical"].flatMap(HypotheticalOutcome.init(json:)), trade.status == .closed,
                       let exit = trade.exitDate, let pct = trade.returnPct, inWindow(exit) {
                        hypothetical.append(ClosedTrade(exitDay: exit, returnPct: pct))
                    }
                    if record.action == .closed, let acted = record.actedPrice, acted > 0, let closed = record.closedPrice {
                        let closedDay = record.closedAt.map(Day.init(date:)) ?? signal.signalDate
                        let day = max(signal.signalDate, min(closedDay, to))
                        if inWindow(day) { actual.append(ClosedTrade(exitDay: day, returnPct: (closed / acted - 1) * 100)) }
                    }
                }
                counts[strategy] = LeaderboardCounts(signals: signals, hypothetical: .init(hypothetical), actual: .init(actual))
            }
            return counts
        }
    }

    /// Windows of every board length ending on days across and beyond the book, and a few odd ones.
    static func windows(seed: UInt64) -> [(from: Day?, to: Day)] {
        var random = SplitMix64(seed: seed)
        var out: [(Day?, Day)] = []
        for end in [start.adding(days: -1), start, start.adding(days: 100), start.adding(days: 333), start.adding(days: 499),
                    start.adding(days: 800)] {
            for length in [1, 7, 30, 90, 365] { out.append((end.adding(days: 1 - length), end)) }
            out.append((nil, end))
        }
        for _ in 0..<20 {
            let a = start.adding(days: Int(random.next() % 700) - 50)
            out.append((a, a.adding(days: Int(random.next() % 300))))
        }
        return out
    }

    /// Compares the store's counts (strategies with nothing in the window filled in as empty, as the board reads
    /// them) with the recount, for both people and every window; returns the trades the recount found in all.
    static func expectEqualToRecount(_ store: StratStore, seed: UInt64) throws -> (hypothetical: Int, actual: Int) {
        var seen = (hypothetical: 0, actual: 0)
        for user in ["ann", "bob"] {
            let recount = try Recount(store, user: user)
            for (from, to) in windows(seed: seed) {
                let expected = recount.counts(from: from, to: to)
                let counts = try store.signalCounts(user: user, from: from, to: to)
                let counted = Dictionary(uniqueKeysWithValues: recount.strategies.map { ($0, counts[$0] ?? LeaderboardCounts()) })
                #expect(counted == expected, "\(user) \(from?.iso ?? "start")...\(to.iso)")
                seen.hypothetical += expected.values.map(\.hypothetical.count).reduce(0, +)
                seen.actual += expected.values.map(\.actual.count).reduce(0, +)
            }
        }
        return seen
    }

    @Test("every window's counts, wins and summed returns equal a recount of every signal, for both people",
          arguments: [UInt64(7), 20_261_207])
    func equalToRecount(seed: UInt64) throws {
        let (store, cases) = try Self.randomBook(seed: seed)
        let seen = try Self.expectEqualToRecount(store, seed: seed)
        // The book holds every case the totals follow, and the windows see trades of both kinds.
        #expect(cases.skipped > 0 && cases.actedOpen > 0 && cases.closedBeforeSignalDay > 0 && cases.closedAfterLastSignal > 0)
        #expect(cases.exits > 0 && cases.repeats > 0 && cases.resolvedAgain > 0 && cases.cleared > 0 && cases.deletedSignals > 0)
        #expect(seen.hypothetical > 400 && seen.actual > 200)
        #expect(try store.listStrategies(user: "ann").count == 4)
    }

    @Test("a database from before the running totals gets them from the signals it holds, equal to the recount")
    func backfill() throws {
        let (store, _) = try Self.randomBook(seed: 31)
        try store.writer.write { db in
            try db.execute(sql: """
                DROP TRIGGER signal_count_insert; DROP TRIGGER signal_count_update; DROP TRIGGER signal_count_delete;
                DROP VIEW signal_count_changes; DROP TABLE signal_count_totals;
                DELETE FROM grdb_migrations WHERE identifier = 'v12-signal-count-totals';
                """)
        }
        #expect(try !store.appliedMigrations().contains("v12-signal-count-totals"))
        try store.migrate()
        #expect(try store.appliedMigrations().contains("v12-signal-count-totals"))
        let seen = try Self.expectEqualToRecount(store, seed: 31)
        #expect(seen.hypothetical > 400 && seen.actual > 200)
    }

    @Test("deleting a strategy removes its running totals and leaves the others' alone")
    func deletingAStrategy() throws {
        let store = try Fixtures.store()
        let kept = try store.createStrategy(Fixtures.rsiDip(name: "kept"), user: "ann").id
        let doomed = try store.createStrategy(Fixtures.rsiDip(name: "doomed"), user: "ann").id
        for (n, day) in ["2010-03-01", "2010-03-02", "2010-03-05"].enumerated() {
            for id in [kept, doomed] {
                let signal = try store.upsertSignal(Fixtures.signal(strategyId: id, day: day), user: "ann").0
                _ = try store.recordAction(signalId: try #require(signal.signalId), user: "ann", action: .acted, price: 100)
                if n > 0 {
                    _ = try store.recordAction(signalId: try #require(signal.signalId), user: "ann", action: .closed, price: 100 + Double(n))
                }
            }
        }
        let before = try store.signalCounts(user: "ann", from: nil, to: Fixtures.day("2010-12-31"))
        try store.deleteStrategy(id: doomed, user: "ann")
        let rows = { (id: String) in
            try store.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM signal_count_totals WHERE strategy_id = ?", arguments: [id]) ?? 0
            }
        }
        #expect(try rows(doomed) == 0)
        #expect(try rows(kept) > 0)
        let after = try store.signalCounts(user: "ann", from: nil, to: Fixtures.day("2010-12-31"))
        #expect(after == [kept: before[kept]!])
        #expect(after[kept]?.signals == 3 && after[kept]?.actual.count == 2)
    }

    @Test("each return is summed as microPoints rounds it, in SQL as in Swift, at the rounding edges and the clamp",
          arguments: [0.0000005, -0.0000005, 0.0000015, -0.0000025, 0.00000049999999999, 12.3456785, -12.3456785,
                      99.9999995, 1e-7, -0.0, 0.0, 1e9, -1e9, 3e9, -7.5e12, 0.1 + 0.2])
    func microPointsAgree(returnPct: Double) throws {
        let store = try Fixtures.store()
        let id = try store.createStrategy(Fixtures.rsiDip(), user: "ann").id
        let signal = try store.upsertSignal(Fixtures.signal(strategyId: id, day: "2010-03-01"), user: "ann").0
        let trade = HypotheticalOutcome(
            status: .closed, asOf: Fixtures.day("2010-04-01"), entryDate: Fixtures.day("2010-03-02"), entryPrice: 100,
            exitDate: Fixtures.day("2010-03-10"), exitPrice: 100, exitReason: .signal, returnPct: returnPct)
        try store.updateOutcome(signalId: try #require(signal.signalId), user: "ann", outcome: ["hypothetical": trade.json])
        let counts = try #require(try store.signalCounts(user: "ann", from: nil, to: Fixtures.day("2010-12-31"))[id])
        let micro = LeaderboardCounts.microPoints(returnPct)
        #expect(counts.hypothetical == .init(count: 1, wins: returnPct > 0 ? 1 : 0, microSum: micro))
        // The rounding itself, against the exact decimal: within half a millionth inside the clamp, at it outside.
        let exact = (Decimal(returnPct) * 1_000_000) as NSDecimalNumber
        if abs(returnPct) <= 1e9 {
            #expect(abs(exact.doubleValue - Double(micro)) <= 0.5 + 1e-6)
        } else {
            #expect(micro == (returnPct > 0 ? 1_000_000_000_000_000 : -1_000_000_000_000_000))
        }
    }
}
