import ArgumentParser
import AgentLoop
import Foundation
import MarketData
import Store
import StrategyCore
import Tools

extension FillRule: ExpressibleByArgument {}

/// `stratchat backtest`: runs a strategy over a universe or a CSV file without the chat.
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Backtest a strategy file or a stored strategy and print its metrics.",
        discussion: """
            The strategy is a file (FILE.json) or a stored strategy's id, id prefix or name; a stored \
            strategy's backtest is saved with it. Data comes from --universe (sample, MSFT, AAPL,MSFT, an \
            imported set, or sp500 with FMP_API_KEY) or from one CSV file (--data-csv, read into memory, not \
            stored; its ticker is the file's base name unless --ticker says otherwise). Dates are bounded by \
            the data; without --from and --to the range is the last 2 years of the data, bounded by what \
            most of its tickers have, and the range used is printed. It runs the same backtest as the \
            chat's backtest_strategy tool and prints the same result.

            Capital, commission and slippage default to the config file's values, else 100000, 0 and 5 bps. \
            With --json the result is one JSON object on stdout, the one the chat's model reads \
            (metrics, best and worst trade, range notes, assumptions, warnings); --full adds every trade \
            and the equity curve. Progress goes to stderr only on a terminal.

            Exit codes: 0 the backtest ran; 1 the strategy file has problems; 2 bad input (an unreadable \
            strategy, an unknown id, a bad or empty date range, a universe or file with no data, a live \
            source that failed); 64 a command line that cannot be parsed.

            Examples:
              stratchat backtest --strategy rsi.json
              stratchat backtest --strategy "rsi dip" --universe AAPL,MSFT --from 2010-01-04 --to 2010-08-20
              stratchat backtest --strategy rsi.json --data-csv MSFT.csv --capital 10000 --json --full
            """
    )

    @Option(help: ArgumentHelp("A strategy file, or a stored strategy's id, id prefix or name.", valueName: "file.json|id"))
    var strategy: String

    @Option(help: ArgumentHelp("sample, a ticker list like AAPL,MSFT, an imported set, or sp500 (default: config, else sample).",
                               valueName: "name"))
    var universe: String?

    @Option(name: .customLong("data-csv"), help: ArgumentHelp("Backtest on one price CSV instead of a universe.", valueName: "file.csv"))
    var dataCSV: String?

    @Option(help: ArgumentHelp("The ticker of --data-csv's rows (default: from the file's Symbol column or name).", valueName: "ticker"))
    var ticker: String?

    @Option(help: ArgumentHelp("First trading day, YYYY-MM-DD.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last trading day, YYYY-MM-DD.", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("Starting capital in dollars (default: config, else 100000).", valueName: "dollars"))
    var capital: Double?

    @Option(name: .customLong("commission-pct"), help: ArgumentHelp("Commission per side in percent (default: config, else 0).", valueName: "pct"))
    var commissionPct: Double?

    @Option(name: .customLong("slippage-bps"), help: ArgumentHelp("Slippage against each fill in basis points (default: config, else 5).", valueName: "bps"))
    var slippageBps: Double?

    @Option(help: ArgumentHelp("When orders fill: next_open or close.", valueName: "rule"))
    var fill: FillRule = .nextOpen

    @Option(help: ArgumentHelp("The buy-and-hold comparison; missing data is a warning, not a failure.", valueName: "ticker"))
    var benchmark = "^GSPC"

    @Flag(help: "Print the result as one JSON object on stdout: the object the chat's model reads.")
    var json = false

    @Flag(help: "With --json, add every closed trade and the daily equity curve at full precision.")
    var full = false

    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if universe != nil && dataCSV != nil {
            throw ValidationError("Give either --universe or --data-csv, not both.")
        }
        if full && !json {
            throw ValidationError("--full adds to the JSON output; give --json too.")
        }
        if ticker != nil && dataCSV == nil {
            throw ValidationError("--ticker names the rows of --data-csv; give --data-csv FILE.csv too.")
        }
    }

    func run() async throws {
        let full = full
        try await options.printOutcome(json: json ? { full ? $0.fullJSON : $0.modelJSON } : nil) {
            try await execute(launch: $0, environment: $1)
        }
    }

    /// Reads the flags into a query and runs it through the chat's backtest service, so both pick the same
    /// data, dates and costs and give the same result.
    func execute(launch: LaunchSettings, environment: HostEnvironment) async throws -> BacktestOutcome {
        let start = try BacktestInputs.day(from, flag: "--from")
        let end = try BacktestInputs.day(to, flag: "--to")
        if let start, let end, start > end { throw BacktestCommandError.emptyRange(from: start, to: end) }
        let settings = try options.loadSettings(paths: launch.paths, environment: environment)
        let sources = try await DataSources.open(launch, options: options, environment: environment,
                                                 universe: dataCSV == nil ? universe ?? settings.universe : nil)
        let loaded = try BacktestInputs.strategy(strategy, user: launch.user) { sources.store }
        let tools = ToolSettings(
            initialCapital: capital ?? settings.capital, commissionPct: commissionPct ?? settings.commissionPct,
            slippageBps: slippageBps ?? settings.slippageBps, fill: fill, universe: settings.universe, benchmark: benchmark)
        // STRATCHAT_TEST_SEED (tests only) makes the saved backtest's id the one a seeded chat would give it.
        let ids = environment["STRATCHAT_TEST_SEED"].flatMap(UInt64.init).map { SeededIds(seed: $0) }
        let service = BacktestService(
            marketData: sources.marketData, store: loaded.fromStore ? sources.store : nil, userId: launch.user,
            settings: tools, makeId: { ids?.next() ?? StratStore.randomId() }, progress: ProgressPrinter.standardError())
        return try await service.run(BacktestQuery(
            strategy: loaded.strategy, start: start, end: end, universe: universe,
            dataFile: dataCSV.map { ($0, ticker) }, names: .commandLine))
    }
}
