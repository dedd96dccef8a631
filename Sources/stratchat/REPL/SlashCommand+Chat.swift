import AgentLoop
import Foundation

/// The commands about the conversation itself: the model, tokens, saving and clearing.
extension SlashCommand {
    static let model = SlashCommand(name: "model", usage: "/model [provider:name]",
                                    summary: "Show the model, or switch (ollama:llama3.1, anthropic:claude-sonnet-4-5).") { arguments, context in
        let session = try chatSession(context)
        guard !arguments.isEmpty else {
            if let choice = session.choice {
                context.console.line("Model: \(choice.qualifiedName)\(choice.baseURL.map { " at \($0.absoluteString)" } ?? "") — \(choice.reason)")
            } else {
                context.console.line(ChatError.noModelMessage)
            }
            return .keepGoing
        }
        let choice = try await session.switchModel(to: arguments)
        context.console.line("Now using \(choice.qualifiedName)\(choice.baseURL.map { " at \($0.absoluteString)" } ?? ""); the conversation carries over.")
        return .keepGoing
    }

    static let tokens = SlashCommand(name: "tokens", summary: "Tokens used by the last turn and this session.") { _, context in
        let session = try chatSession(context)
        let last = session.lastTurnUsage, total = session.sessionUsage
        context.console.line("Last turn: \(last.input) in, \(last.output) out. This session: \(total.input) in, \(total.output) out over \(session.turns) turn\(session.turns == 1 ? "" : "s").")
        return .keepGoing
    }

    static let clear = SlashCommand(name: "clear", summary: "Start the conversation over (strategies stay stored).") { _, context in
        try await chatSession(context).clear()
        context.console.line("The conversation is cleared; your strategies are still stored.")
        return .keepGoing
    }

    static let history = SlashCommand(name: "history", summary: "The conversation so far, one line per message.") { _, context in
        let messages = try await chatSession(context).conversation
        let lines = TranscriptPresenter.historyLines(messages)
        if lines.isEmpty {
            context.console.line("The conversation is empty.")
        } else {
            lines.forEach { context.console.line($0) }
        }
        return .keepGoing
    }

    static let save = SlashCommand(name: "save", usage: "/save [FILE.jsonl]",
                                   summary: "Write this session as a transcript `stratchat replay` reads.") { arguments, context in
        let session = try chatSession(context)
        let path = arguments.isEmpty ? "stratchat-\(TranscriptPresenter.fileStamp(Date())).jsonl" : arguments
        try session.log.save(to: URL(fileURLWithPath: path))
        context.console.line("Saved the session to \(path) (replay it with `stratchat replay \(path)`).")
        return .keepGoing
    }

    static let export = SlashCommand(name: "export", usage: "/export FILE.md",
                                     summary: "Write this session as Markdown.") { arguments, context in
        let session = try chatSession(context)
        guard !arguments.isEmpty else { throw ChatError.badUsage("Give a file name: /export session.md") }
        let text = TranscriptPresenter.markdown(session.log.events)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: arguments))
        } catch {
            throw StratchatError.unwritableFile(path: arguments, reason: error.localizedDescription)
        }
        context.console.line("Exported the session to \(arguments).")
        return .keepGoing
    }

    @MainActor private static func chatSession(_ context: ChatContext) throws -> ChatSession {
        guard let session = context.session else {
            throw ChatError.badUsage("This session has no chat. " + ChatError.noModelMessage)
        }
        return session
    }
}
