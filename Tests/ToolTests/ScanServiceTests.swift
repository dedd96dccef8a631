import Foundation
import Store
import StrategyCore
import Testing
import TestSupport
@testable import Tools

@Suite("Daily scan")
struct ScanServiceTests {
    static let from = Day(iso: "2009-06-01")!
    static let to = Day(iso: "2010-02-26")!

    func setUp() throws -> (StratStore, String) {
        let store = try SignalToolFixtures.store()
        let id = try store.createStrategy(SignalToolFixtures.rsi, user: "ana").id
        return (store, id)
    }

    @Test("a replay stores signals day by day and each hypothetical outcome matches a backtest of the same days")
    func replayMatchesBacktest() async throws {
        let (store, id) = try setUp()
        let scan = ScanService(store: store, feed: FixedDataFeed(SignalToolFixtures.walk), lockPath: SignalToolFixtures.tempLock(),
                               now: SignalToolFixtures.clock)
        let report = await scan.run(ScanOptions(quiet: true, from: Self.from, to: Self.to, universe: "RW"))
        #expect(report.exitCode == 0)
        #expect(report.problems.isEmpty)
        #expect(report.lines.count == 1)
        #expect(report.days.first == Self.from)
        let records = try store.signals(strategyId: id, user: "ana")
        #expect(records.count > 10)

        let series = SignalToolFixtures.walk.series[0]
        let backtest = try BacktestEngine.run(BacktestRequest(
            strategy: SignalToolFixtures.rsi, series: [series], start: Self.from, end: Self.to,
            dataLabel: "synthetic sample", universeLabel: "RW"))
        #expect(backtest.trades.count >= 3)
        for trade in backtest.trades {
            let decision = series.days[series.days.firstIndex(of: trade.entryDate)! - 1]
            let record = try #require(records.first { $0.signal.signalDate == decision && $0.signal.signalType == .entry })
            let outcome = try #require(PerformanceTracker.hypothetical(of: record))
            #expect(outcome.status == .closed)
            #expect(outcome.entryDate == trade.entryDate)
            #expect(outcome.exitDate == trade.exitDate)
            #expect(outcome.exitPrice == trade.exitPrice)
            #expect(outcome.exitReason == trade.exitReason)
            #expect(abs((outcome.returnPct ?? .nan) - trade.pnlPct) < 1e-9)
        }
        // Performance counts every closed hypothetical trade.
        let performance = try #require(try store.performance(strategyId: id, user: "ana"))
        let closed = records.compactMap(PerformanceTracker.hypothetical(of:)).filter { $0.status == .closed }
        #expect(performance.hypotheticalTrades == closed.count)
        #expect(performance.signalsGenerated == records.count)
        #expect(abs(performance.hypotheticalReturnPct - closed.compactMap(\.returnPct).reduce(0, +)) < 1e-9)
    }

    final class Recorder: ProgressSink, @unchecked Sendable {
        private let lock = NSLock()
        private(set) var updates: [(label: String, done: Int, total: Int)] = []
        private(set) var finishes = 0
        func update(_ label: String, done: Int, total: Int) { lock.withLock { updates.append((label, done, total)) } }
        func finish() { lock.withLock { finishes += 1 } }
    }

    /// Says "stop" from its `after`-th question on.
    final class StopAfter: @unchecked Sendable {
        private let lock = NSLock()
        private var asked = 0
        let after: Int
        init(after: Int) { self.after = after }
        func ask() -> Bool { lock.withLock { asked += 1; return asked > after } }
    }

    @Test("a scan counts its strategies on the progress line, and a stop leaves every begun strategy whole")
    func progressAndStop() async throws {
        let (store, first) = try setUp()
        var others: [String] = []
        for rsi in [30.0, 40] {
            var s = SignalToolFixtures.rsi
            s.name = "RSI dip \(Int(rsi))"
            s.entryConditions = [Condition(field: "rsi_5", operator: .lt, value: .number(rsi))]
            others.append(try store.createStrategy(s, user: "ana").id)
        }
        let scan = ScanService(store: store, feed: FixedDataFeed(SignalToolFixtures.walk), lockPath: SignalToolFixtures.tempLock(),
                               now: SignalToolFixtures.clock)
        let stop = StopAfter(after: 1)
        let recorder = Recorder()
        let stopped = await scan.run(ScanOptions(quiet: true, from: Self.from, to: Self.to, universe: "RW", progress: recorder,
                                                 shouldCancel: { stop.ask() }))
        #expect(stopped.exitCode == 130)
        #expect(stopped.strategiesScanned == 1)
        #expect(stopped.problems.last?.contains("stopped after 1 of 3 strategies") == true)
        #expect(recorder.updates.map(\.done) == [0])
        #expect(recorder.updates.allSatisfy { $0.total == 3 && $0.label == "Scanning 3 strategies" })
        #expect(recorder.finishes == 1)
        let ids = [first] + others
        let withPerformance = try ids.filter { try store.performance(strategyId: $0, user: "ana") != nil }
        #expect(withPerformance.count == 1)
        let scanned = try #require(withPerformance.first)
        #expect(try ids.filter { try !store.signals(strategyId: $0, user: "ana").isEmpty } == [scanned])
        let stoppedRows = try store.signals(strategyId: scanned, user: "ana")

        // The scan run again finishes the rest and leaves the finished strategy's rows as an unstopped scan would.
        let finish = Recorder()
        let rest = await scan.run(ScanOptions(quiet: true, from: Self.from, to: Self.to, universe: "RW", progress: finish))
        #expect(rest.exitCode == 0)
        #expect(rest.strategiesScanned == 3)
        #expect(finish.updates.map(\.done) == [0, 1, 2, 3])
        #expect(try store.signals(strategyId: scanned, user: "ana").map(\.signal) == stoppedRows.map(\.signal))
        #expect(try ids.allSatisfy { try store.performance(strategyId: $0, user: "ana") != nil })
    }

