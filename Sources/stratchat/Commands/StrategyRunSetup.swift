import Foundation
import StrategyCore
import Tools

/// What `stratchat optimize` and `stratchat robustness` both start from: the strategy (a file, or a stored one
/// by id or name), the data and settings, a backtest service with progress on standard error, and the query
/// for the dates and universe given, with errors naming the command's flags.
struct StrategyRunSetup {
    var service: BacktestService
    var query: BacktestQuery

    static func open(strategy reference: String, from: String?, to: String?, universe: String?, command: String,
                     options: GlobalOptions, launch: LaunchSettings, environment: HostEnvironment) async throws -> StrategyRunSetup {
        let start = try BacktestInputs.day(from, flag: "--from")
        let end = try BacktestInputs.day(to, flag: "--to")
        if let start, let end, start > end { throw BacktestCommandError.emptyRange(from: start, to: end) }
        let settings = try options.loadSettings(paths: launch.paths, environment: environment)
        let sources = try await DataSources.open(launch, options: options, environment: environment,
                                                 universe: universe ?? settings.universe)
        let loaded = try BacktestInputs.strategy(reference, user: launch.user) { sources.store }
        let tools = ToolSettings(initialCapital: settings.capital, commissionPct: settings.commissionPct,
                                 slippageBps: settings.slippageBps, universe: settings.universe)
        let service = BacktestService(marketData: sources.marketData, store: loaded.fromStore ? sources.store : nil,
                                      userId: launch.user, settings: tools, progress: ProgressPrinter.standardError())
        var query = BacktestQuery(strategy: loaded.strategy, start: start, end: end, universe: universe, names: .commandLine)
        query.names.caller = command
        return StrategyRunSetup(service: service, query: query)
    }
}
