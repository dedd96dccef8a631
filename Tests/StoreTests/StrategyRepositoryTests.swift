import Foundation
@testable import Store
import StrategyCore
import Testing

@Suite("Strategies and their versions")
struct StrategyRepositoryTests {
    @Test("creating assigns the id, version 1 and the store's clock, and reads back equal")
    func create() throws {
        let store = try Fixtures.store()
        let created = try store.createStrategy(Fixtures.rsiDip(), user: "ann", note: "first draft")
        #expect(created.id == "id-0001")
        #expect(created.userId == "ann")
        #expect(created.version == 1)
        #expect(created.createdAt != nil)
        #expect(created.createdAt == created.updatedAt)
        #expect(try store.strategy(id: "id-0001", user: "ann") == created)
        let versions = try store.versions(strategyId: "id-0001", user: "ann")
        #expect(versions.map(\.version) == [1])
        #expect(versions[0].diff.isEmpty)
        #expect(versions[0].note == "first draft")
        #expect(versions[0].strategy.riskParameters == created.riskParameters)
        #expect(try store.users() == ["ann"])
    }

    @Test("the list is ordered by creation and can hold only active strategies")
    func list() throws {
        let store = try Fixtures.store()
        let a = try store.createStrategy(Fixtures.rsiDip(name: "B second-named first"), user: "ann")
        let b = try store.createStrategy(Fixtures.rsiDip(name: "A first-named second"), user: "ann")
        try store.setActive(id: a.id, user: "ann", active: false)
        #expect(try store.listStrategies(user: "ann").map(\.id) == [a.id, b.id])
        #expect(try store.listStrategies(user: "ann", activeOnly: true).map(\.id) == [b.id])
        let paused = try store.strategy(id: a.id, user: "ann")
        #expect(paused?.isActive == false)
        #expect(paused?.version == 1, "pausing does not change the definition, so it is not a version")
    }

    @Test("every update makes a new version with its readable diff and note")
    func update() throws {
        let store = try Fixtures.store()
        var strategy = try store.createStrategy(Fixtures.rsiDip(), user: "ann")
        strategy.riskParameters.stopLossPct = 6
        let (v2, diff2) = try store.updateStrategy(strategy, user: "ann", note: "tighter stop")
        #expect(v2.version == 2)
        #expect(diff2.summary == "stop loss: 8% → 6%")
        var next = v2
        next.entryConditions.append(Condition(field: "volume", operator: .gt, value: .number(1_000_000)))
        let (v3, diff3) = try store.updateStrategy(next, user: "ann", note: nil)
        #expect(v3.version == 3)
        #expect(diff3.summary == "entry: added volume > 1,000,000")
        #expect(v3.createdAt == strategy.createdAt)
        #expect(v3.updatedAt! > v2.updatedAt!)

        let versions = try store.versions(strategyId: strategy.id, user: "ann")
        #expect(versions.map(\.version) == [1, 2, 3])
        #expect(versions.map(\.diff) == [StrategyDiff(), diff2, diff3])
        #expect(versions.map(\.note) == [nil, "tighter stop", nil])
        #expect(versions[1].strategy.riskParameters.stopLossPct == 6)
        #expect(try store.strategy(id: strategy.id, user: "ann") == v3)
    }

    @Test("an update that changes nothing makes no version")
    func noChange() throws {
        let store = try Fixtures.store()
        let strategy = try store.createStrategy(Fixtures.rsiDip(), user: "ann")
        let (same, diff) = try store.updateStrategy(strategy, user: "ann", note: "nothing")
        #expect(diff.isEmpty)
        #expect(same == strategy)
        #expect(try store.versions(strategyId: strategy.id, user: "ann").count == 1)
    }

    @Test("an update keeps the id, owner and creation time from the store, not from the caller")
    func updateKeepsBookkeeping() throws {
        let store = try Fixtures.store()
        let strategy = try store.createStrategy(Fixtures.rsiDip(), user: "ann")
        var forged = strategy.definition
        forged.userId = "bob"
        forged.createdAt = Date(timeIntervalSince1970: 0)
        forged.version = 40
        forged.name = "Renamed"
        let (updated, _) = try store.updateStrategy(id: strategy.id, to: forged, user: "ann")
        #expect(updated.userId == "ann")
        #expect(updated.createdAt == strategy.createdAt)
        #expect(updated.version == 2)
    }

    @Test("restoring an old version makes a new version equal to it")
    func revert() throws {
        let store = try Fixtures.store()
        let v1 = try store.createStrategy(Fixtures.rsiDip(), user: "ann")
        var changed = v1
        changed.riskParameters.stopLossPct = 6
        changed.timeframe = .longTerm
        _ = try store.updateStrategy(changed, user: "ann")
        let (v3, diff) = try store.revertStrategy(id: v1.id, to: 1, user: "ann")
        #expect(v3.version == 3)
        #expect(diff.changes.map(\.line) == ["timeframe: long_term → short_term", "stop loss: 6% → 8%"])
        #expect(StrategyDiff.between(v1.definition, v3.definition).isEmpty)
        let versions = try store.versions(strategyId: v1.id, user: "ann")
        #expect(versions.map(\.version) == [1, 2, 3])
        #expect(versions[2].note == "restored version 1")
    }

