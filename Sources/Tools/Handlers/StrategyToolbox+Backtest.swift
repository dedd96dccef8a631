import AgentLoop
import Foundation
import MarketData
import Store
import StrategyCore

/// `backtest_strategy`: picks the data and dates, runs the engine, stores the result and shows it.
extension StrategyToolbox {
    /// Everything a backtest run was given, so the tool and a direct engine run can be compared.
    struct BacktestPlan {
        var request: BacktestRequest
        var universe: ResolvedUniverse
        var external: ExternalData
        /// Why the range used differs from the one asked for, in plain words.
        var rangeNotes: [String]
        var requestedStart: Day?
        var requestedEnd: Day?
    }

    func backtest(_ arguments: ToolArguments) async throws -> ToolOutput {
        let strategy = try strategy(arguments)
        let plan = try await backtestPlan(strategy, arguments)
        let progress = context.progress
        defer { progress?.finish() }
        var result = try BacktestEngine.run(plan.request, progress: progress?.backtestCallback(
            strategyName: strategy.name, universeName: plan.universe.name, tickers: plan.request.series.count
        ), shouldCancel: { Task.isCancelled })
        var warnings = plan.external.warnings
        for warning in result.warnings where !warnings.contains(warning) { warnings.append(warning) }
        result.warnings = warnings
        result.backtestId = context.makeId()
        let id = try context.store.saveBacktest(result, user: context.userId)
        result.backtestId = id
        let model = BacktestPresenter.modelJSON(result, strategy: strategy, plan: plan)
        let display = BacktestPresenter(borders: context.settings.borders, width: context.settings.displayWidth, color: context.settings.color)
            .render(result, strategy: strategy, plan: plan)
        return ToolOutput(modelContent: model.compactText, display: display)
    }

