import Foundation

/// The read–answer loop: slash commands run from the registry, other lines go to the chat handler.
/// No input ends it except `/quit`, Ctrl-D or the end of piped input; a failing command prints one line
/// and the prompt comes back.
@MainActor
final class ChatShell {
    typealias ChatHandler = @MainActor (_ line: String, _ context: ChatContext) async throws -> Void

    private let reader: any LineReader
    private let context: ChatContext
    private let answerChat: ChatHandler
    /// True when a person types at a terminal: the session opens with a greeting.
    private let interactive: Bool
    private var exitStatus: Int32 = 0
    /// Set when a failure ended the session itself (a store that cannot be opened).
    private var endedByFailure = false
    /// Set by a Ctrl-C at the prompt; a second one at an empty prompt then asks whether to exit.
    private var exitArmed = false

    init(reader: any LineReader, context: ChatContext, interactive: Bool,
         answerChat: @escaping ChatHandler = ChatShell.agentAnswer) {
        self.reader = reader
        self.context = context
        self.interactive = interactive
        self.answerChat = answerChat
    }

    /// A chat line goes to the session's agent; with no session (or no model) the person is told how to
    /// configure one.
    static let agentAnswer: ChatHandler = { line, context in
        guard let session = context.session else {
            context.console.line(ChatError.noModelMessage)
            return
        }
        try await session.answer(line)
    }

    /// Runs until the session ends and returns the process exit code. Piped input gets the code of the
    /// worst failure (1 for a command that failed, 2 for a database that cannot be opened), so a script
    /// learns that a step failed. A person at a terminal has read each error as it came, and leaving with
    /// /quit or Ctrl-D is a normal end: 0, unless a failure ended the session itself.
    func run() async -> Int32 {
        let status = await loop()
        return interactive && !endedByFailure ? 0 : status
    }

    private func loop() async -> Int32 {
        if interactive {
            context.console.line(context.style.paint(
                "stratchat \(Stratchat.version) — describe a strategy in plain words; /help lists commands.", .dim))
        }
        while true {
            switch reader.nextLine() {
            case .end:
                return exitStatus
            case .interrupted:
                // The first Ctrl-C only drops the line; another at the empty prompt asks before leaving.
                guard exitArmed, !reader.lastInterruptDroppedText else {
                    exitArmed = true
                    continue
                }
                exitArmed = false
                if ConfirmingTools.isYes(reader.answer(to: "Exit stratchat? (y/N) ")) { return exitStatus }
            case .line(let line):
                exitArmed = false
                if await handle(line) == .quit { return exitStatus }
            }
        }
    }

    /// Answers one line.
    func handle(_ line: String) async -> SlashOutcome {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return .keepGoing }
        do {
            guard text.hasPrefix("/") else {
                try await answerChat(text, context)
                return .keepGoing
            }
            let (name, arguments) = Self.split(text)
            guard let command = context.commands.command(named: name) else {
                context.console.line(unknownCommandMessage(name))
                return .keepGoing
            }
            return try await command.run(arguments, context)
        } catch {
            return report(error)
        }
    }

    /// Splits `/name rest of line` into the name (without the slash) and the trimmed rest.
    static func split(_ text: String) -> (name: String, arguments: String) {
        let body = text.dropFirst()
        let name = body.prefix { !$0.isWhitespace }
        let arguments = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        return (String(name), arguments)
    }

    private func unknownCommandMessage(_ name: String) -> String {
        let typed = "/" + name
        if name.isEmpty { return "Type /help for the list of commands." }
        if let nearest = context.commands.suggestion(for: name) {
            return "Unknown command \(typed) — did you mean /\(nearest)? Type /help for the list."
        }
        return "Unknown command \(typed). Type /help for the list."
    }

    /// Prints an error in one line and keeps the session going, except for a store that cannot be opened:
    /// that ends the session with code 2, since every later line that needs it would fail the same way and
    /// the message says how to repair the file.
    private func report(_ error: any Error) -> SlashOutcome {
        context.console.writeError(context.style.paint("error: " + error.localizedDescription, .red))
        guard let error = error as? StratchatError else {
            exitStatus = max(exitStatus, 1)
            // A script waiting on a model that never answers ends here rather than feed it the next line.
            if case .turnDeadline? = error as? ChatError, !interactive { return .quit }
            return .keepGoing
        }
        exitStatus = max(exitStatus, error.exitCode)
        if case .storeUnavailable = error {
            endedByFailure = true
            return .quit
        }
        return .keepGoing
    }
}
