import Foundation
import MarketData
import Store
import StrategyCore
import Testing
@testable import Tools

@Suite("Scan replay over the embedded sample")
struct ScanSampleTests {
    @Test("over the 2010 sample a strategy accumulates signals and outcomes day by day")
    func replaySample() async throws {
        let store = try SignalToolFixtures.store()
        let strategy = TradingStrategy(
            name: "RSI oversold",
            entryConditions: [Condition(field: "rsi_14", operator: .lt, value: .number(30))],
            exitConditions: [Condition(field: "rsi_14", operator: .gt, value: .number(55))],
            riskParameters: RiskParameters(stopLossPct: 8, takeProfitPct: 12, maxHoldDays: 20, positionSizePct: 5))
        let id = try store.createStrategy(strategy, user: "ana").id
        let scan = ScanService(store: store, feed: MarketDataFeed(market: try MarketData.offline()),
                               lockPath: SignalToolFixtures.tempLock(), now: SignalToolFixtures.clock)
        let from = Day(iso: "2010-04-01")!, to = Day(iso: "2010-06-30")!
        let started = Date()
        let report = await scan.run(ScanOptions(from: from, to: to))
        let seconds = Date().timeIntervalSince(started)
        #expect(report.exitCode == 0, "\(report.problems)")
        #expect(report.days.first == from.adding(days: 0))
        #expect(report.days.last == to)
        let records = try store.signals(strategyId: id, user: "ana")
        // Signals come on many different days, not all on the last one.
        #expect(Set(records.map(\.signal.signalDate)).count > 10)
        #expect(records.allSatisfy { $0.signal.signalDate >= from && $0.signal.signalDate <= to })
        let performance = try #require(try store.performance(strategyId: id, user: "ana"))
        #expect(performance.hypotheticalTrades > 0)
        #expect(performance.signalsGenerated == records.count)
        // Signals of the last day cannot have a trade yet: their fill is the next open, after the replay.
        let lastDay = records.filter { $0.signal.signalDate == to }
        #expect(lastDay.allSatisfy { PerformanceTracker.hypothetical(of: $0) == nil })
        print("scan replay: \(report.days.count) days of the 524-ticker sample, \(records.count) signals, \(performance.hypotheticalTrades) closed hypothetical trades in \(String(format: "%.2f", seconds)) s")
    }

    @Test("a daily scan of the sample names the data's last day and a second run stores nothing new")
    func dailySample() async throws {
        let store = try SignalToolFixtures.store()
        let strategy = TradingStrategy(
            name: "RSI oversold", entryConditions: [Condition(field: "rsi_14", operator: .lt, value: .number(35))],
            riskParameters: RiskParameters(stopLossPct: 8, takeProfitPct: 12, maxHoldDays: 20, positionSizePct: 5))
        let id = try store.createStrategy(strategy, user: "ana").id
        let scan = ScanService(store: store, feed: MarketDataFeed(market: try MarketData.offline()),
                               lockPath: SignalToolFixtures.tempLock(), now: SignalToolFixtures.clock)
        let first = await scan.run(ScanOptions())
        let started = Date()
        let second = await scan.run(ScanOptions(quiet: true))
        let seconds = Date().timeIntervalSince(started)
        #expect(first.exitCode == 0 && second.exitCode == 0)
        // The sample's members end on 2010-08-20 (MSFT runs on alone, so "today" is the typical last day).
        #expect(first.days == [Day(iso: "2010-08-20")!])
        #expect(first.signalsStored == (try store.signals(strategyId: id, user: "ana").count))
        #expect(second.signalsStored == 0)
        #expect(second.output(quiet: true).isEmpty)
        #expect(first.output(quiet: false).contains("\"RSI oversold\""))
        print("daily scan of the 524-ticker sample, second run: \(String(format: "%.3f", seconds)) s")
    }

    @Test("with no universe, each strategy is scanned on the data that can test it, as its backtest is, and its line says why")
    func dataPerStrategy() async throws {
        let store = try SignalToolFixtures.store()
        let rsi = try store.createStrategy(Samples.rsiDip, user: "ana").id
        let cross = try store.createStrategy(DefaultDataToolTests.goldenCross, user: "ana").id
        let market = try MarketData.offline()
        let scan = ScanService(store: store, feed: MarketDataFeed(market: market),
                               lockPath: SignalToolFixtures.tempLock(), now: SignalToolFixtures.clock)
        let report = await scan.run(ScanOptions())
        #expect(report.exitCode == 0, "\(report.problems)")
        // The same choice a backtest makes: the last day of the chosen period is the day the signals are read on.
        let short = try #require(market.defaultChoice(for: Samples.rsiDip))
        let long = try #require(market.defaultChoice(for: DefaultDataToolTests.goldenCross))
        #expect(short.universe == "sample" && long.universe == EmbeddedSource.longHistoryName)
        #expect(report.days == [short.end, long.end].sorted())
        let rsiLine = try #require(report.lines.first { $0.contains("\"\(Samples.rsiDip.name)\"") })
        let crossLine = try #require(report.lines.first { $0.contains("\"Golden cross\"") })
        #expect(rsiLine.contains("on \(short.end)") && rsiLine.hasSuffix("data: " + short.reason), "\(rsiLine)")
        #expect(crossLine.contains("on \(long.end)") && crossLine.hasSuffix("data: " + long.reason), "\(crossLine)")
        let signals = try store.signals(strategyId: cross, user: "ana")
        #expect(signals.allSatisfy { $0.signal.signalDate == long.end })
        #expect(try store.signals(strategyId: rsi, user: "ana").allSatisfy { $0.signal.signalDate == short.end })
        // A universe named (or dates given) turns the choice off, as for a backtest.
        let named = await scan.run(ScanOptions(universe: "sample"))
        #expect(named.days == [Day(iso: "2010-08-20")!] && !named.output(quiet: false).contains("data: "))
    }
}
