import ArgumentParser
import AgentLoop
import Foundation
import Store
import StrategyCore
import Tools

/// `stratchat optimize`: a parameter sweep of a strategy without the chat.
struct OptimizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Sweep a grid of a strategy's numbers and judge the best variant honestly (PBO, deflated Sharpe).",
        discussion: """
            Each --grid names one number in the strategy JSON by its path and the values to try: \
            PATH=LO..HI:STEP or PATH=A,B,C, e.g. risk_parameters.stop_loss_pct=4..12:2 or \
            entry_conditions.0.value=20..40:5; a path ending at a condition's field (entry_conditions.0.field=10..20:2) \
            varies the indicator's period. Repeated --grid flags multiply. Every variant is backtested on the same \
            data (chosen as `stratchat backtest` chooses it), on two cores, sharing each indicator column. The best \
            variant by --objective is reported with the Probability of Backtest Overfitting (CSCV, 16 blocks) over the \
            variants' daily returns and its Deflated Sharpe Ratio counting every variant as a trial. A stored \
            strategy's variants are recorded as its trials; --save keeps the best as its next version.

            With --json the result is one JSON object on stdout: variants (params, sharpe_ratio, total_return_pct, \
            max_drawdown_pct, total_trades) in grid order, best (the index of the chosen variant), pbo, \
            deflated_sharpe_ratio, and the note.

            Exit codes: 0 the sweep ran; 1 the strategy file has problems; 2 bad input (an unreadable strategy, \
            an unknown id, a bad grid or path, a grid over 100,000 variants, a bad date range, no data).

            Examples:
              stratchat optimize "rsi dip" --grid entry_conditions.0.value=20..40:5 --grid risk_parameters.stop_loss_pct=4..12:2
              stratchat optimize rsi.json --universe MSFT --grid risk_parameters.stop_loss_pct=4..12:2 --json
            """
    )

    @Argument(help: ArgumentHelp("A strategy file, or a stored strategy's id, id prefix or name.", valueName: "strategy"))
    var strategy: String

    @Option(name: .customLong("grid"), help: ArgumentHelp("PATH=LO..HI:STEP or PATH=A,B,C; repeat to multiply.", valueName: "spec"))
    var grid: [String] = []

    @Option(help: ArgumentHelp("What the best variant maximises: sharpe, total_return or calmar.", valueName: "name"))
    var objective = "sharpe"

    @Option(help: ArgumentHelp("sample, a ticker list like AAPL,MSFT, an imported set (default: config, else sample).", valueName: "name"))
    var universe: String?

    @Option(help: ArgumentHelp("First trading day, YYYY-MM-DD.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last trading day, YYYY-MM-DD.", valueName: "date"))
    var to: String?

    @Flag(help: "Save the best variant as the stored strategy's next version.")
    var save = false

    @Flag(help: "Print the result as one JSON object on stdout, every variant included.")
    var json = false

    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if grid.isEmpty { throw ValidationError("Give at least one --grid PATH=LO..HI:STEP, e.g. --grid risk_parameters.stop_loss_pct=4..12:2.") }
        if ParameterSweep.Objective(rawValue: objective) == nil {
            throw ValidationError("--objective \(objective) is not one of \(ParameterSweep.Objective.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() async throws {
        // Ctrl-C stops the sweep between variants; trials and a saved version are written only after it finishes.
        let interrupt = Interrupt.listen()
        defer { interrupt.stop() }
        try await options.printOutcome(
            json: json ? { $0.fullJSON } : nil, interrupt: interrupt,
            stopped: "stopped by Ctrl-C before the sweep finished: nothing was recorded (no trials, no new version)"
        ) { try await execute(launch: $0, environment: $1, interrupt: interrupt) }
    }

    func execute(launch: LaunchSettings, environment: HostEnvironment, interrupt: Interrupt? = nil) async throws -> OptimizeOutcome {
        let axes = try grid.map(ParameterGrid.Axis.parse)
        let setup = try await StrategyRunSetup.open(strategy: strategy, from: from, to: to, universe: universe, command: "optimize",
                                                    options: options, launch: launch, environment: environment)
        var optimizer = OptimizeService(backtests: setup.service)
        if let interrupt { optimizer.shouldCancel = { interrupt.requested } }
        return try await optimizer.run(OptimizeService.Query(
            backtest: setup.query, axes: axes, objective: ParameterSweep.Objective(rawValue: objective) ?? .sharpe, saveBest: save))
    }
}
