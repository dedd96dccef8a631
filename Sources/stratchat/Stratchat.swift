import AgentLoop
import ArgumentParser
import Foundation

/// The `stratchat` command: with no subcommand it starts the chat.
@main
struct Stratchat: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "stratchat",
        abstract: "Describe stock-trading strategies in plain words; store, test and rank them.",
        discussion: """
            With no subcommand, stratchat starts the chat; type /help there for its commands. When \
            standard input is not a terminal, lines are read plainly, one message per line, so scripts \
            can drive it.

            Files live in $STRATCHAT_HOME (default ~/.local/share/stratchat): the database stratchat.db \
            and the line history. Settings come from flags, then the environment, then config.toml \
            (see `stratchat config --help`).

            Exit codes: 0 success; 1 a result that is not success (such as validation problems); \
            2 bad input (an unreadable file, a bad config value, a database that cannot be opened); \
            64 a command line that cannot be parsed.

            Examples:
              stratchat                               start the chat
              stratchat --user alice --home ./demo    chat as alice, files in ./demo
              printf '/strategies\\n' | stratchat      list strategies from a script
              stratchat --model ollama:llama3.1       chat with a local Ollama model
              stratchat ask "list my strategies"      one turn, no prompt
              stratchat parse "buy when RSI < 30"     how plain words are read
              stratchat validate my-strategy.json     check a strategy file
              stratchat backtest --strategy "RSI dip" backtest a stored strategy
              stratchat scan --quiet                  the daily scan, for cron
              stratchat report "RSI dip" -o r.html    the last backtest as HTML
              stratchat --record s.jsonl              keep a session transcript
              stratchat replay s.jsonl                re-run it, report changes
              stratchat config                        the settings in force
            """,
        version: "stratchat \(version)",
        subcommands: Subcommands.all
    )

    @OptionGroup var options: GlobalOptions


    @OptionGroup var recording: RecordOption

    func run() async throws {
        let environment = HostEnvironment.current()
        var launch = options.launch(environment: environment)
        let settings: Settings
        do {
            settings = try options.loadSettings(paths: launch.paths, environment: environment)
            launch.style = OutputStyle.detect(noColorFlag: !settings.color, asciiFlag: settings.ascii,
                                              environment: environment)
        } catch {
            StandardConsole().writeError("error: " + error.localizedDescription)
            throw ExitCode(2)
        }
        let status = await Self.chat(launch, settings: settings, record: recording.record)
        if status != 0 { throw ExitCode(status) }
    }

    /// Starts the REPL: the line editor on a terminal, plain lines from a pipe.
    @MainActor
    static func chat(_ settings: LaunchSettings, settings config: Settings, record: String?) async -> Int32 {
        let console = StandardConsole()
        let interactive = isatty(STDIN_FILENO) == 1
        let reader: any LineReader
        if interactive {
            var historyFile: URL? = settings.paths.history
            do {
                try settings.paths.ensureHomeExists()
            } catch {
                console.writeError("warning: " + error.localizedDescription + " (history is not saved)")
                historyFile = nil
            }
            reader = EditLineReader(prompt: "stratchat> ", historyFile: historyFile)
        } else {
            reader = PlainLineReader()
        }
        let context = ChatContext(user: settings.user, paths: settings.paths, console: console,
                                  style: settings.style, commands: .standard)
        // STRATCHAT_TEST_SEED (for tests and demos only) seeds the ids and pins the clock to 2026-01-05 00:00 UTC,
        // so a scripted session prints the same text on every run.
        let testSeed = ProcessInfo.processInfo.environment["STRATCHAT_TEST_SEED"].flatMap(UInt64.init)
        let session = ChatSession.standard(context: context, settings: config, seed: testSeed ?? SeededIds.randomSeed())
        if testSeed != nil { session.clock.pin(Date(timeIntervalSince1970: 1_767_571_200)) }
        if let editor = reader as? EditLineReader { editor.enableCompletion(Completer.standard(context)) }
        if let record {
            do {
                try session.log.record(to: URL(fileURLWithPath: record))
            } catch {
                console.writeError("error: " + error.localizedDescription)
                return 2
            }
        }
        let box = ReaderBox(reader)
        session.confirm = { question in
            await MainActor.run { ConfirmingTools.isYes(box.reader.answer(to: question)) }
        }
        session.interrupts = reader as? any InterruptSource
        context.session = session
        defer { session.log.close() }
        return await ChatShell(reader: reader, context: context, interactive: interactive).run()
    }
}

/// Lets the confirmation question, asked from the agent's task, reach the line reader the REPL owns.
/// The REPL is waiting for the turn while the question is asked, so the reader is never used twice at once.
final class ReaderBox: @unchecked Sendable {
    let reader: any LineReader
    init(_ reader: any LineReader) { self.reader = reader }
}
