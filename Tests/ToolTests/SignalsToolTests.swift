import AgentLoop
import Foundation
import MarketData
import Store
import StrategyCore
import Testing
@testable import Tools

@Suite("get_strategy_signals on the last day of the embedded data")
struct SignalsToolTests {
    /// Wilder's RSI written out independently of the engine: simple means of the first N gains and
    /// losses, then (previous × (N − 1) + current) / N.
    static func wilderRSI(_ closes: [Double], period n: Int) -> Double {
        var gain = 0.0, loss = 0.0
        for i in 1...n {
            let change = closes[i] - closes[i - 1]
            gain += max(change, 0)
            loss += max(-change, 0)
        }
        gain /= Double(n)
        loss /= Double(n)
        for i in (n + 1)..<closes.count {
            let change = closes[i] - closes[i - 1]
            gain = (gain * Double(n - 1) + max(change, 0)) / Double(n)
            loss = (loss * Double(n - 1) + max(-change, 0)) / Double(n)
        }
        return loss == 0 ? 100 : 100 - 100 / (1 + gain / loss)
    }

    @Test("entry signals carry the day, the price, each rule's actual value, target and stop, and are stored")
    func signalsOnLastDay() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add()
        let output = try await fixture.call("get_strategy_signals", ["strategy_id": .string(strategy.id)])
        #expect(!output.isError)
        #expect(output.json["today"]?.stringValue == "2010-08-20")
        #expect(output.json["today_note"]?.stringValue?.contains("ends in the past") == true)
        #expect(output.display?.contains("\"Today\" is 2010-08-20") == true)

        let stored = try fixture.store.signals(strategyId: strategy.id, user: ToolFixture.user)
        #expect(!stored.isEmpty)
        #expect(output.json["signal_count"]?.numberValue == Double(stored.count))
        let data = try MarketData.offline()
        for record in stored.prefix(5) {
            let signal = record.signal
            #expect(signal.signalDate == Day(iso: "2010-08-20"))
            let bars = try #require(try await data.bars(for: try data.resolve(universe: signal.ticker)).first)
            #expect(signal.priceAtSignal == bars.close.last)
            let rsi = Self.wilderRSI(bars.close, period: 14)
            #expect(rsi < 35)
            #expect(abs((signal.dataSnapshot["rsi_14"]?.numberValue ?? .nan) - rsi) < 1e-9)
            // RSI's usual range is 100 points, so the strength is (35 − RSI) / 100; with no backtest the
            // confidence is 50 + 50 × strength (SignalConfidence).
            #expect(abs(signal.confidenceScore - (50 + 50 * min(1, (35 - rsi) / 100))) < 1e-9)
            #expect(signal.reasoning == "RSI(14) is \(String(format: "%.1f", rsi)) (below 35)")
            #expect(abs((signal.targetPrice ?? 0) - signal.priceAtSignal * 1.15) < 1e-9)
            #expect(abs((signal.stopPrice ?? 0) - signal.priceAtSignal * 0.92) < 1e-9)
        }
    }

    @Test("running it twice on the same day stores each signal once")
    func idempotent() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add()
        _ = try await fixture.call("get_strategy_signals", ["strategy_id": .string(strategy.id)])
        let first = try fixture.store.signals(strategyId: strategy.id, user: ToolFixture.user)
        _ = try await fixture.call("get_strategy_signals", ["strategy_id": .string(strategy.id)])
        #expect(try fixture.store.signals(strategyId: strategy.id, user: ToolFixture.user) == first)
    }

    @Test("min_confidence keeps only signals at or above it and counts the rest")
    func minimumConfidence() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add()
        _ = try await fixture.call("get_strategy_signals", ["strategy_id": .string(strategy.id)])
        let scores = try fixture.store.signals(strategyId: strategy.id, user: ToolFixture.user).map(\.signal.confidenceScore)
        let threshold = try #require(scores.sorted()[safe: scores.count / 2])
        let fresh = try ToolFixture()
        let again = try fresh.add()
        let some = try await fresh.call("get_strategy_signals", ["strategy_id": .string(again.id), "min_confidence": .number(threshold)])
        let kept = try fresh.store.signals(strategyId: again.id, user: ToolFixture.user).map(\.signal.confidenceScore)
        #expect(some.json["signal_count"]?.numberValue == Double(kept.count))
        #expect(kept.allSatisfy { $0 >= threshold })
        #expect(kept.count == scores.filter { $0 >= threshold }.count)
        #expect(some.json["below_min_confidence"]?.numberValue == Double(scores.count - kept.count))
    }

    @Test("a confidence outside 0 to 100 is refused")
    func badConfidence() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add()
        let output = try await fixture.call("get_strategy_signals", ["strategy_id": .string(strategy.id), "min_confidence": 101])
        #expect(output.isError)
        #expect(output.modelContent.contains("between 0 and 100"))
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

@Suite("record_signal_action")
struct SignalActionToolTests {
    @Test("act and close through the tool update the actual figures, and bad inputs are refused")
    func actions() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add()
        _ = try await fixture.call("get_strategy_signals", ["strategy_id": .string(strategy.id), "universe": "AAPL,IBM,XOM,GE,F,BAC,C,JPM"])
        let stored = try fixture.store.signals(strategyId: strategy.id, user: ToolFixture.user)
        let signal = try #require(stored.first?.id)
        let noPrice = try await fixture.call("record_signal_action", ["signal_id": .string(signal), "action": "close"])
        #expect(noPrice.isError)
        let zero = try await fixture.call("record_signal_action", ["signal_id": .string(signal), "action": "act", "price": 0])
        #expect(zero.isError)
        #expect(zero.modelContent.contains("not above zero"))
        let unknown = try await fixture.call("record_signal_action", ["signal_id": "zzzz-nope", "action": "skip"])
        #expect(unknown.isError)
        #expect(try fixture.store.signal(id: signal, user: ToolFixture.user)?.action == nil)

        let acted = try await fixture.call("record_signal_action", ["signal_id": .string(signal), "action": "act", "price": 10, "shares": 100])
        #expect(!acted.isError)
        #expect(acted.json["action"]?.stringValue == "acted")
        let closed = try await fixture.call("record_signal_action", ["signal_id": .string(signal), "action": "close", "price": 12])
        // (12 / 10 − 1) × 100 = +20%.
        #expect(closed.json["actual_return_pct"]?.numberValue == 20)
        #expect(closed.json["actual_trades"]?.numberValue == 1)
        let twice = try await fixture.call("record_signal_action", ["signal_id": .string(signal), "action": "close", "price": 13])
        #expect(twice.isError)
        #expect(try fixture.store.signal(id: signal, user: ToolFixture.user)?.closedPrice == 12)
        let other = try await fixture.toolbox.run(ToolCall(id: "x", name: "record_signal_action",
                                                            argumentsJSON: #"{"signal_id": "\#(signal)", "action": "dance"}"#))
        #expect(other.isError)
    }
}
