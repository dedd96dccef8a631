import Foundation
import MarketData
import Store
import StrategyCore

/// The one way a backtest runs, for the chat's `backtest_strategy`, `/backtest` and `stratchat backtest`:
/// plans the run (universe and data source, dates bounded by the data, capital, costs, fill, benchmark),
/// runs the engine, stores the result when the strategy is stored, and returns it typed.
package struct BacktestService: Sendable {
    package var marketData: MarketData
    /// Where a stored strategy's backtest is saved; nil saves nothing.
    package var store: StratStore?
    package var userId: String
    /// Capital, costs, fill, universe, benchmark and the default span.
    package var settings: ToolSettings
    package var makeId: @Sendable () -> String
    package var now: @Sendable () -> Date
    package var progress: (any ProgressSink)?

    package init(marketData: MarketData, store: StratStore?, userId: String, settings: ToolSettings,
                 makeId: @escaping @Sendable () -> String = StratStore.randomId,
                 now: @escaping @Sendable () -> Date = Date.init, progress: (any ProgressSink)? = nil) {
        self.marketData = marketData
        self.store = store
        self.userId = userId
        self.settings = settings
        self.makeId = makeId
        self.now = now
        self.progress = progress
    }

    /// The service the strategy tools use: the context's store, data, settings, ids and progress.
    package init(context: ToolContext) {
        self.init(marketData: context.marketData, store: context.store, userId: context.userId, settings: context.settings,
                  makeId: context.makeId, now: context.now, progress: context.progress)
    }

    /// Plans, runs and (for a stored strategy) saves one backtest.
    package func run(_ query: BacktestQuery) async throws -> BacktestOutcome {
        let plan = try await plan(query)
        let strategy = query.strategy
        defer { progress?.finish() }
        var result = try BacktestEngine.run(plan.request, progress: progress?.backtestCallback(
            strategyName: strategy.name, universeName: plan.universe.name, tickers: plan.request.series.count
        ), shouldCancel: { Task.isCancelled })
        var warnings = plan.warnings
        for warning in result.warnings where !warnings.contains(warning) { warnings.append(warning) }
        result.warnings = warnings
        var family = [TrialCount.Backtest(definition: strategy.definitionKey, start: result.startDate, end: result.endDate,
                                          sharpeRatio: result.sharpeRatio)]
        if let store, let id = strategy.id {
            if plan.opensHoldout {
                // A look at the hold-out is counted as an opening, not kept as the strategy's latest backtest.
                try store.recordHoldoutOpening(HoldoutOpening(
                    version: strategy.version ?? 1, start: result.startDate, end: result.endDate, sharpeRatio: result.sharpeRatio,
                    totalReturnPct: result.metrics.totalReturnPct, openedAt: now()), strategyId: id, user: userId)
                family = try store.trials(strategyId: id, user: userId) + family
            } else {
                result.backtestId = makeId()
                result.backtestId = try store.saveBacktest(result, user: userId)
                family = try store.trials(strategyId: id, user: userId)
            }
        }
        let trials = TrialCount.count(family, overlapping: (result.startDate, result.endDate))
        return BacktestOutcome(strategy: strategy, result: result, plan: plan, trials: trials,
                               sharpeStatistics: SharpeStatistics.Summary.of(result, trials: trials))
    }

    /// Resolves the universe, the dates (bounded by the data), the capital and costs into one engine request.
    package func plan(_ query: BacktestQuery) async throws -> BacktestPlan {
        let names = query.names
        var (start, end) = (query.start, query.end)
        if let start, let end, end < start {
            throw ToolsError.invalidArgument(
                tool: names.caller, name: names.end, reason: "(\(end)) is before \(names.start) (\(start))",
                fix: "Give an end date on or after the start date, or leave it out to use the last day of the data.")
        }
        let capital = query.capital ?? settings.initialCapital
        guard capital > 0 else {
            throw ToolsError.invalidArgument(tool: names.caller, name: names.capital, reason: "must be above zero, found \(capital)",
                                             fix: "Give the starting capital in dollars, e.g. 100000.")
        }
        if query.tickers != nil, query.universe != nil {
            throw ToolsError.invalidArgument(tool: names.caller, name: names.tickers, reason: "cannot be combined with \(names.universe)",
                                             fix: "Give either tickers or a universe, not both.")
        }
        // Nothing asked: the embedded set that can test this strategy, and why.
        let choice = query.dataFile == nil && query.tickers == nil && query.universe == nil && start == nil && end == nil
            && settings.configuredUniverse == nil ? marketData.defaultChoice(for: query.strategy) : nil
        (start, end) = (choice?.start ?? start, choice?.end ?? end)
        var marketData = marketData
        var warnings: [String] = []
        let universe: ResolvedUniverse
        if let file = query.dataFile {
            let read = try Self.read(file.path, ticker: file.ticker, before: marketData)
            marketData = read.marketData
            warnings += read.warnings
            universe = try marketData.resolve(universe: read.universe)
        } else {
            universe = try marketData.resolve(
                universe: query.tickers?.map { $0.uppercased() }.joined(separator: ",") ?? query.universe ?? choice?.universe
                    ?? settings.universe)
        }
        // Static sources are read whole so indicators warm up on all earlier bars; a live source is asked
        // for the range plus a warm-up margin instead of its whole history.
        let fetchFrom = isLive(universe, in: marketData)
            ? (start ?? (end ?? Day(date: now())).adding(days: -365 * settings.defaultBacktestYears)).adding(days: -750)
            : nil
        let all = try await marketData.bars(for: universe, from: fetchFrom, to: fetchFrom == nil ? nil : end).filter { !$0.isEmpty }
        guard let span = DataSpan(all) else {
            throw ToolsError.noData("The universe \"\(universe.name)\" has no price data.", fix: "Choose other tickers or import data (`stratchat data import PATH`).")
        }
        // A choice gives both dates, so its reason is the one line that describes the set and period used.
        var holdout: StrategyHoldout?
        if query.holdout != .ignore, let store, let id = query.strategy.id {
            holdout = try store.holdout(strategyId: id, user: userId)
        }
        // The days before a hold-out are the data: an open end, or one inside it, stops the day before, and the
        // default span is counted back from there.
        let reservedFrom = query.holdout == .respect ? holdout?.start : nil
        if let reservedFrom, let start, start >= reservedFrom {
            throw ToolsError.invalidArgument(
                tool: names.caller, name: names.start, reason: "(\(start)) lies in the hold-out reserved from \(reservedFrom)",
                fix: "Test on days before \(reservedFrom), or open the hold-out on request (/holdout ID open).")
        }
        let endBefore = reservedFrom.map { reserved in min(end ?? reserved.adding(days: -1), reserved.adding(days: -1)) } ?? end
        var range = try dates(start: start, end: endBefore, span: span, universe: universe.name, names: names)
        if let choice { range.notes.insert(choice.reason, at: 0) }
        if let holdout {
            range = Self.applying(holdout, opening: query.holdout == .open, to: range)
        } else if query.holdout == .open {
            throw ToolsError.invalidArgument(
                tool: names.caller, name: "open_holdout", reason: "asks for a hold-out this strategy does not have",
                fix: "Reserve one first, e.g. /holdout \(query.strategy.id.map(StrategyToolbox.shortId) ?? "ID") 30%, then backtest and refine on the rest.")
        }
        let series = all.map { $0.slice(to: range.end) }
        let external = try await marketData.externalColumns(for: query.strategy, series: series)
        warnings += external.warnings
        let benchmark = await benchmarkSeries(in: marketData, for: universe, from: fetchFrom, over: min(range.start, range.end)...range.end)
        if let problem = benchmark.warning { warnings.append(problem) }
        let request = BacktestRequest(
            strategy: query.strategy, series: series, externalColumns: external.columns, benchmark: benchmark.series,
            start: range.start, end: range.end, initialCapital: capital, commissionPct: settings.commissionPct,
            slippageBps: settings.slippageBps, fill: settings.fill,
            dataLabel: dataLabel(universe, external, in: marketData), universeLabel: Self.universeLabel(universe))
        return BacktestPlan(request: request, universe: universe, external: external, rangeNotes: range.notes, warnings: warnings,
                            holdout: holdout, opensHoldout: holdout != nil && query.holdout == .open)
    }

    /// The range cut to end before the hold-out, or, for an opening, the hold-out's own days.
    static func applying(_ holdout: StrategyHoldout, opening: Bool, to range: (start: Day, end: Day, notes: [String]))
        -> (start: Day, end: Day, notes: [String]) {
        let reserved = holdout.start
        if opening {
            // The hold-out runs to the end the strategy's test would have had without it (the data set's usual end).
            let looks = holdout.openings.count + 1
            return (reserved, max(range.end, reserved), ["opened the hold-out (\(holdout.spec), from \(reserved)): look number \(looks); "
                + "every look at the same days spends some of its value as an honest test"])
        }
        let end = min(range.end, reserved.adding(days: -1))
        return (range.start, end, range.notes + ["the hold-out from \(reserved) (\(holdout.spec)) is reserved, so the test ends by \(end); "
            + "open it on request (/holdout ID open)"])
    }

    /// The days to test: the ones asked for, bounded by the data; otherwise the last `defaultBacktestYears`
    /// years of the span most of the universe covers, so one long series cannot stretch the default.
    func dates(start: Day?, end: Day?, span: DataSpan, universe: String, names: BacktestQuery.ArgumentNames) throws
        -> (start: Day, end: Day, notes: [String]) {
        let (first, last) = (span.first, span.last)
        if let start, start > last {
            throw ToolsError.noData("The data for \(universe) ends on \(last), before \(names.start) \(start).",
                                    fix: "Choose a start date between \(first) and \(last).")
        }
        if let end, end < first {
            throw ToolsError.noData("The data for \(universe) starts on \(first), after \(names.end) \(end).",
                                    fix: "Choose an end date between \(first) and \(last).")
        }
        // The notes are part of the result, which reads the same whoever asked, so they name the result's own
        // start_date and end_date rather than the caller's arguments.
        var notes: [String] = []
        let endUsed = min(end ?? span.typicalLast, last)
        if let end, end > last { notes.append("end_date \(end) is after the data's last day; used \(last)") }
        if end == nil, span.typicalLast < last {
            notes.append("no end_date: used \(endUsed), the last day most of the universe has (some tickers run to \(last))")
        }
        let years = settings.defaultBacktestYears
        let fallbackStart = (Day(year: endUsed.year - years, month: endUsed.month, day: min(endUsed.components.day, 28))
            ?? endUsed.adding(days: -365 * years)).adding(days: 1)
        // Where most of the universe begins, unless the end date comes before that (a long-history ticker alone).
        let typicalStart = max(fallbackStart, span.typicalFirst) <= endUsed ? max(fallbackStart, span.typicalFirst) : fallbackStart
        let startUsed = max(start ?? typicalStart, first)
        if let start, start < first { notes.append("start_date \(start) is before the data's first day; used \(first)") }
        if start == nil {
            notes.append(typicalStart > fallbackStart
                ? "no start_date: used \(startUsed), where most of the universe's data begins; the data holds less than \(years) years"
                : "no start_date: used the last \(years) years of the data")
        }
        return (startUsed, endUsed, notes)
    }

    /// Whether any member of the universe comes from a source that fetches on demand (FMP).
    func isLive(_ universe: ResolvedUniverse, in marketData: MarketData) -> Bool {
        universe.members.contains { member in
            marketData.sources.first { $0.info.name == member.source }?.info.acceptsAnyTicker ?? false
        }
    }

    /// The benchmark's bars up to the tested period's end (from the tested universe's own source when it holds them
    /// over the period, else from the longest history of it), or a warning saying why there are none (never a
    /// failure); the engine then says what is not reported. A benchmark that ends too early is the engine's to report.
    func benchmarkSeries(in marketData: MarketData, for tested: ResolvedUniverse, from: Day?, over period: ClosedRange<Day>) async
        -> (series: PriceSeries?, warning: String?) {
        let ticker = settings.benchmark
        let end = period.upperBound
        do {
            let universe = try marketData.resolveBenchmark(ticker, for: tested, over: period)
            guard let series = try await marketData.bars(for: universe, from: from, to: end).first, series.lastDay != nil else {
                return (nil, "benchmark \(ticker): no bars up to \(end.iso)")
            }
            return (series, nil)
        } catch {
            let reason = (error as? any LocalizedError)?.errorDescription ?? "\(error)"
            return (nil, "benchmark \(ticker): \(reason.split(whereSeparator: \.isNewline).joined(separator: " "))")
        }
    }

    /// Reads one price CSV into memory (nothing is stored) and puts it before the other sources, with its
    /// bad rows as warnings.
    static func read(_ path: String, ticker: String?, before base: MarketData) throws
        -> (marketData: MarketData, universe: String, warnings: [String]) {
        let storage = InMemoryBarStorage()
        let name = "file " + (path as NSString).lastPathComponent
        let report = try DataImporter(storage: storage).importPath(path, options: .init(ticker: ticker, source: name))
        var warnings = report.problems.prefix(20).map { "data: \($0.file) line \($0.line): \($0.message)" }
        if report.problems.count > 20 { warnings.append("data: \(report.problems.count - 20) more bad rows in \(path)") }
        warnings += report.refused.map { "data: \($0.file) skipped: \($0.reason)" }
        let sources = try StoredBarsSource.all(in: storage)
        return (MarketData(sources: sources + base.sources), name, warnings)
    }

    /// "prices: embedded (real daily bars); alternative data: synthetic sample (…)".
    func dataLabel(_ universe: ResolvedUniverse, _ external: ExternalData, in marketData: MarketData) -> String {
        let names = Array(Set(universe.members.map(\.source))).sorted()
        let prices = names.map { name -> String in
            let synthetic = marketData.sources.first { $0.info.name == name }?.info.isSynthetic(.prices) ?? false
            return "\(name) (\(synthetic ? SyntheticAltData.label + " daily bars" : "real daily bars"))"
        }
        var label = "prices: " + prices.joined(separator: ", ")
        if !external.syntheticLabels.isEmpty {
            label += "; alternative data: " + external.syntheticLabels.joined(separator: "; ")
        }
        return label
    }

    /// "sample (524 tickers)" or "AAPL, MSFT", with the universe's own caveats.
    static func universeLabel(_ universe: ResolvedUniverse) -> String {
        let tickers = universe.tickers
        let base = tickers.count <= 6 && tickers.joined(separator: ",") == universe.name.uppercased().replacingOccurrences(of: " ", with: "")
            ? tickers.joined(separator: ", ")
            : "\(universe.name) (\(tickers.count) ticker\(tickers.count == 1 ? "" : "s"))"
        return ([base] + universe.notes).joined(separator: "; ")
    }
}
