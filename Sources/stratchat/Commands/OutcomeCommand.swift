import AgentLoop
import ArgumentParser
import StrategyCore
import Tools

/// A command's typed result, shown to a person on a terminal.
protocol PrintableOutcome {
    func display(_ style: RenderStyle) -> String
}

extension BacktestOutcome: PrintableOutcome {}
extension OptimizeOutcome: PrintableOutcome {}
extension RobustnessOutcome: PrintableOutcome {}

extension GlobalOptions {
    /// How `backtest`, `optimize` and `robustness` finish: `work` runs with the launch settings, then the outcome
    /// goes to stdout as one JSON line (`json`, given for --json) or as its display; a failure prints its one-line
    /// message and exits with its code. With `interrupt`, work cancelled after Ctrl-C prints `stopped` and exits 130.
    func printOutcome<Outcome: PrintableOutcome>(
        json: ((Outcome) -> AgentJSON)?, interrupt: Interrupt? = nil, stopped: String = "",
        _ work: (LaunchSettings, HostEnvironment) async throws -> Outcome
    ) async throws {
        let environment = HostEnvironment.current()
        let settings = launch(environment: environment)
        let console = StandardConsole()
        do {
            let outcome = try await work(settings, environment)
            if let json {
                FiniteJSON.print(json(outcome), to: console)
            } else {
                console.write(outcome.display(settings.style.renderStyle))
            }
        } catch BacktestError.cancelled where interrupt?.requested == true {
            console.writeError(stopped)
            throw ExitCode(130)
        } catch {
            throw ExitCode(DataCommandFailure.report(error, console: console))
        }
    }
}