    @Test("running the same scan twice leaves the same rows")
    func idempotent() async throws {
        let (store, id) = try setUp()
        let scan = ScanService(store: store, feed: FixedDataFeed(SignalToolFixtures.walk), lockPath: SignalToolFixtures.tempLock(),
                               now: SignalToolFixtures.clock)
        let options = ScanOptions(from: Day(iso: "2009-09-01")!, to: Day(iso: "2009-12-31")!, universe: "RW")
        let first = await scan.run(options)
        let rows = try store.signals(strategyId: id, user: "ana")
        let performance = try store.performance(strategyId: id, user: "ana")
        let second = await scan.run(options)
        #expect(first.exitCode == 0 && second.exitCode == 0)
        #expect(first.signalsStored == rows.count)
        #expect(second.signalsStored == 0)
        #expect(try store.signals(strategyId: id, user: "ana") == rows)
        #expect(try store.performance(strategyId: id, user: "ana") == performance)
        // A daily scan (no range) of the data's last day, twice: one day's signals, stored once.
        let daily = await scan.run(ScanOptions(universe: "RW"))
        let dailyAgain = await scan.run(ScanOptions(universe: "RW"))
        #expect(daily.days == [SignalToolFixtures.walk.lastDay!])
        #expect(dailyAgain.signalsStored == 0)
    }

    @Test("a daily scan on data that ended in the past says so and how to get live prices; a replay does not")
    func pastDataSaysSo() async throws {
        let (store, _) = try setUp()
        let scan = ScanService(store: store, feed: FixedDataFeed(SignalToolFixtures.walk), lockPath: SignalToolFixtures.tempLock(),
                               now: SignalToolFixtures.clock)
        let daily = await scan.run(ScanOptions(universe: "RW"))
        let last = try #require(SignalToolFixtures.walk.lastDay)
        let gap = last.days(to: Day(date: SignalToolFixtures.clock()))
        #expect(gap > 3)
        #expect(daily.lines.last == "the data ends on \(last), \(gap) days before today: these are signals as of that day, not for the current market. \(SignalService.liveDataHint)")
        let replay = await scan.run(ScanOptions(from: Self.from, to: Self.to, universe: "RW"))
        #expect(!replay.lines.contains { $0.hasPrefix("the data ends on") })
    }

    @Test("two scans at once run one after the other")
    func serialised() async throws {
        let (store, _) = try setUp()
        let feed = InstrumentedFeed(SignalToolFixtures.walk, pauseMs: 300)
        let scan = ScanService(store: store, feed: feed, lockPath: SignalToolFixtures.tempLock(), now: SignalToolFixtures.clock)
        async let a = scan.run(ScanOptions(universe: "RW"))
        async let b = scan.run(ScanOptions(universe: "RW"))
        let (ra, rb) = await (a, b)
        #expect(ra.exitCode == 0 && rb.exitCode == 0)
        #expect(feed.peak == 1)
        #expect(ra.signalsStored + rb.signalsStored == (try store.signals(user: "ana").count))
    }

    @Test("a scan that cannot get the lock in time exits 1 and says why")
    func busy() async throws {
        let (store, _) = try setUp()
        let lock = SignalToolFixtures.tempLock()
        let held = InstrumentedFeed(SignalToolFixtures.walk, gated: true)
        let slow = ScanService(store: store, feed: held, lockPath: lock, now: SignalToolFixtures.clock)
        let quick = ScanService(store: store, feed: FixedDataFeed(SignalToolFixtures.walk), lockPath: lock, now: SignalToolFixtures.clock)
        async let long = slow.run(ScanOptions(universe: "RW"))
        // The slow scan is loading, so it holds the lock, and stays there until released.
        #expect(await eventually { held.current > 0 })
        let refused = await quick.run(ScanOptions(quiet: true, universe: "RW", lockWaitSeconds: 0.1))
        held.release()
        #expect(refused.exitCode == 1)
        #expect(refused.output(quiet: true).contains("Another scan is running"))
        #expect(await long.exitCode == 0)
    }

