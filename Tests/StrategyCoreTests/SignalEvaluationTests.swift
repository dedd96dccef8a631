import Foundation
import Testing
@testable import StrategyCore

@Suite("Signals on a hand-built data set")
struct SignalEvaluationTests {
    /// Entry: close above its 3-day SMA and at least 3 insider buys in 30 days.
    static let strategy = TradingStrategy(
        id: "s1", version: 2, name: "Insider trend",
        entryConditions: [
            Condition(field: "close", operator: .gt, value: .field(FieldReference(field: "sma_3"))),
            Condition(field: "insider_buy_count_30d", operator: .gte, value: .number(3)),
        ],
        exitConditions: [Condition(field: "close", operator: .lt, value: .field(FieldReference(field: "sma_3")))],
        riskParameters: RiskParameters(stopLossPct: 10, takeProfitPct: 20, maxHoldDays: 30, positionSizePct: 5))
    static let stored = StoredStrategy(id: "s1", version: 2, definition: strategy)

    static let aaa = SignalTestData.series("AAA", [10, 11, 12, 13, 14])  // rising: close 14 > SMA(3) 13
    static let bbb = SignalTestData.series("BBB", [14, 13, 12, 11, 10])  // falling: close 10 < SMA(3) 11
    static let ccc = SignalTestData.series("CCC", [20, 20, 20, 21, 23])  // rising, but one insider buy
    static let insider: ExternalColumns = [
        "AAA": ["insider_buy_count_30d": [0, 0, 5, 5, 5]],
        "BBB": ["insider_buy_count_30d": [4, 4, 4, 4, 4]],
        "CCC": ["insider_buy_count_30d": [1, 1, 1, 1, 1]],
    ]
    static var lastDay: Day { aaa.days[4] }

    func evaluations() throws -> [TickerEvaluation] {
        try [Self.aaa, Self.bbb, Self.ccc].map {
            try SignalFrame(strategy: Self.strategy, series: $0, external: Self.insider[$0.ticker] ?? [:])
        }.compactMap { $0.evaluate(on: Self.lastDay) }
    }

    @Test("only the ticker meeting every condition gets an entry signal, with reasons and snapshot values")
    func expectedTickers() throws {
        let context = SignalContext(strategy: Self.stored, synthetic: ["insider_buy_count_30d"], generatedAt: Date(timeIntervalSince1970: 0))
        let signals = SignalBuilder.signals(try evaluations(), context: context)
        #expect(signals.map(\.ticker) == ["AAA"])
        let s = try #require(signals.first)
        #expect(s.signalType == .entry)
        #expect(s.signalDate == Self.lastDay)
        #expect(s.priceAtSignal == 14)
        // SMA(3) of 12, 13, 14 is 13; target and stop are ±20% / −10% of the close.
        #expect(abs((s.targetPrice ?? 0) - 16.8) < 1e-9)
        #expect(abs((s.stopPrice ?? 0) - 12.6) < 1e-9)
        #expect(s.dataSnapshot["close"] == .number(14))
        #expect(s.dataSnapshot["sma_3"] == .number(13))
        #expect(s.dataSnapshot["insider_buy_count_30d"] == .number(5))
        let lines = s.reasoning.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0] == "close is 14.00 (above SMA(3) 13.00)")
        let insiderName = FieldRegistry.spec(named: "insider_buy_count_30d")!.displayName
        #expect(lines[1] == "\(insiderName) is 5 (at or above 3) (synthetic sample)")
        #expect(s.strategyVersion == 2)
    }

    @Test("a held position gets an exit when its exit rule or stop fires, and no entry")
    func exits() throws {
        let position = HeldPosition(ticker: "BBB", entryPrice: 12, entryDay: SignalTestData.days(5)[2], signalId: "sig-1")
        let heldAAA = HeldPosition(ticker: "AAA", entryPrice: 13.5, entryDay: SignalTestData.days(5)[3])
        let context = SignalContext(
            strategy: Self.stored, positions: ["BBB": position, "AAA": heldAAA], pastTrades: [:], generatedAt: Date())
        let signals = SignalBuilder.signals(try evaluations(), context: context)
        // AAA is held and its exit rule does not hold (14 > 13), its stop 12.15 is below the low 13.5: nothing.
        #expect(signals.map(\.ticker) == ["BBB"])
        let exit = try #require(signals.first)
        #expect(exit.signalType == .exit)
        // BBB's low that day is 10 − 0.5 = 9.5, at or below the stop 12 × 0.9 = 10.8; close 10 < SMA(3) 11 too.
        #expect(exit.reasoning.contains("stop loss reached"))
        #expect(exit.reasoning.contains("close is 10.00 (below SMA(3) 11.00)"))
        #expect(exit.confidenceScore == 100)
        #expect(exit.dataSnapshot["entry_signal_id"] == .string("sig-1"))
    }

    @Test("a ticker held elsewhere gets no entry; a past trade in it is mentioned")
    func heldElsewhereAndPastTrades() throws {
        let held = SignalContext(strategy: Self.stored, heldElsewhere: ["AAA"], generatedAt: Date())
        #expect(SignalBuilder.signals(try evaluations(), context: held).isEmpty)
        let past = SignalContext(strategy: Self.stored, pastTrades: ["AAA": 12.5], generatedAt: Date())
        let s = try #require(SignalBuilder.signals(try evaluations(), context: past).first)
        #expect(s.reasoning.contains("similar to your past trade in AAA (+12.5%)"))
    }

    @Test("the readings agree with the backtest engine's entry days")
    func agreesWithEngine() throws {
        let series = SignalTestData.randomWalk("RW", count: 300, seed: 7)
        let frame = try SignalFrame(strategy: SignalTestData.rsiStrategy, series: series)
        let compiled = try CompiledStrategy(SignalTestData.rsiStrategy)
        let engineFrame = try TickerFrame.make(series: series, external: [:], strategy: compiled, start: series.days[0], end: series.days[299])
        let engineDays = Set(engineFrame.candidates.map { series.days[Int($0.bar)] })
        let ourDays = Set(series.days.filter { frame.evaluate(on: $0)?.entryMet == true })
        #expect(!engineDays.isEmpty)
        #expect(ourDays == engineDays)
    }
}