    /// Resolves the universe, the dates (bounded by the data), the capital and costs into one engine request.
    func backtestPlan(_ strategy: TradingStrategy, _ arguments: ToolArguments) async throws -> BacktestPlan {
        let tool = arguments.tool
        var start = try arguments.day("start_date")
        var end = try arguments.day("end_date")
        if let start, let end, end < start {
            throw ToolsError.invalidArgument(
                tool: tool, name: "end_date", reason: "(\(end)) is before start_date (\(start))",
                fix: "Give an end date on or after the start date, or leave it out to use the last day of the data.")
        }
        let capital = try arguments.number("initial_capital") ?? context.settings.initialCapital
        guard capital > 0 else {
            throw ToolsError.invalidArgument(tool: tool, name: "initial_capital", reason: "must be above zero, found \(capital)",
                                             fix: "Give the starting capital in dollars, e.g. 100000.")
        }
        let tickers = try arguments.strings("tickers")
        let universeName = try arguments.string("universe")
        if tickers != nil, universeName != nil {
            throw ToolsError.invalidArgument(tool: tool, name: "tickers", reason: "cannot be combined with universe",
                                             fix: "Give either tickers or a universe, not both.")
        }
        // Nothing asked: the embedded set that can test this strategy, and why.
        let choice = tickers == nil && universeName == nil && start == nil && end == nil
            && context.settings.universe == ToolSettings().universe ? context.marketData.defaultChoice(for: strategy) : nil
        (start, end) = (choice?.start ?? start, choice?.end ?? end)
        let universe = try context.marketData.resolve(
            universe: tickers?.map { $0.uppercased() }.joined(separator: ",") ?? universeName ?? choice?.universe ?? context.settings.universe)
        let all = try await context.marketData.bars(for: universe).filter { !$0.isEmpty }
        guard let span = DataSpan(all) else {
            throw ToolsError.noData("The universe \"\(universe.name)\" has no price data.", fix: "Choose other tickers or import data (`stratchat data import PATH`).")
        }
        let (first, last) = (span.first, span.last)
        if let start, start > last {
            throw ToolsError.noData("The data for \(universe.name) ends on \(last), before start_date \(start).",
                                    fix: "Choose a start date between \(first) and \(last).")
        }
        if let end, end < first {
            throw ToolsError.noData("The data for \(universe.name) starts on \(first), after end_date \(end).",
                                    fix: "Choose an end date between \(first) and \(last).")
        }
        var notes: [String] = choice.map { [$0.reason] } ?? []
        let endUsed = min(end ?? span.typicalLast, last)
        if let end, end > last { notes.append("end_date \(end) is after the data's last day; used \(last)") }
        if end == nil, span.typicalLast < last {
            notes.append("no end_date: used \(endUsed), the last day most of the universe has (some tickers run to \(last))")
        }
        let years = context.settings.defaultBacktestYears
        let fallbackStart = (Day(year: endUsed.year - years, month: endUsed.month, day: min(endUsed.components.day, 28))
            ?? endUsed.adding(days: -365 * years)).adding(days: 1)
        // Where most of the universe begins, unless the end date comes before that (a long-history ticker alone).
        let typicalStart = max(fallbackStart, span.typicalFirst) <= endUsed ? max(fallbackStart, span.typicalFirst) : fallbackStart
        let startUsed = max(start ?? typicalStart, first)
        if let start, start < first { notes.append("start_date \(start) is before the data's first day; used \(first)") }
        if start == nil && choice?.start == nil {
            notes.append(typicalStart > fallbackStart
                ? "no start_date: used \(startUsed), where most of the universe's data begins; the data holds less than \(years) years"
                : "no start_date: used the last \(years) years of the data")
        }

        let series = all.map { $0.slice(to: endUsed) }
        let external = try await context.marketData.externalColumns(for: strategy, series: series)
        let benchmark = try? await benchmarkSeries(to: endUsed, for: universe)
        let request = BacktestRequest(
            strategy: strategy, series: series, externalColumns: external.columns, benchmark: benchmark,
            start: startUsed, end: endUsed, initialCapital: capital, commissionPct: context.settings.commissionPct,
            slippageBps: context.settings.slippageBps, fill: context.settings.fill,
            dataLabel: dataLabel(universe, external), universeLabel: universeLabel(universe))
        return BacktestPlan(request: request, universe: universe, external: external, rangeNotes: notes,
                            requestedStart: choice?.start == nil ? start : nil, requestedEnd: choice?.end == nil ? end : nil)
    }

    /// The benchmark's bars up to `end` (from the universe's own source when it holds them), or nil when no source does.
    func benchmarkSeries(to end: Day, for tested: ResolvedUniverse) async throws -> PriceSeries? {
        let universe = try context.marketData.resolveBenchmark(context.settings.benchmark, for: tested)
        return try await context.marketData.bars(for: universe, to: end).first
    }

    /// "prices: embedded (real daily bars); alternative data: synthetic sample (…)".
    func dataLabel(_ universe: ResolvedUniverse, _ external: ExternalData) -> String {
        let names = Array(Set(universe.members.map(\.source))).sorted()
        let prices = names.map { name -> String in
            let synthetic = context.marketData.sources.first { $0.info.name == name }?.info.isSynthetic(.prices) ?? false
            return "\(name) (\(synthetic ? SyntheticAltData.label + " daily bars" : "real daily bars"))"
        }
        var label = "prices: " + prices.joined(separator: ", ")
        if !external.syntheticLabels.isEmpty {
            label += "; alternative data: " + external.syntheticLabels.joined(separator: "; ")
        }
        return label
    }

    /// "sample (524 tickers)" or "AAPL, MSFT", with the universe's own caveats.
    func universeLabel(_ universe: ResolvedUniverse) -> String {
        let tickers = universe.tickers
        let base = tickers.count <= 6 && tickers.joined(separator: ",") == universe.name.uppercased().replacingOccurrences(of: " ", with: "")
            ? tickers.joined(separator: ", ")
            : "\(universe.name) (\(tickers.count) tickers)"
        return ([base] + universe.notes).joined(separator: "; ")
    }
}
