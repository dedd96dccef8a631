import Basics
import Foundation
import StrategyCore
import Tools

/// What the REPL does after a slash command.
enum SlashOutcome: Sendable {
    case keepGoing
    case quit
}

/// One slash command: its name, how it is typed, a one-line summary for `/help`, and what it does.
/// Adding a command is one entry in `SlashCommandRegistry.standard`.
struct SlashCommand: Sendable {
    typealias Action = @MainActor @Sendable (_ arguments: String, _ context: ChatContext) async throws -> SlashOutcome

    /// The name without the slash, e.g. `strategies`.
    let name: String
    /// Other names that run the same command, e.g. `exit` for `quit`.
    let aliases: [String]
    /// How it is typed, shown by `/help`, e.g. `/model [provider:name]`.
    let usage: String
    let summary: String
    /// What Tab offers after the command name.
    let completion: SlashCompletion
    let run: Action

    init(name: String, aliases: [String] = [], usage: String? = nil, summary: String,
         completion: SlashCompletion = .none, run: @escaping Action) {
        self.name = name
        self.aliases = aliases
        self.usage = usage ?? "/\(name)"
        self.summary = summary
        self.completion = completion
        self.run = run
    }
}

/// The slash commands the REPL knows, in the order `/help` lists them.
struct SlashCommandRegistry: Sendable {
    let commands: [SlashCommand]

    /// Every command the REPL offers today.
    static var standard: SlashCommandRegistry {
        SlashCommandRegistry(commands: [
            .help,
            .new,
            .backtest,
            .signals,
            .act,
            .close,
            .skip,
            .portfolio,
            .compare,
            .optimize,
            .robustness,
            .holdout,
            .walkforward,
            .refine,
            .show,
            .strategies,
            .revert,
            .pause,
            .resume,
            .delete,
            .report,
            .paper,
            .orders,
            .approve,
            .data,
            .model,
            .tokens,
            .history,
            .clear,
            .save,
            .export,
            .quit,
        ])
    }

    /// The command with this name or alias (without the slash), ignoring case.
    func command(named name: String) -> SlashCommand? {
        let name = name.lowercased()
        return commands.first { $0.name == name || $0.aliases.contains(name) }
    }

    /// The nearest known name to a mistyped one, for "did you mean …?".
    func suggestion(for name: String) -> String? {
        EditDistance.closest(to: name, in: commands.flatMap { [$0.name] + $0.aliases })
    }

    /// The commands with their summaries lined up in a column. With a width (a terminal), a summary
    /// wraps within its column; when the column would be too narrow to read, each summary goes on the
    /// lines under its usage instead. Without one (a pipe), one line per command.
    func helpLines(width: Int?) -> [String] {
        let column = 2 + (commands.map(\.usage.count).max() ?? 0) + 3
        func usage(_ command: SlashCommand) -> String {
            "  " + command.usage.padding(toLength: column - 2, withPad: " ", startingAt: 0)
        }
        guard let width else { return commands.map { usage($0) + $0.summary } }
        if width - column >= Self.narrowestSummary {
            return commands.flatMap { command in
                let lines = TextTable.wrap(command.summary, width: width - column)
                return [usage(command) + lines[0]] + lines.dropFirst().map { String(repeating: " ", count: column) + $0 }
            }
        }
        return commands.flatMap { command in
            ["  " + command.usage] + TextTable.wrap(command.summary, width: max(20, width - 6)).map { "      " + $0 }
        }
    }

    /// The narrowest summary column worth keeping beside the usages.
    static let narrowestSummary = 30
}
