import Foundation
@testable import Store
import StrategyCore
import Testing

/// Ann's rows exist; Bob, another user of the same database, tries every method on them.
/// Each must answer "not found" (or nothing) and leave Ann's rows exactly as they were.
@Suite("One user can never read or change another user's rows")
struct UserIsolationTests {
    struct Seed {
        var store: StratStore
        var strategy: StoredStrategy
        var signal: StrategySignal
        var backtestId: String
    }

    static func seeded() throws -> Seed {
        let store = try Fixtures.store()
        let strategy = try store.createStrategy(Fixtures.rsiDip(), user: "ann")
        let backtestId = try store.saveBacktest(Fixtures.backtest(strategyId: strategy.id), user: "ann")
        let (signal, _) = try store.upsertSignal(Fixtures.signal(strategyId: strategy.id), user: "ann")
        try store.savePerformance(StrategyPerformance(
            strategyId: strategy.id, userId: "ann", signalsGenerated: 1, createdAt: TestSequence.start,
            updatedAt: TestSequence.start))
        try store.addPortfolioTrades(
            [PortfolioTrade(date: Fixtures.day("2010-03-01"), ticker: "AAPL", side: .buy, shares: 1, price: 200, source: "t.csv")],
            user: "ann")
        try store.ensureUser("bob")
        return Seed(store: store, strategy: strategy, signal: signal, backtestId: backtestId)
    }

    /// Everything Ann can see, to compare before and after Bob's attempts.
    struct Snapshot: Equatable {
        var strategies: [StoredStrategy]
        var versions: [StrategyVersion]
        var backtests: [StrategyBacktest]
        var signals: [SignalRecord]
        var performance: StrategyPerformance?
        var trades: [PortfolioTrade]

        init(_ seed: Seed) throws {
            let s = seed.store, id = seed.strategy.id
            strategies = try s.listStrategies(user: "ann")
            versions = try s.versions(strategyId: id, user: "ann")
            backtests = try s.backtests(strategyId: id, user: "ann")
            signals = try s.signals(strategyId: id, user: "ann")
            performance = try s.performance(strategyId: id, user: "ann")
            trades = try s.portfolioTrades(user: "ann")
        }
    }

    @Test("reads of another user's rows find nothing")
    func reads() throws {
        let seed = try Self.seeded()
        let s = seed.store, id = seed.strategy.id
        let missing = StoreError.notFound(kind: "strategy", reference: id)
        #expect(try s.strategy(id: id, user: "bob") == nil)
        #expect(try s.listStrategies(user: "bob").isEmpty)
        #expect(try s.listStrategies(user: "bob", activeOnly: true).isEmpty)
        #expect(throws: missing) { try s.versions(strategyId: id, user: "bob") }
        #expect(try s.resolveStrategyReference(id, user: "bob") == .notFound(suggestion: nil))
        #expect(try s.resolveStrategyReference("RSI dip", user: "bob") == .notFound(suggestion: nil))
        #expect(throws: missing) { try s.latestBacktest(strategyId: id, user: "bob") }
        #expect(throws: missing) { try s.backtests(strategyId: id, user: "bob") }
        #expect(try s.backtest(id: seed.backtestId, user: "bob") == nil)
        #expect(throws: missing) { try s.signals(strategyId: id, user: "bob") }
        #expect(try s.signals(user: "bob").isEmpty)
        #expect(try s.signal(id: seed.signal.signalId!, user: "bob") == nil)
        #expect(throws: missing) { try s.performance(strategyId: id, user: "bob") }
        #expect(try s.performances(user: "bob").isEmpty)
        #expect(try s.portfolioTrades(user: "bob").isEmpty)
    }

    @Test("writes to another user's rows are refused as not found and change nothing")
    func writes() throws {
        let seed = try Self.seeded()
        let before = try Snapshot(seed)
        let s = seed.store, id = seed.strategy.id
        let missing = StoreError.notFound(kind: "strategy", reference: id)
        var changed = seed.strategy
        changed.riskParameters.stopLossPct = 1
        #expect(throws: missing) { try s.updateStrategy(changed, user: "bob", note: "mine now") }
        #expect(throws: missing) { try s.revertStrategy(id: id, to: 1, user: "bob") }
        #expect(throws: missing) { try s.setActive(id: id, user: "bob", active: false) }
        #expect(throws: missing) { try s.deleteStrategy(id: id, user: "bob") }
        #expect(throws: missing) { try s.saveBacktest(Fixtures.backtest(strategyId: id), user: "bob") }
        #expect(throws: missing) { try s.upsertSignal(Fixtures.signal(strategyId: id, ticker: "MSFT"), user: "bob") }
        let signalMissing = StoreError.notFound(kind: "signal", reference: seed.signal.signalId!)
        for action in SignalAction.allCases {
            #expect(throws: signalMissing) {
                try s.recordAction(signalId: seed.signal.signalId!, user: "bob", action: action, price: 50)
            }
        }
        #expect(throws: signalMissing) { try s.updateOutcome(signalId: seed.signal.signalId!, user: "bob", outcome: .null) }
        #expect(throws: missing) {
            try s.savePerformance(StrategyPerformance(
                strategyId: id, userId: "bob", signalsGenerated: 99, createdAt: TestSequence.start, updatedAt: TestSequence.start))
        }
        #expect(try s.deletePortfolioTrades(user: "bob", source: "t.csv") == 0)
        #expect(try Snapshot(seed) == before)
    }

    @Test("the same strategy name for two users resolves to each user's own")
    func sameNames() throws {
        let seed = try Self.seeded()
        let bobs = try seed.store.createStrategy(Fixtures.rsiDip(), user: "bob")
        #expect(try seed.store.resolveStrategyReference("rsi dip", user: "bob") == .found(bobs))
        #expect(try seed.store.resolveStrategyReference("rsi dip", user: "ann") == .found(seed.strategy))
        #expect(try seed.store.users() == ["ann", "bob"])
    }
}
