import ArgumentParser
import AgentLoop
import Foundation
import Store
import StrategyCore
import Tools

/// `stratchat robustness`: a strategy's Monte Carlo, regimes and deflated Sharpe without the chat.
struct RobustnessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "robustness",
        abstract: "Is a backtest luck? Monte Carlo percentiles, metrics per regime and the deflated Sharpe.",
        discussion: """
            Backtests the strategy as `stratchat backtest` would (the same data and dates), then resamples its \
            closed trades with replacement and rebuilds its daily returns from blocks of consecutive days \
            (--runs times, 10,000 by default, under --seed), and splits its days by the benchmark's regime \
            (above or below its 200-day average; high or low 60-day volatility by median).

            With --json the result is one JSON object on stdout: monte_carlo (runs, seed, and for trades and \
            daily_blocks the 5th/50th/95th percentiles p5, p50, p95 of final_return_pct and max_drawdown_pct, and \
            probability_of_loss), regimes (trend and volatility, each regime's days, share_pct, total_return_pct, \
            sharpe_ratio, sortino_ratio, max_drawdown_pct, winning_days_pct, benchmark_return_pct), and the \
            backtest's sharpe_ratio, probabilistic_sharpe_ratio, deflated_sharpe_ratio and trials.

            A stored strategy can keep its last data out of every backtest and sweep: --holdout 30% (or a first \
            day) reserves it, and --open-holdout tests on it; every opening is counted and shown.

            Exit codes: 0 the check ran; 1 the strategy file has problems; 2 bad input (an unreadable strategy, \
            an unknown id, a bad option or date range, no data).

            Examples:
              stratchat robustness "rsi dip"
              stratchat robustness rsi.json --universe MSFT --runs 2000 --json
            """
    )

    @Argument(help: ArgumentHelp("A strategy file, or a stored strategy's id, id prefix or name.", valueName: "strategy"))
    var strategy: String

    @Option(help: ArgumentHelp("Monte Carlo runs, 100 to 100,000.", valueName: "n"))
    var runs = MonteCarlo.defaultRuns

    @Option(help: ArgumentHelp("The random seed; the same seed gives the same runs.", valueName: "n"))
    var seed = MonteCarlo.defaultSeed

    @Option(name: .customLong("block-length"), help: ArgumentHelp("Days per block of the daily bootstrap.", valueName: "days"))
    var blockLength = MonteCarlo.defaultBlockLength

    @Option(help: ArgumentHelp("sample, a ticker list like AAPL,MSFT, an imported set (default: config, else sample).", valueName: "name"))
    var universe: String?

    @Option(help: ArgumentHelp("First trading day, YYYY-MM-DD.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last trading day, YYYY-MM-DD.", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("Reserve the stored strategy's last data first: a share such as 30%, a first day YYYY-MM-DD, or off.", valueName: "spec"))
    var holdout: String?

    @Flag(name: .customLong("open-holdout"), help: "Test the reserved hold-out's days (every opening is counted).")
    var openHoldout = false

    @Flag(help: "Print the result as one JSON object on stdout.")
    var json = false

    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if !(100...100_000).contains(runs) { throw ValidationError("--runs \(runs) is outside 100 to 100,000; e.g. --runs 10000.") }
        if blockLength < 1 { throw ValidationError("--block-length must be at least 1 day; e.g. --block-length 20.") }
        if let holdout, RobustnessService.HoldoutChange.parseIfValid(holdout) == nil {
            throw ValidationError("--holdout \(holdout) is not a hold-out; write a share such as 30%, a first day YYYY-MM-DD, or off.")
        }
    }

    func run() async throws {
        try await options.printOutcome(json: json ? { $0.modelJSON } : nil) { try await execute(launch: $0, environment: $1) }
    }

    func execute(launch: LaunchSettings, environment: HostEnvironment) async throws -> RobustnessOutcome {
        let setup = try await StrategyRunSetup.open(strategy: strategy, from: from, to: to, universe: universe, command: "robustness",
                                                    options: options, launch: launch, environment: environment)
        return try await RobustnessService(backtests: setup.service).run(RobustnessService.Query(
            backtest: setup.query, runs: runs, seed: seed, blockLength: blockLength,
            holdoutChange: holdout.flatMap(RobustnessService.HoldoutChange.parseIfValid), openHoldout: openHoldout))
    }
}