    @Test("restoring a version that does not exist names the versions there are")
    func revertMissing() throws {
        let store = try Fixtures.store()
        let v1 = try store.createStrategy(Fixtures.rsiDip(), user: "ann")
        #expect(throws: StoreError.versionNotFound(strategyId: v1.id, version: 7, latest: 1)) {
            try store.revertStrategy(id: v1.id, to: 7, user: "ann")
        }
        #expect(try store.versions(strategyId: v1.id, user: "ann").count == 1)
    }

    @Test("deleting a strategy removes its versions, backtests, signals and performance, and nothing else")
    func deleteCascade() throws {
        let store = try Fixtures.store()
        let doomed = try store.createStrategy(Fixtures.rsiDip(name: "Doomed"), user: "ann")
        let kept = try store.createStrategy(Fixtures.rsiDip(name: "Kept"), user: "ann")
        for strategy in [doomed, kept] {
            var changed = strategy
            changed.riskParameters.stopLossPct = 5
            _ = try store.updateStrategy(changed, user: "ann")
            _ = try store.saveBacktest(Fixtures.backtest(strategyId: strategy.id), user: "ann")
            _ = try store.upsertSignal(Fixtures.signal(strategyId: strategy.id), user: "ann")
            try store.savePerformance(StrategyPerformance(
                strategyId: strategy.id, userId: "ann", signalsGenerated: 1, createdAt: TestSequence.start,
                updatedAt: TestSequence.start))
        }
        try store.deleteStrategy(id: doomed.id, user: "ann")
        #expect(try store.strategy(id: doomed.id, user: "ann") == nil)
        let leftovers = try store.writer.read { db in
            try ["strategy_versions", "strategy_backtests", "strategy_signals", "strategy_performance"].map { table in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE strategy_id = ?", arguments: [doomed.id]) ?? -1
            }
        }
        #expect(leftovers == [0, 0, 0, 0])
        #expect(try store.versions(strategyId: kept.id, user: "ann").count == 2)
        #expect(try store.backtests(strategyId: kept.id, user: "ann").count == 1)
        #expect(try store.signals(strategyId: kept.id, user: "ann").count == 1)
        #expect(try store.performance(strategyId: kept.id, user: "ann") != nil)
        #expect(throws: StoreError.notFound(kind: "strategy", reference: doomed.id)) {
            try store.deleteStrategy(id: doomed.id, user: "ann")
        }
    }

    @Test("an update of an id that is not stored is refused")
    func updateUnknownId() throws {
        let store = try Fixtures.store()
        #expect(throws: StoreError.notFound(kind: "strategy", reference: "no-such-id")) {
            try store.updateStrategy(id: "no-such-id", to: Fixtures.rsiDip(), user: "ann")
        }
    }
}

@Suite("Finding a strategy from what a person typed")
struct StrategyLookupTests {
    static func seeded() throws -> (StratStore, [StoredStrategy]) {
        let store = try Fixtures.store()
        let names = ["RSI dip", "RSI dip deep", "Insider cluster", "Golden cross"]
        return (store, try names.map { try store.createStrategy(Fixtures.rsiDip(name: $0), user: "ann") })
    }

    @Test("an exact id, an id prefix and a name in any case all find the strategy")
    func found() throws {
        let (store, s) = try Self.seeded()
        #expect(try store.resolveStrategyReference("id-0002", user: "ann") == .found(s[1]))
        #expect(try store.resolveStrategyReference("insider CLUSTER", user: "ann") == .found(s[2]))
        #expect(try store.resolveStrategyReference("gold", user: "ann") == .found(s[3]))
        #expect(try store.resolveStrategyReference("  Golden cross ", user: "ann") == .found(s[3]))
    }

    @Test("a unique start of a random id finds the strategy; fewer than four characters do not")
    func idPrefix() throws {
        let store = try StratStore.inMemory()
        let a = try store.createStrategy(Fixtures.rsiDip(name: "Alpha"), user: "ann")
        _ = try store.createStrategy(Fixtures.rsiDip(name: "Beta"), user: "ann")
        #expect(try store.resolveStrategyReference(String(a.id.prefix(8)).uppercased(), user: "ann") == .found(a))
        #expect(try store.resolveStrategyReference(String(a.id.prefix(3)), user: "ann") != .found(a))
    }

    @Test("an exact name wins over a longer name that starts with it")
    func exactBeatsPrefix() throws {
        let (store, s) = try Self.seeded()
        #expect(try store.resolveStrategyReference("rsi dip", user: "ann") == .found(s[0]))
    }

    @Test("a prefix shared by several strategies is ambiguous and lists them")
    func ambiguous() throws {
        let (store, s) = try Self.seeded()
        #expect(try store.resolveStrategyReference("rsi", user: "ann") == .ambiguous([s[0], s[1]]))
        #expect(try store.resolveStrategyReference("id-0", user: "ann") == .ambiguous(s))
    }

    @Test("a near miss suggests the closest name; a far miss suggests nothing")
    func notFound() throws {
        let (store, _) = try Self.seeded()
        #expect(try store.resolveStrategyReference("Insidr clustre", user: "ann") == .notFound(suggestion: "Insider cluster"))
        #expect(try store.resolveStrategyReference("momentum breakout", user: "ann") == .notFound(suggestion: nil))
        #expect(try store.resolveStrategyReference("", user: "ann") == .notFound(suggestion: nil))
    }
}