    @Test("a strategy whose data source fails is reported and skipped, the others still scanned")
    func failingSource() async throws {
        let (store, id) = try setUp()
        // It reads insider data, so it needs its own load from the source, and that load fails.
        var broken = SignalToolFixtures.rsi
        broken.name = "Broken"
        broken.entryConditions.append(Condition(field: "insider_buy_count_30d", operator: .gt, value: .number(0)))
        _ = try store.createStrategy(broken, user: "ana")
        let scan = ScanService(store: store, feed: InstrumentedFeed(SignalToolFixtures.walk, failing: "Broken"),
                               lockPath: SignalToolFixtures.tempLock(), now: SignalToolFixtures.clock)
        let report = await scan.run(ScanOptions(universe: "RW"))
        #expect(report.exitCode == 1)
        #expect(report.strategiesScanned == 1)
        #expect(report.strategiesFailed == 1)
        #expect(report.problems.count == 1)
        #expect(report.problems[0].contains("\"Broken\""))
        #expect(try store.performance(strategyId: id, user: "ana") != nil)
        let bad = await scan.run(ScanOptions(from: Day(iso: "2010-02-01")!, to: Day(iso: "2010-01-01")!))
        #expect(bad.exitCode == 2)
    }

    @Test("the lock file is created, with its directory, when the home does not exist yet")
    func lockInNewDirectory() async throws {
        let (store, _) = try setUp()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("stratchat-new-\(UUID().uuidString)/home").path
        let lock = ScanService.lockPath(inHome: home)
        let scan = ScanService(store: store, feed: FixedDataFeed(SignalToolFixtures.walk), lockPath: lock, now: SignalToolFixtures.clock)
        #expect(await scan.run(ScanOptions(universe: "RW")).exitCode == 0)
        #expect(FileManager.default.fileExists(atPath: lock))
    }
}

@Suite("Daily scan across a refinement")
struct ScanVersionTests {
    @Test("a signal is walked forward under the exit rules of the version that produced it, not a later one")
    func outcomesKeepTheirVersion() async throws {
        let store = try SignalToolFixtures.store()
        let v1 = try store.createStrategy(SignalToolFixtures.rsi, user: "ana")
        let id = v1.id
        let series = SignalToolFixtures.walk.series[0]
        let mid = Day(iso: "2009-10-21")!, end = Day(iso: "2010-02-26")!
        func scan(_ from: Day, _ to: Day) async {
            let service = ScanService(store: store, feed: FixedDataFeed(SignalToolFixtures.walk),
                                      lockPath: SignalToolFixtures.tempLock(), now: SignalToolFixtures.clock)
            _ = await service.run(ScanOptions(quiet: true, from: from, to: to, universe: "RW"))
        }
        await scan(ScanServiceTests.from, mid)

        // Version 2 holds at most one day and drops the target: outcomes under it would differ.
        var edited = try #require(try store.strategy(id: id, user: "ana"))
        edited.riskParameters.maxHoldDays = 1
        edited.riskParameters.takeProfitPct = nil
        let (v2, _) = try store.updateStrategy(edited, user: "ana", note: "hold one day")
        #expect(v2.version == 2)
        await scan(mid.adding(days: 1), end)

        let records = try store.signals(strategyId: id, user: "ana").filter { $0.signal.signalType == .entry }
        let fromV1 = records.filter { $0.signal.strategyVersion == 1 }
        #expect(fromV1.count >= 3)
        var differsUnderV2 = 0
        for record in fromV1 {
            let stored = try #require(PerformanceTracker.hypothetical(of: record))
            let underV1 = try HypotheticalOutcome.resolve(strategy: v1.definition, series: series, signalDay: record.signal.signalDate, through: end)
            let underV2 = try HypotheticalOutcome.resolve(strategy: v2.definition, series: series, signalDay: record.signal.signalDate, through: end)
            #expect(stored.exitDate == underV1.exitDate, "signal of \(record.signal.signalDate.iso)")
            #expect(stored.exitReason == underV1.exitReason)
            // Still open when version 2 arrived, and version 2 would have closed it elsewhere.
            if let exit = underV1.exitDate, exit > mid, underV1.exitDate != underV2.exitDate { differsUnderV2 += 1 }
        }
        #expect(differsUnderV2 > 0, "some signal open at the refinement must close differently under the two versions")
        #expect(records.contains { $0.signal.strategyVersion == 2 }, "signals after the refinement carry version 2")
    }
}
