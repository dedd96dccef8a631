import Foundation
import Testing
@testable import stratchat

/// A line reader that hands out a fixed script of inputs.
final class ScriptedReader: LineReader {
    private var inputs: [LineInput]
    init(_ inputs: [LineInput]) { self.inputs = inputs }
    func nextLine() -> LineInput { inputs.isEmpty ? .end : inputs.removeFirst() }
}

struct BrokenThing: Error, LocalizedError {
    var errorDescription: String? { "the thing broke — mend it" }
}

@MainActor
@Suite("The chat shell")
struct ChatShellTests {
    func shell(_ inputs: [LineInput], commands: [SlashCommand] = SlashCommandRegistry.standard.commands,
               interactive: Bool = false) -> (ChatShell, RecordingConsole) {
        let console = RecordingConsole()
        let paths = AppPaths(home: URL(fileURLWithPath: "/nonexistent/sc"),
                             userConfig: URL(fileURLWithPath: "/nonexistent/config.toml"))
        let context = ChatContext(user: "tester", paths: paths, console: console, style: .plain,
                                  commands: SlashCommandRegistry(commands: commands))
        return (ChatShell(reader: ScriptedReader(inputs), context: context, interactive: interactive), console)
    }

    @Test("Ctrl-C drops the line and the next line is still read")
    func interrupt() async {
        let (shell, console) = shell([.interrupted, .line("/help"), .end])
        #expect(await shell.run() == 0)
        #expect(console.output.hasPrefix("Commands:"))
    }

    @Test("a command that throws prints one error line, the session goes on, and a pipe run exits 1")
    func failingCommand() async {
        let failing = SlashCommand(name: "fail", summary: "Always fails.") { _, _ in throw BrokenThing() }
        let (shell, console) = shell([.line("/fail"), .line("/help")], commands: [failing, .help])
        #expect(await shell.run() == 1)
        #expect(console.errors == "error: the thing broke — mend it\n")
        #expect(console.output.contains("/fail   Always fails."))
    }

    @Test("at a terminal, /quit or Ctrl-D after a failed command exits 0: the person saw the error",
          arguments: [LineInput.line("/quit"), .end])
    func interactiveEndsCleanly(ending: LineInput) async {
        let failing = SlashCommand(name: "fail", summary: "Always fails.") { _, _ in throw BrokenThing() }
        let (shell, console) = shell([.line("/fail"), ending], commands: [failing, .quit], interactive: true)
        #expect(await shell.run() == 0)
        #expect(console.errors == "error: the thing broke — mend it\n")
    }

    @Test("a store that cannot open ends the session with code 2, at a terminal too", arguments: [false, true])
    func storeFailure(interactive: Bool) async {
        let broken = SlashCommand(name: "db", summary: "Needs the store.") { _, context in
            throw StratchatError.storeUnavailable(path: context.paths.database.path, message: "file is not a database")
        }
        let (shell, console) = shell([.line("/db"), .line("/help")], commands: [broken, .help],
                                     interactive: interactive)
        #expect(await shell.run() == 2)
        #expect(!console.output.contains("Commands:"), "no line after the failure is answered")
        #expect(console.errors == "error: file is not a database (database /nonexistent/sc/stratchat.db)\n")
    }

    @Test("/help fits the terminal: no line wider than it, and every summary's words kept in order",
          arguments: [100, 80, 60])
    func helpFitsWidth(width: Int) {
        let registry = SlashCommandRegistry.standard
        let lines = registry.helpLines(width: width)
        #expect(lines.allSatisfy { $0.count <= width }, "\(lines.filter { $0.count > width })")
        let words = { (text: String) in text.split(separator: " ").map(String.init) }
        let expected = registry.commands.flatMap { words($0.usage) + words($0.summary) }
        #expect(lines.flatMap(words) == expected)
        // Unwrapped, as into a pipe, each command keeps one line.
        #expect(registry.helpLines(width: nil).count == registry.commands.count)
    }

    @Test("a slash line splits into the command name and the rest", arguments: [
        ("/help", "help", ""), ("/model  openai:gpt-4o ", "model", "openai:gpt-4o"), ("/", "", ""),
        ("/show 3 a b", "show", "3 a b"),
    ])
    func split(line: String, name: String, arguments: String) {
        let parts = ChatShell.split(line)
        #expect(parts.name == name)
        #expect(parts.arguments == arguments)
    }

    @Test("an unknown command is matched against names and aliases, and a far-off word gets no suggestion")
    func suggestion() {
        let registry = SlashCommandRegistry.standard
        #expect(registry.suggestion(for: "stratgies") == "strategies")
        #expect(registry.suggestion(for: "exti") == "exit")
        #expect(registry.suggestion(for: "HLEP") == "help")
        #expect(registry.suggestion(for: "zzzzzz") == nil)
    }
}
