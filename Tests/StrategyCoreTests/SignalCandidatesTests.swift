import Foundation
import Testing
@testable import StrategyCore

/// A scan reads a ticker in full only when it can signal; these tests hold that shortcut to reading every ticker.
@Suite("Signals read in full only where they can fire")
struct SignalCandidatesTests {
    /// 40 seeded random walks (synthetic sample data); every fifth ends 3 bars early, so it has no bar on the last days.
    static let universe: [PriceSeries] = (0..<40).map { (t: Int) -> PriceSeries in
        let count = t % 5 == 0 ? 297 : 300
        return SignalTestData.randomWalk("T\(t)", count: count, seed: UInt64(100 + t), start: 20 + Double(t))
    }

    static let strategies: [TradingStrategy] = [
        TradingStrategy(
            id: "and", version: 1, name: "RSI dip in an uptrend",
            entryConditions: [Condition(field: "rsi_14", operator: .lt, value: .number(45)),
                              Condition(field: "close", operator: .gt, value: .field(FieldReference(field: "sma_50", multiplier: 0.95)))],
            exitConditions: [Condition(field: "rsi_14", operator: .gt, value: .number(60))],
            riskParameters: RiskParameters(stopLossPct: 6, takeProfitPct: 10, maxHoldDays: 15, positionSizePct: 5)),
        TradingStrategy(
            id: "or", version: 3, name: "Cross or band",
            entryConditions: [Condition(field: "ema_10", operator: .crossesAbove, value: .field(FieldReference(field: "sma_30"))),
                              Condition(field: "rsi_5", operator: .between, value: .numbers([20, 30]))],
            entryLogic: .or,
            exitConditions: [Condition(field: "ema_10", operator: .crossesBelow, value: .field(FieldReference(field: "sma_30")))],
            riskParameters: RiskParameters(stopLossPct: 4, maxHoldDays: 30, positionSizePct: 5)),
        // A field with no data reads as NaN: the entry never holds, so only exits can fire.
        TradingStrategy(
            id: "nan", version: 1, name: "No data",
            entryConditions: [Condition(field: "insider_buy_count_30d", operator: .gte, value: .number(1))],
            exitConditions: [Condition(field: "close", operator: .lt, value: .field(FieldReference(field: "sma_10")))],
            riskParameters: RiskParameters(stopLossPct: 3, positionSizePct: 5)),
    ]

    /// Held through the strategy, held elsewhere, and a past trade, on different tickers.
    static func context(_ strategy: TradingStrategy) -> SignalContext {
        let entryDay = universe[1].days[280]
        var positions: [String: HeldPosition] = [:]
        for t in [1, 2, 3, 5, 8, 13] {
            positions["T\(t)"] = HeldPosition(ticker: "T\(t)", entryPrice: universe[t].close[280], entryDay: entryDay, signalId: "sig-\(t)")
        }
        return SignalContext(
            strategy: StoredStrategy(id: strategy.id ?? "", version: strategy.version ?? 1, definition: strategy),
            positions: positions, heldElsewhere: ["T4", "T6", "T9", "T21"], pastTrades: ["T7": 4.5, "T22": -2],
            generatedAt: Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test("reading only the tickers that can signal gives the signals of reading every ticker", arguments: strategies)
    func sameSignals(strategy: TradingStrategy) throws {
        let shared = SharedColumns()
        let rules = try SignalFrame.Rules(strategy)
        let frames = try SignalFrame.frames(strategy, compiled: rules, list: Self.universe, external: [:], shared: shared)
        // The straightforward way: each frame computes its own columns, and every ticker is read in full.
        let plain = try Self.universe.map { try SignalFrame(strategy: strategy, series: $0) }
        let context = Self.context(strategy)
        var entries = 0, exits = 0
        for day in Self.universe[1].days.suffix(20) {
            let readings = plain.compactMap { $0.evaluate(on: day) }
            let expected = SignalBuilder.signals(readings, context: context)
            let (signals, scanned) = SignalBuilder.signals(frames, on: day, context: context)
            #expect(signals == expected, "\(strategy.name) on \(day)")
            #expect(scanned == readings.count)
            entries += expected.filter { $0.signalType == .entry }.count
            exits += expected.filter { $0.signalType == .exit }.count
        }
        // The comparison covers both kinds of signal (no entries for the strategy whose field has no data).
        #expect(exits > 0)
        #expect(strategy.id == "nan" ? entries == 0 : entries > 0)
        #expect(Self.universe[0].days.count == 297, "some tickers have no bar on the last days")
    }

    @Test("frames built for a whole list have each ticker's own columns, and a changed list gets fresh ones", arguments: strategies)
    func listColumns(strategy: TradingStrategy) throws {
        let shared = SharedColumns()
        let rules = try SignalFrame.Rules(strategy)
        // Bit patterns, so NaN (no value yet) compares equal to NaN.
        func bits(_ frame: SignalFrame) -> [Field: [UInt64]] { frame.columns.mapValues { $0.map(\.bitPattern) } }
        var list = Self.universe
        for round in 0..<3 {
            let frames = try SignalFrame.frames(strategy, compiled: rules, list: list, external: [:], shared: shared)
            let plain = try list.map { try SignalFrame(strategy: strategy, series: $0) }
            #expect(frames.map(\.ticker) == plain.map(\.ticker))
            for (framed, own) in zip(frames, plain) {
                #expect(bits(framed) == bits(own), "\(strategy.name), \(framed.ticker), round \(round)")
            }
            // The same list again, then one series cut short: the cut ticker must not read the longer columns.
            if round == 1 { list[7] = list[7].slice(to: list[7].days[250]) }
        }
        #expect(list[7].count == 251)
    }

    @Test("the quick entry check agrees with the engine's rule flags at every bar", arguments: strategies)
    func quickCheckAgreesWithEngine(strategy: TradingStrategy) throws {
        let compiled = try CompiledStrategy(strategy)
        for series in Self.universe.prefix(8) {
            let frame = try SignalFrame(strategy: strategy, series: series)
            let flags = CompiledStrategy.flags(compiled.entry, logic: compiled.entryLogic, columns: frame.columns,
                                               count: series.count, from: 0)
            for i in 0..<series.count {
                #expect(frame.entryHolds(at: i) == flags[i], "\(strategy.name), \(series.ticker) bar \(i)")
                #expect(frame.evaluate(at: i).entryMet == flags[i], "\(strategy.name), \(series.ticker) bar \(i)")
            }
        }
    }
}
