import Foundation
import MarketData
import Store
import StrategyCore
import Tools

/// One `stratchat backtest` run: inputs resolved, engine run, result saved when the strategy is stored.
struct BacktestRun {
    var strategy: TradingStrategy
    var result: StrategyBacktest
    /// How the range was chosen, for the text output.
    var rangeNote: String

    static func execute(_ command: BacktestCommand, launch: LaunchSettings, environment: HostEnvironment,
                        console: any Console) async throws -> BacktestRun {
        var fromFlag = try BacktestInputs.day(command.from, flag: "--from")
        var toFlag = try BacktestInputs.day(command.to, flag: "--to")
        if let fromFlag, let toFlag, fromFlag > toFlag { throw BacktestCommandError.emptyRange(from: fromFlag, to: toFlag) }

        let settings = try command.options.loadSettings(paths: launch.paths, environment: environment)
        let universeName = command.universe ?? settings.universe
        let sources = try await DataSources.open(launch, options: command.options, environment: environment,
                                                 universe: command.dataCSV == nil ? universeName : nil)
        let loaded = try BacktestInputs.strategy(command.strategy, user: launch.user) { sources.store }

        var marketData = sources.marketData
        var warnings: [String] = []
        let universe: ResolvedUniverse
        var choice: DefaultDataChoice.Choice?
        if let path = command.dataCSV {
            let csv = try BacktestInputs.csvMarketData(path: path, ticker: command.ticker, behind: marketData)
            marketData = csv.marketData
            warnings += csv.warnings
            universe = try marketData.resolve(universe: csv.universe)
        } else {
            // Nothing asked: the embedded set that can test this strategy, and why.
            choice = command.universe == nil && fromFlag == nil && toFlag == nil && settings.universe == ToolSettings().universe
                ? marketData.defaultChoice(for: loaded.strategy) : nil
            (fromFlag, toFlag) = (choice?.start ?? fromFlag, choice?.end ?? toFlag)
            universe = try marketData.resolve(universe: choice?.universe ?? universeName)
        }

        // Static sources are read whole so indicators warm up on all earlier bars; a live source is asked
        // for the range plus a warm-up margin instead of its whole history.
        let live = universe.members.contains { member in
            marketData.sources.first { $0.info.name == member.source }?.info.acceptsAnyTicker ?? false
        }
        var fetchFrom: Day?
        if live {
            let end = toFlag ?? Day(date: Date())
            fetchFrom = (fromFlag ?? end.adding(days: -365 * BacktestInputs.defaultYears)).adding(days: -750)
        }
        let series = try await marketData.bars(for: universe, from: fetchFrom, to: toFlag).filter { !$0.isEmpty }
        guard let range = BacktestInputs.range(from: fromFlag, to: toFlag, series: series) else {
            throw BacktestCommandError.noData(universe: universe.name, from: fromFlag, to: toFlag)
        }
        guard range.from <= range.to else { throw BacktestCommandError.emptyRange(from: range.from, to: range.to) }
        guard series.contains(where: { s in s.days.contains { $0 >= range.from && $0 <= range.to } }) else {
            throw BacktestCommandError.noData(universe: universe.name, from: range.from, to: range.to)
        }

        let external = try await marketData.externalColumns(for: loaded.strategy, series: series)
        warnings += external.warnings
        let benchmark = await loadBenchmark(command.benchmark, for: universe, marketData: marketData, from: fetchFrom, to: range.to)
        if let problem = benchmark.warning { warnings.append(problem) }

        let request = BacktestRequest(
            strategy: loaded.strategy, series: series, externalColumns: external.columns, benchmark: benchmark.series,
            start: range.from, end: range.to, initialCapital: command.capital ?? settings.capital,
            commissionPct: command.commissionPct ?? settings.commissionPct,
            slippageBps: command.slippageBps ?? settings.slippageBps, fill: command.fill,
            dataLabel: BacktestInputs.dataLabel(universe: universe, marketData: marketData, external: external),
            universeLabel: BacktestInputs.universeLabel(universe))
        let progress = ProgressPrinter.standardError()
        defer { progress.finish() }
        var result = try BacktestEngine.run(request, progress: progress.backtestCallback(
            strategyName: loaded.strategy.name, universeName: universe.name, tickers: series.count))
        // The engine already says "no benchmark data"; keep the reason instead of saying it twice.
        if benchmark.warning != nil { result.warnings.removeAll { $0.hasPrefix("no benchmark data") } }
        result.warnings = warnings + result.warnings

        if loaded.fromStore, let store = sources.store {
            result.backtestId = try store.saveBacktest(result, user: launch.user)
            result.strategyVersion = result.strategyVersion ?? loaded.strategy.version
        }
        let note = choice?.start != nil
            ? "range \(result.startDate.iso) … \(result.endDate.iso) (\(choice?.reason ?? ""))"
            : range.defaulted
            ? "range \(result.startDate.iso) … \(result.endDate.iso) (default: the last \(BacktestInputs.defaultYears) years of the data, bounded by what it has)"
            : "range \(result.startDate.iso) … \(result.endDate.iso)"
        let chosen = choice?.start == nil ? choice.map { "; " + $0.reason } ?? "" : ""
        return BacktestRun(strategy: loaded.strategy, result: result, rangeNote: note + chosen)
    }

    /// The benchmark's bars, or a warning saying why there are none (never a failure).
    static func loadBenchmark(_ ticker: String, for tested: ResolvedUniverse, marketData: MarketData, from: Day?, to: Day) async -> (series: PriceSeries?, warning: String?) {
        let suffix = "so benchmark return, alpha and beta are not reported"
        do {
            let universe = try marketData.resolveBenchmark(ticker, for: tested)
            guard let series = try await marketData.bars(for: universe, from: from, to: to).first,
                  let last = series.lastDay else {
                return (nil, "benchmark \(ticker): no bars up to \(to.iso), \(suffix)")
            }
            // A benchmark that stops well before the range ends would read as flat; say so instead.
            if last < to.adding(days: -7) {
                return (nil, "benchmark \(ticker): its data ends on \(last.iso), before the range ends (\(to.iso)), \(suffix)")
            }
            return (series, nil)
        } catch {
            let reason = (error as? any LocalizedError)?.errorDescription ?? "\(error)"
            return (nil, "benchmark \(ticker): \(reason.split(whereSeparator: \.isNewline).joined(separator: " ")); \(suffix)")
        }
    }
}
