import AgentLoop
import ArgumentParser
import Foundation

/// `stratchat replay FILE.jsonl`: plays a recorded session against today's tools and reports every
/// tool result that changed, as a regression check; `--show` prints the session as it happened.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a recorded session against the live tools and report any tool result that changed.",
        discussion: """
            The model's side comes from the file (written by --record or /save); the tools run for real, in a \
            temporary store with the recording's ids and clock, so your own strategies are never touched. \
            Ids and times of day are ignored when comparing. Exit code 0 when every tool result matches, 1 when \
            some differ, 2 when the file cannot be read.
            """
    )

    @Argument(help: ArgumentHelp("The transcript to replay.", valueName: "file.jsonl"))
    var file: String

    @Flag(name: .long, help: "Print the session as it happened instead of replaying it.")
    var show = false

    func run() async throws {
        let console = StandardConsole()
        let events: [TranscriptEvent]
        do {
            events = try TranscriptReader.read(URL(fileURLWithPath: file))
        } catch {
            console.writeError("error: " + (error.errorDescription ?? "\(error)"))
            throw ExitCode(2)
        }
        if show {
            let style = OutputStyle.detect(noColorFlag: false, asciiFlag: false, environment: .current())
            console.write(TranscriptPresenter.terminal(events, color: style.color))
            return
        }
        let differences: [TranscriptReplayer.Difference]
        do {
            differences = try await TranscriptReplayer(events: events).run()
        } catch {
            console.writeError("error: the replay could not start: " + ((error as? any LocalizedError)?.errorDescription ?? "\(error)"))
            throw ExitCode(2)
        }
        let turns = events.filter { $0.type == .user }.count
        let results = events.filter { $0.type == .toolResult }.count
        if differences.isEmpty {
            console.line("\(file): \(turns) turn\(turns == 1 ? "" : "s"), \(results) tool result\(results == 1 ? "" : "s"), no differences.")
            return
        }
        console.line("\(file): \(differences.count) difference\(differences.count == 1 ? "" : "s") from the recording:")
        for difference in differences { console.line("  " + difference.description) }
        throw ExitCode(1)
    }
}
