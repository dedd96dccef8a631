import Foundation
@testable import Store
import StrategyCore
import Testing

@Suite("A strategy's latest parameter sweep")
struct SweepRepositoryTests {
    static func sweep(version: Int, best: Int, walk: Bool) -> StoredSweep {
        let axes = [StoredSweep.Axis(path: "entry_conditions.0.value", values: [25, 30]),
                    StoredSweep.Axis(path: "risk_parameters.stop_loss_pct", values: [4, 8])]
        let variants = [[25.0, 4.0], [25, 8], [30, 4], [30, 8]].enumerated().map { k, values in
            StoredSweep.Variant(values: values, sharpeRatio: k == 3 ? nil : 0.5 * Double(k), totalReturnPct: Double(k), maxDrawdownPct: 2,
                                totalTrades: k)
        }
        let window = StoredSweep.Window(
            trainStart: Fixtures.day("2010-01-04"), trainEnd: Fixtures.day("2011-12-30"), testStart: Fixtures.day("2012-01-03"),
            testEnd: Fixtures.day("2012-06-29"), values: [30, 4], inSampleSharpe: 1.2, inSampleReturnPct: 9, outOfSampleSharpe: nil,
            outOfSampleReturnPct: -1.5)
        return StoredSweep(
            version: version, start: Fixtures.day("2010-01-04"), end: Fixtures.day("2012-06-29"), objective: .sharpe, axes: axes,
            variants: variants, best: best, pbo: 0.25, deflatedSharpeRatio: nil,
            walkForward: walk ? .init(trainMonths: 24, testMonths: 6, anchored: false, windows: [window], outOfSampleReturnPct: -1.5,
                                      efficiency: nil) : nil)
    }

    @Test("a saved sweep reads back whole, missing figures included, and the next one replaces it")
    func saveAndReplace() throws {
        let store = try Fixtures.store()
        let id = try store.createStrategy(Fixtures.rsiDip(), user: "ann").id
        #expect(try store.latestSweep(strategyId: id, user: "ann") == nil)
        let first = Self.sweep(version: 1, best: 2, walk: true)
        try store.saveSweep(first, strategyId: id, user: "ann")
        #expect(try store.latestSweep(strategyId: id, user: "ann") == first)
        let second = Self.sweep(version: 2, best: 1, walk: false)
        try store.saveSweep(second, strategyId: id, user: "ann")
        #expect(try store.latestSweep(strategyId: id, user: "ann") == second)
        let rows = try store.read("counting") { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM strategy_sweeps") }
        #expect(rows == 1)
    }

    @Test("another user can neither read nor store a sweep of a strategy that is not theirs; deleting the strategy drops it")
    func otherUserAndDelete() throws {
        let store = try Fixtures.store()
        let id = try store.createStrategy(Fixtures.rsiDip(), user: "ann").id
        try store.saveSweep(Self.sweep(version: 1, best: 0, walk: true), strategyId: id, user: "ann")
        #expect(throws: StoreError.self) { try store.latestSweep(strategyId: id, user: "bob") }
        #expect(throws: StoreError.self) { try store.saveSweep(Self.sweep(version: 1, best: 0, walk: false), strategyId: id, user: "bob") }
        try store.deleteStrategy(id: id, user: "ann")
        let rows = try store.read("counting") { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM strategy_sweeps") }
        #expect(rows == 0)
    }
}
