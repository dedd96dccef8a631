/// The commands every session has.
extension SlashCommand {
    static let help = SlashCommand(name: "help", summary: "List these commands.") { _, context in
        context.console.line("Commands:")
        for line in context.commands.helpLines(width: context.currentStyle.width) { context.console.line(line) }
        context.show("ID is an id, its first 4 or more characters, or a name (any case); with no ID, the strategy named last.\n"
            + "Any other line is a chat message: describe a strategy in plain words.")
        return .keepGoing
    }

    static let quit = SlashCommand(name: "quit", aliases: ["exit"], usage: "/quit, /exit",
                                   summary: "Leave stratchat (Ctrl-D works too).") { _, _ in
        .quit
    }
}
