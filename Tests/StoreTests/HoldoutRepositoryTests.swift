import Foundation
@testable import Store
import StrategyCore
import Testing

@Suite("A strategy's hold-out and every opening of it")
struct HoldoutRepositoryTests {
    static func opening(_ version: Int, sharpe: Double?) -> HoldoutOpening {
        HoldoutOpening(version: version, start: Fixtures.day("2010-04-01"), end: Fixtures.day("2010-07-30"), sharpeRatio: sharpe,
                       totalReturnPct: 3.5, openedAt: Date(timeIntervalSince1970: 0))
    }

    @Test("a reserved hold-out reads back with each opening counted, and replacing it keeps the count")
    func reserveAndOpen() throws {
        let store = try Fixtures.store()
        let id = try store.createStrategy(Fixtures.rsiDip(), user: "ann").id
        #expect(try store.holdout(strategyId: id, user: "ann") == nil)
        try store.setHoldout(strategyId: id, user: "ann", start: Fixtures.day("2010-04-01"), spec: "30%")
        #expect(try store.recordHoldoutOpening(Self.opening(1, sharpe: 0.9), strategyId: id, user: "ann") == 1)
        #expect(try store.recordHoldoutOpening(Self.opening(1, sharpe: .nan), strategyId: id, user: "ann") == 2)
        let held = try #require(try store.holdout(strategyId: id, user: "ann"))
        #expect(held.start == Fixtures.day("2010-04-01") && held.spec == "30%")
        #expect(held.openings.map(\.sharpeRatio) == [0.9, nil], "a figure that is not finite is stored as null")
        try store.setHoldout(strategyId: id, user: "ann", start: Fixtures.day("2010-06-01"), spec: "2010-06-01")
        let moved = try #require(try store.holdout(strategyId: id, user: "ann"))
        #expect(moved.start == Fixtures.day("2010-06-01") && moved.openings.count == 2)
        try store.removeHoldout(strategyId: id, user: "ann")
        #expect(try store.holdout(strategyId: id, user: "ann") == nil)
    }

    @Test("another user can neither read nor reserve a hold-out of a strategy that is not theirs")
    func otherUser() throws {
        let store = try Fixtures.store()
        let id = try store.createStrategy(Fixtures.rsiDip(), user: "ann").id
        try store.setHoldout(strategyId: id, user: "ann", start: Fixtures.day("2010-04-01"), spec: "30%")
        #expect(throws: StoreError.self) { try store.holdout(strategyId: id, user: "bob") }
        #expect(throws: StoreError.self) { try store.setHoldout(strategyId: id, user: "bob", start: Fixtures.day("2010-01-04"), spec: "x") }
        #expect(throws: StoreError.self) { try store.recordHoldoutOpening(Self.opening(1, sharpe: 1), strategyId: id, user: "bob") }
    }
}
