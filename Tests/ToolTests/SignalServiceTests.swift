import Foundation
import Store
import StrategyCore
import Testing
@testable import Tools

@Suite("Signal service")
struct SignalServiceTests {
    @Test("signals on hand-built data are stored once, name their day and carry the estimates")
    func generateAndStore() async throws {
        let store = try SignalToolFixtures.store()
        let strategy = try store.createStrategy(SignalToolFixtures.trend, user: "ana")
        let id = strategy.id
        // A backtest of 4 trades, 75% won, average win +10%, average loss −4%, on 100,000.
        _ = try store.saveBacktest(StrategyBacktest(
            strategyId: id, startDate: Day(iso: "2009-01-02")!, endDate: Day(iso: "2009-12-31")!, initialCapital: 100_000,
            metrics: BacktestMetrics {
                $0.totalTrades = 4
                $0.winningTrades = 3
                $0.losingTrades = 1
                $0.winRate = 75
                $0.avgWinPct = 10
                $0.avgLossPct = -4
            },
            assumptions: BacktestAssumptions(data: "synthetic sample", universe: "test", fill: "next_open", commissionPct: 0,
                                             slippageBps: 5, stopTargetRule: "stop first", benchmark: "none")), user: "ana")
        let service = SignalService(store: store, feed: FixedDataFeed(SignalToolFixtures.handBuilt), now: SignalToolFixtures.clock)
        let report = try await service.generate(strategyId: id, user: "ana", universe: "test")
        #expect(report.day == Day(iso: "2010-03-05"))
        #expect(report.signals.map(\.ticker) == ["AAA"])
        #expect(report.newSignals == 1)
        // 5% of 100,000 per entry; EV = (0.75 × 10% + 0.25 × −4%) × 5,000 = 6.5% × 5,000 = 325.
        #expect(report.capitalPerEntry == 5_000)
        #expect(report.capitalNeeded == 5_000)
        #expect(abs((report.expectedValue ?? 0) - 325) < 1e-9)
        #expect(report.todayNote.contains("the data set ends in the past") && report.todayNote.contains("2010-03-05"))
        #expect(report.notes.contains(SignalConfidence.formula))
        // s = min(1, (14 − 13) / 13 / 0.1) = 0.769…; cond = 50 + 50 s; w = 0.5 × 4/30; blended with 75.
        let s = min(1, 1.0 / 13 / 0.1), w = 0.5 * 4 / 30
        #expect(abs(report.signals[0].confidenceScore - ((1 - w) * (50 + 50 * s) + w * 75)) < 1e-9)
        let text = report.render()
        #expect(text.contains("Capital needed (estimate): $5000"))
        #expect(text.contains("Expected value (estimate): +$325"))

        let again = try await service.generate(strategyId: id, user: "ana", universe: "test")
        #expect(again.newSignals == 0)
        #expect(again.signals.map(\.signalId) == report.signals.map(\.signalId))
        #expect(try store.signals(strategyId: id, user: "ana").count == 1)
    }

    @Test("without a backtest there is no expected value and the notes say why")
    func noBacktest() async throws {
        let store = try SignalToolFixtures.store()
        let id = try store.createStrategy(SignalToolFixtures.trend, user: "ana").id
        let service = SignalService(store: store, feed: FixedDataFeed(SignalToolFixtures.handBuilt), now: SignalToolFixtures.clock)
        let report = try await service.generate(strategyId: id, user: "ana", universe: "test", save: false)
        #expect(report.expectedValue == nil)
        #expect(report.notes.contains { $0.hasPrefix("no backtest with trades yet") })
        #expect(report.signals.first?.signalId == nil)
        #expect(try store.signals(strategyId: id, user: "ana").isEmpty)
    }

    @Test("a replayed day uses only bars up to it")
    func replayDay() async throws {
        let store = try SignalToolFixtures.store()
        let id = try store.createStrategy(SignalToolFixtures.trend, user: "ana").id
        let service = SignalService(store: store, feed: FixedDataFeed(SignalToolFixtures.handBuilt), now: SignalToolFixtures.clock)
        // On 2010-03-03 AAA's close 12 is above SMA(3) 11 and BBB's 12 is below its 13.
        let report = try await service.generate(strategyId: id, user: "ana", on: Day(iso: "2010-03-03")!)
        #expect(report.day == Day(iso: "2010-03-03"))
        #expect(report.signals.map(\.ticker) == ["AAA"])
        #expect(report.signals[0].priceAtSignal == 12)
        await #expect(throws: SignalError.unknownStrategy("nope")) {
            try await service.generate(strategyId: "nope", user: "ana")
        }
    }
}
