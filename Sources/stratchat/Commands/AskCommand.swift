import AgentLoop
import ArgumentParser
import Foundation

/// `stratchat ask "…"`: one chat turn without the prompt, for scripts.
struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Send one message to the agent and print its tool tables and answer.",
        discussion: """
            Runs one turn with the model chosen as for the chat (--model, --provider, --base-url, the \
            environment, the config file). Exit code 0 when the model answered, 1 when the turn failed or \
            stopped early (a model error, the round cap, repeated tool failures), 2 when no model is \
            configured or the settings are bad.

            Examples:
              stratchat ask "create a strategy that buys when rsi_14 is below 30"
              stratchat ask --model ollama:llama3.1 "backtest it on AAPL and MSFT since 2015"
            """
    )

    @Argument(help: ArgumentHelp("The message, as you would type it in the chat.", valueName: "message"))
    var message: [String]

    @OptionGroup var options: GlobalOptions

    @OptionGroup var recording: RecordOption

    func run() async throws {
        let text = message.joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ValidationError("Give a message, e.g. stratchat ask \"list my strategies\".") }
        let status = await Self.ask(text, options: options, record: recording.record)
        if status != 0 { throw ExitCode(status) }
    }

    @MainActor
    static func ask(_ text: String, options: GlobalOptions, record: String?) async -> Int32 {
        let console = StandardConsole()
        let environment = HostEnvironment.current()
        var launch = options.launch(environment: environment)
        let settings: Settings
        do {
            settings = try options.loadSettings(paths: launch.paths, environment: environment)
        } catch {
            console.writeError("error: " + error.localizedDescription)
            return 2
        }
        launch.style = OutputStyle.detect(noColorFlag: !settings.color, asciiFlag: settings.ascii, environment: environment)
        let context = ChatContext(user: launch.user, paths: launch.paths, console: console, style: launch.style,
                                  commands: .standard)
        let session = ChatSession.standard(context: context, settings: settings)
        context.session = session
        if isatty(STDIN_FILENO) == 1 {
            let box = ReaderBox(PlainLineReader())
            session.confirm = { question in
                await MainActor.run { ConfirmingTools.isYes(box.reader.answer(to: question)) }
            }
        }
        do {
            if let record { try session.log.record(to: URL(fileURLWithPath: record)) }
            defer { session.log.close() }
            try launch.paths.ensureHomeExists()
            try await session.answer(text)
        } catch {
            console.writeError("error: " + ((error as? any LocalizedError)?.errorDescription ?? "\(error)"))
            return (error as? StratchatError)?.exitCode ?? 1
        }
        return session.lastOutcome == .answered ? 0 : 1
    }
}
