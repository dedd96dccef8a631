import ArgumentParser
import Foundation
import MarketData
import StrategyCore

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
            stored; its ticker is the file's base name unless --ticker says otherwise). Without --from and \
            --to the range is the last 2 years of the data, bounded by what most of its tickers have, and \
            the range used is printed.

            Capital, commission and slippage default to the config file's values, else 100000, 0 and 5 bps. \
            With --json the result is one JSON object on stdout (the StrategyBacktest shape with trades, \
            open_positions, equity_curve, warnings and assumptions); progress goes to stderr only on a \
            terminal.

            Exit codes: 0 the backtest ran; 1 the strategy file has problems; 2 bad input (an unreadable \
            strategy, an unknown id, a bad or empty date range, a universe or file with no data, a live \
            source that failed); 64 a command line that cannot be parsed.

            Examples:
              stratchat backtest --strategy rsi.json
              stratchat backtest --strategy "rsi dip" --universe AAPL,MSFT --from 2010-01-04 --to 2010-08-20
              stratchat backtest --strategy rsi.json --data-csv MSFT.csv --capital 10000 --json
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

    @Flag(help: "Print the result as one JSON object on stdout.")
    var json = false

    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if universe != nil && dataCSV != nil {
            throw ValidationError("Give either --universe or --data-csv, not both.")
        }
        if ticker != nil && dataCSV == nil {
            throw ValidationError("--ticker names the rows of --data-csv; give --data-csv FILE.csv too.")
        }
    }

    func run() async throws {
        let environment = HostEnvironment.current()
        let launch = options.launch(environment: environment)
        let console = StandardConsole()
        do {
            let run = try await BacktestRun.execute(self, launch: launch, environment: environment, console: console)
            if json {
                let encoded = try FiniteJSON.encode(run.result)
                if encoded.nonFinite > 0 { console.writeError(FiniteJSON.warning(encoded.nonFinite)) }
                console.write(encoded.text + "\n")
            } else {
                console.write(BacktestReport.render(run, style: launch.style))
            }
        } catch {
            throw ExitCode(DataCommandFailure.report(error, console: console))
        }
    }
}
