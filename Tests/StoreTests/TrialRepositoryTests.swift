import Foundation
@testable import Store
import StrategyCore
import Testing

@Suite("A strategy's trials: its backtests by definition and the variants of its sweeps")
struct TrialRepositoryTests {
    static func backtest(_ strategyId: String, sharpe: Double?, from: String = "2009-08-03", to: String = "2010-07-30") -> StrategyBacktest {
        var b = Fixtures.backtest(strategyId: strategyId)
        b.startDate = Fixtures.day(from)
        b.endDate = Fixtures.day(to)
        b.sharpeRatio = sharpe
        return b
    }

    @Test("every backtest is a trial named by its version's rules, so a revert is the same definition")
    func backtestsByDefinition() throws {
        let store = try Fixtures.store()
        var strategy = try store.createStrategy(Fixtures.rsiDip(), user: "ann")
        let id = strategy.id
        _ = try store.saveBacktest(Self.backtest(id, sharpe: 0.8), user: "ann")
        strategy.riskParameters.stopLossPct = 6
        (strategy, _) = try store.updateStrategy(strategy, user: "ann")
        _ = try store.saveBacktest(Self.backtest(id, sharpe: 1.4, from: "2005-01-03"), user: "ann")
        (strategy, _) = try store.revertStrategy(id: id, to: 1, user: "ann")
        _ = try store.saveBacktest(Self.backtest(id, sharpe: 0.5), user: "ann")

        let trials = try store.trials(strategyId: id, user: "ann")
        #expect(trials.map(\.sharpeRatio) == [0.8, 1.4, 0.5])
        #expect(trials.map(\.start) == [Fixtures.day("2009-08-03"), Fixtures.day("2005-01-03"), Fixtures.day("2009-08-03")])
        let v1 = Fixtures.rsiDip().definitionKey
        #expect(trials[0].definition == v1 && trials[2].definition == v1)
        #expect(trials[1].definition != v1)
        let count = TrialCount.count(trials, overlapping: (Fixtures.day("2009-08-03"), Fixtures.day("2010-07-30")))
        #expect(count.trials == 2)
    }

    @Test("recorded sweep variants join the backtests, and another user's are never read")
    func recordedVariants() throws {
        let store = try Fixtures.store()
        let strategy = try store.createStrategy(Fixtures.rsiDip(), user: "ann")
        let id = strategy.id
        _ = try store.saveBacktest(Self.backtest(id, sharpe: 0.8), user: "ann")
        let variants = (0..<3).map {
            TrialCount.Backtest(definition: "variant \($0)", start: Fixtures.day("2009-08-03"), end: Fixtures.day("2010-07-30"),
                                sharpeRatio: $0 == 2 ? nil : Double($0))
        }
        try store.recordTrials(variants, strategyId: id, user: "ann", source: "sweep")
        let trials = try store.trials(strategyId: id, user: "ann")
        #expect(trials.count == 4)
        #expect(Array(trials.dropFirst()) == variants)
        #expect(throws: StoreError.self) { try store.trials(strategyId: id, user: "bob") }
        #expect(throws: StoreError.self) { try store.recordTrials(variants, strategyId: id, user: "bob", source: "sweep") }
    }

    @Test("deleting the strategy deletes its recorded trials")
    func deletedWithStrategy() throws {
        let store = try Fixtures.store()
        let strategy = try store.createStrategy(Fixtures.rsiDip(), user: "ann")
        let id = strategy.id
        try store.recordTrials([TrialCount.Backtest(definition: "v", start: Fixtures.day("2010-01-04"), end: Fixtures.day("2010-02-01"),
                                                    sharpeRatio: 1)], strategyId: id, user: "ann", source: "sweep")
        try store.deleteStrategy(id: id, user: "ann")
        let left = try store.read("counting") { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM strategy_trials") }
        #expect(left == 0)
    }
}
