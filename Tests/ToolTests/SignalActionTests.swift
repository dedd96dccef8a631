import Foundation
import Store
import StrategyCore
import Testing
@testable import Tools

@Suite("Acting on signals")
struct SignalActionTests {
    /// A stored AAA entry signal at 14 of ana's trend strategy.
    func setUp() async throws -> (StratStore, strategyId: String, signalId: String) {
        let store = try SignalToolFixtures.store()
        let id = try store.createStrategy(SignalToolFixtures.trend, user: "ana").id
        let service = SignalService(store: store, feed: FixedDataFeed(SignalToolFixtures.handBuilt), now: SignalToolFixtures.clock)
        let report = try await service.generate(strategyId: id, user: "ana", universe: "test")
        return (store, id, try #require(report.signals.first?.signalId))
    }

    @Test("acting then closing updates the actual figures")
    func actAndClose() async throws {
        let (store, id, signal) = try await setUp()
        let actions = SignalActionService(store: store, now: SignalToolFixtures.clock)
        let acted = try actions.act(signalId: signal, user: "ana", price: 10, shares: 5)
        #expect(acted.performance.signalsActedOn == 1)
        #expect(acted.performance.actualTrades == 0)
        let closed = try actions.close(signalId: signal, user: "ana", price: 11)
        // (11 / 10 − 1) × 100 = +10%.
        #expect(closed.performance.actualTrades == 1)
        #expect(closed.performance.actualWins == 1)
        #expect(closed.performance.actualLosses == 0)
        #expect(abs(closed.performance.actualReturnPct - 10) < 1e-9)
        #expect(closed.message.contains("+10.0%"))
        #expect(try store.performance(strategyId: id, user: "ana") == closed.performance)
    }

    @Test("a taken signal's ticker gets an exit signal, and acting on it closes the entry")
    func exitFromPosition() async throws {
        let (store, id, signal) = try await setUp()
        let actions = SignalActionService(store: store, now: SignalToolFixtures.clock)
        _ = try actions.act(signalId: signal, user: "ana", price: 14)
        // AAA falls under its SMA(3) the next week: close 11 < mean(13, 12, 11) = 12.
        var data = SignalToolFixtures.handBuilt
        data.series[0] = SignalToolFixtures.series("AAA", [10, 11, 12, 13, 14, 13, 12, 11])
        let service = SignalService(store: store, feed: FixedDataFeed(data), now: SignalToolFixtures.clock)
        let report = try await service.generate(strategyId: id, user: "ana", on: Day(iso: "2010-03-10")!)
        let exit = try #require(report.signals.first { $0.ticker == "AAA" })
        #expect(exit.signalType == .exit)
        #expect(exit.reasoning.contains("close is 11.00 (below SMA(3) 12.00)"))
        let done = try actions.act(signalId: try #require(exit.signalId), user: "ana", price: 11.2)
        #expect(done.performance.actualTrades == 1)
        #expect(try store.signal(id: signal, user: "ana")?.action == .closed)
        #expect(try store.signal(id: signal, user: "ana")?.closedPrice == 11.2)
    }

    @Test("bad inputs are refused with a clear error and change nothing")
    func refusals() async throws {
        let (store, id, signal) = try await setUp()
        let actions = SignalActionService(store: store, now: SignalToolFixtures.clock)
        let before = try store.signal(id: signal, user: "ana")
        #expect(throws: SignalError.invalidPrice(0)) { try actions.act(signalId: signal, user: "ana", price: 0) }
        #expect(throws: SignalError.invalidPrice(-3)) { try actions.close(signalId: signal, user: "ana", price: -3) }
        #expect(throws: SignalError.invalidShares(0)) { try actions.act(signalId: signal, user: "ana", price: 10, shares: 0) }
        #expect(throws: SignalError.unknownSignal("nope")) { try actions.skip(signalId: "nope", user: "ana") }
        #expect(throws: SignalError.unknownSignal(signal)) { try actions.act(signalId: signal, user: "bob") }
        #expect(try store.signal(id: signal, user: "ana") == before)
        do {
            _ = try actions.close(signalId: signal, user: "ana", price: 12)
            Issue.record("closing an untaken signal should be refused")
        } catch let error as SignalError {
            guard case .refused = error else { Issue.record("wrong error \(error)"); return }
            #expect(error.localizedDescription.contains("never acted on"))
        }
        _ = try actions.act(signalId: signal, user: "ana", price: 10)
        _ = try actions.close(signalId: signal, user: "ana", price: 12)
        let closed = try store.signal(id: signal, user: "ana")
        #expect(throws: SignalError.self) { try actions.close(signalId: signal, user: "ana", price: 13) }
        #expect(try store.signal(id: signal, user: "ana") == closed)
        #expect(try store.performance(strategyId: id, user: "ana")?.actualTrades == 1)
    }
}
