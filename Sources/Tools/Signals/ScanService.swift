import Foundation
import Store
import StrategyCore

/// The daily scan: every active strategy of every user, signals stored, earlier entry signals
/// resolved into hypothetical trades, performance updated. Cron-friendly: one scan at a time
/// (`flock` on `scan.lock` in the home), idempotent on a day, a failing strategy reported and skipped.
package struct ScanService: Sendable {
    package let store: StratStore
    package let feed: any SignalDataFeed
    package let lockPath: String
    package let now: @Sendable () -> Date
    /// The Alpaca client for paper accounts linked to it; nil sends nothing (a linked account then reports that).
    package var alpaca: AlpacaConnector?

    /// - Parameter lockPath: the lock file, by convention `$STRATCHAT_HOME/scan.lock`.
    package init(store: StratStore, feed: any SignalDataFeed, lockPath: String, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.feed = feed
        self.lockPath = lockPath
        self.now = now
    }

    /// The lock file's conventional place in a stratchat home directory.
    package static func lockPath(inHome home: String) -> String {
        (home as NSString).appendingPathComponent("scan.lock")
    }

    /// Replays the daily scan for each trading day from `from` to `to`, each day using only data up to it.
    package func scan(from: Day, to: Day, universe: String? = nil, quiet: Bool = false) async -> ScanReport {
        await run(ScanOptions(quiet: quiet, from: from, to: to, universe: universe))
    }

    /// Runs the scan `stratchat scan [--quiet] [--from D1 --to D2]` asks for: print `output(quiet:)`, exit with `exitCode`.
    package func run(_ options: ScanOptions) async -> ScanReport {
        var report = ScanReport(lines: [], problems: [], strategiesScanned: 0, strategiesFailed: 0, signalsStored: 0,
                                outcomesUpdated: 0, days: [], exitCode: 0)
        if let from = options.from, let to = options.to, from > to {
            let message = SignalError.emptyRange(from: from, to: to).localizedDescription
            report.lines = [message]
            report.problems = [message]
            report.exitCode = 2
            return report
        }
        let lock: ScanLock
        do {
            guard let taken = try await ScanLock.acquire(path: lockPath, wait: options.lockWaitSeconds) else {
                let message = SignalError.scanBusy(lockPath: lockPath, waitedSeconds: options.lockWaitSeconds).localizedDescription
                report.lines = [message]
                report.problems = [message]
                report.exitCode = 1
                return report
            }
            lock = taken
        } catch {
            report.lines = [error.localizedDescription]
            report.problems = report.lines
            report.exitCode = 1
            return report
        }
        defer { lock.release() }

        let users: [String]
        do {
            users = try options.users ?? store.users()
        } catch {
            report.problems.append("cannot list users: \(error.localizedDescription)")
            report.lines = report.problems
            report.exitCode = 1
            return report
        }
        var days = Set<Day>()
        // One load per set of alternative-data fields for the whole run, so many strategies on one universe
        // read its bars once.
        var loaded: [String: SignalMarketData] = [:]
        var work: [(user: String, book: PortfolioBook, strategy: StoredStrategy)] = []
        for user in users {
            do {
                // What the person holds does not change during a scan (only their own actions change it).
                let book = try PortfolioBook.load(user: user, store: store)
                work += try store.listStrategies(user: user, activeOnly: true).map { (user, book, $0) }
            } catch {
                fail(&report, "\(user): cannot list strategies: \(error.localizedDescription)")
            }
        }
        // Strategies attached to a paper account keep what their scan read, so paper trading reads the same frames
        // without building them again. An account that cannot be read here is reported by the paper step.
        let paperIds = Dictionary(users.map { ($0, (try? store.paperStrategyIds(user: $0)) ?? []) }, uniquingKeysWith: { a, _ in a })
        var scanned: [String: [String: ScannedStrategy]] = [:]
        let label = "Scanning \(work.count) strateg\(work.count == 1 ? "y" : "ies")"
        defer { options.progress?.finish() }
        // A daily scan stores its strategies in batches, one transaction for those scanned within `batchSeconds`,
        // each strategy in its own savepoint; a replay's many days per strategy are stored as they come.
        let batched = options.from == nil
        var k = 0
        var stopped = false
        while k < work.count {
            if options.shouldCancel?() == true {
                stopped = true
                break
            }
            options.progress?.update(label, done: k, total: work.count)
            let first: (SignalDataChoice, SignalMarketData)
            do {
                first = try await load(work[k].strategy.definition, options: options, loaded: &loaded)
            } catch {
                failed(work[k], error, report: &report)
                k += 1
                continue
            }
            let begun = k, before = (report, days)
            let deadline = ContinuousClock.now + .seconds(Self.batchSeconds)
            do {
                try inBatch(batched) { store in
                    var data = first
                    while true {
                        let (user, book, strategy) = work[k]
                        do {
                            let keep = paperIds[user]?.contains(strategy.id) == true
                            func scanOne(_ store: StratStore) throws -> String {
                                try scan(strategy, user: user, book: book, data: data, store: store, options: options,
                                         report: &report, days: &days) { frames in
                                    if keep { scanned[user, default: [:]][strategy.id] = ScannedStrategy(strategy: strategy, frames: frames, data: data.1) }
                                }
                            }
                            // In a batch each strategy has its own savepoint, so one that fails leaves nothing behind.
                            let line = try batched ? store.batch("saving the scan of \(strategy.name)", scanOne) : scanOne(store)
                            report.lines.append(line)
                            report.strategiesScanned += 1
                        } catch {
                            failed(work[k], error, report: &report)
                        }
                        k += 1
                        // The next strategy joins the batch when its data is at hand and the batch is young.
                        guard batched, k < work.count, ContinuousClock.now < deadline,
                              let next = cached(work[k].strategy.definition, options: options, loaded: loaded) else { return }
                        if options.shouldCancel?() == true {
                            stopped = true
                            return
                        }
                        options.progress?.update(label, done: k, total: work.count)
                        data = next
                    }
                }
            } catch {
                // The batch was not saved: none of its strategies counts as scanned.
                (report, days) = before
                for item in work[begun..<k] { failed(item, error, report: &report) }
            }
            if stopped { break }
        }
        if stopped {
            report.lines.append("stopped after \(k) of \(work.count) strategies: each of those is complete and the rest were not begun; run the scan again to finish (a scan on the same day stores nothing twice)")
            report.problems.append(report.lines[report.lines.count - 1])
            report.days = days.sorted()
            report.exitCode = 130
            return report
        }
        if !work.isEmpty { options.progress?.update(label, done: work.count, total: work.count) }
        for user in users {
            await tradePaperAccounts(user: user, options: options, report: &report, loaded: &loaded,
                                     scanned: scanned.removeValue(forKey: user) ?? [:])
        }
        report.days = days.sorted()
        if report.strategiesScanned == 0 && report.strategiesFailed == 0 {
            report.lines.append("no active strategies to scan")
        }
        // A scan of the last day on data that stopped in the past gives that day's signals, not today's: say so.
        if options.from == nil, let last = report.days.last, last.days(to: Day(date: now())) > 3 {
            report.lines.append("the data ends on \(last), \(last.days(to: Day(date: now()))) days before today: these are signals as of that day, not for the current market. \(SignalService.liveDataHint)")
        }
        report.exitCode = report.strategiesFailed > 0 || report.paperAccountsFailed > 0 || report.brokerFailures > 0 ? 1 : 0
        return report
    }

    /// How long a daily scan keeps adding strategies to one transaction: long enough that commits cost little,
    /// short enough that another stratchat waiting to write is not held up.
    static let batchSeconds = 0.25

    /// Runs `body` on one batch of the store when `batched`, else on the store itself (each write its own transaction).
    private func inBatch(_ batched: Bool, _ body: (StratStore) throws -> Void) throws {
        if batched {
            try store.batch("saving the scan", body)
        } else {
            try body(store)
        }
    }

    private func failed(_ item: (user: String, book: PortfolioBook, strategy: StoredStrategy), _ error: any Error,
                        report: inout ScanReport) {
        fail(&report, "\(item.user) \"\(item.strategy.name)\" (\(item.strategy.id)): failed, skipped: \(error.localizedDescription)")
    }

    private func fail(_ report: inout ScanReport, _ message: String) {
        report.strategiesFailed += 1
        report.problems.append(message)
        report.lines.append(message)
    }

    /// The data key of a strategy: strategies reading the same alternative-data fields share one load
    /// (bars and indicators come from the bars alone; portfolio fields are added per user later).
    static func dataKey(_ strategy: TradingStrategy) -> String {
        strategy.fieldsUsed.compactMap(Field.init(name:))
            .filter { ![.price, .indicator, .portfolio].contains($0.family) }.map(\.name).sorted().joined(separator: ",")
    }

    /// The strategy's data for this scan, loaded once per universe, day and alternative-data fields.
    func load(
        _ strategy: TradingStrategy, options: ScanOptions, loaded: inout [String: SignalMarketData]
    ) async throws -> (SignalDataChoice, SignalMarketData) {
        let (choice, through, key) = dataChoice(strategy, options: options)
        if let cached = loaded[key] { return (choice, cached) }
        let data = try await feed.load(strategy: strategy, universe: choice.universe, through: through)
        loaded[key] = data
        return (choice, data)
    }

    /// The strategy's data when this scan has loaded it already.
    func cached(_ strategy: TradingStrategy, options: ScanOptions, loaded: [String: SignalMarketData]) -> (SignalDataChoice, SignalMarketData)? {
        let (choice, _, key) = dataChoice(strategy, options: options)
        return loaded[key].map { (choice, $0) }
    }

    /// Which data the strategy is read on, through which day, and the key its load is kept under.
    private func dataChoice(_ strategy: TradingStrategy, options: ScanOptions) -> (SignalDataChoice, through: Day?, key: String) {
        // A daily scan with nothing asked reads each strategy on the data that can test it, as its backtest does;
        // dates or a universe turn the choice off, as they do for a backtest.
        let asked = options.universe ?? (options.from == nil && options.to == nil ? nil : ToolSettings().universe)
        let choice = SignalDataChoice(strategy: strategy, asked: asked, feed: feed)
        let through = options.to ?? choice.through
        return (choice, through, [choice.universe, through?.iso ?? "", Self.dataKey(strategy)].joined(separator: "|"))
    }

    /// Scans one strategy on the data's last day, or on every trading day of the replay range.
    /// - Parameter built: called with the strategy's frames once they are built (before its days are scanned).
    private func scan(
        _ strategy: StoredStrategy, user: String, book: PortfolioBook, data loaded: (SignalDataChoice, SignalMarketData),
        store: StratStore, options: ScanOptions, report: inout ScanReport, days: inout Set<Day>,
        built: ([SignalFrame]) -> Void
    ) throws -> String {
        let signals = SignalService(store: store, feed: feed, now: now)
        let tracker = PerformanceTracker(store: store, now: now)
        let (choice, data) = loaded
        let prepared = try signals.prepare(strategy: strategy, user: user, data: data, book: book)
        built(prepared.frames)
        guard let last = data.lastDay else {
            throw SignalError.noData(strategy: strategy.name, detail: "the universe \(choice.universe) has no bars")
        }
        let scanDays: [Day]
        if let from = options.from {
            scanDays = data.tradingDays(from: from, through: last)
            guard !scanDays.isEmpty else { throw SignalError.emptyRange(from: from, to: last) }
        } else {
            scanDays = [last]
        }
        // The frames by ticker, built on first need: only an earlier entry signal has an outcome to resolve.
        var frames: [String: SignalFrame]?
        var resolved: [String: HypotheticalOutcome] = [:]
        var stored = 0, new = 0, outcomes = 0
        var performance: StrategyPerformance?
        let id = strategy.id
        // The strategy's signals are read once and kept in step with every write, so a long replay
        // does not re-read a growing table each day.
        var records = try store.signals(strategyId: id, user: user)
        var known = Set(records.map(\.id))
        let created = try store.performance(strategyId: id, user: user)?.createdAt ?? now()
        for day in scanDays {
            days.insert(day)
            let result = try signals.generate(prepared, on: day, save: true, records: records)
            stored += result.signals.count
            new += result.newSignals
            for s in result.signals where known.insert(s.signalId ?? "").inserted {
                records.append(SignalRecord(signal: s))
            }
            if day == scanDays.last, !result.signals.isEmpty {
                report.events.append(.signals(result.signals, strategyName: strategy.name, strategyId: id, user: user, day: day))
            }
            if frames == nil, records.contains(where: { $0.signal.signalType == .entry && $0.signal.signalDate < day }) {
                frames = Dictionary(prepared.frames.map { ($0.ticker, $0) }, uniquingKeysWith: { a, _ in a })
            }
            outcomes += try tracker.resolveOutcomes(
                strategy: strategy, user: user, frames: frames ?? [:], external: prepared.external, through: day,
                resolvedThrough: options.from == nil ? nil : last, resolved: &resolved, records: &records,
                refreshOpen: day == scanDays.last)
            performance = try tracker.save(records.filter { $0.signal.signalDate <= day }, strategyId: id, user: user,
                                           createdAt: created)
        }
        report.signalsStored += new
        report.outcomesUpdated += outcomes
        let span = scanDays.count == 1 ? "on \(scanDays[0])" : "over \(scanDays.count) days \(scanDays[0]) to \(last)"
        var line = "\(user) \"\(strategy.name)\": \(stored) signals \(span) (\(new) new), \(outcomes) outcomes updated"
        if let p = performance {
            line += String(format: "; hypothetical %d trades, %d wins, %+.1f%%; actual %d trades", p.hypotheticalTrades,
                           p.hypotheticalWins, p.hypotheticalReturnPct, p.actualTrades)
        }
        if let reason = choice.reason { line += "; data: \(reason)" }
        return line
    }
}
