import Foundation
import Testing
import TestSupport

/// The REPL driven through a pipe, as a script would drive it, compared with golden files.
@Suite("The REPL read through a pipe")
struct REPLPipeTests {
    @Test("/help lists every command on one aligned line each")
    func help() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(input: "/help\n")
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        try goldenFiles.check(result.stdout, "help.txt")
    }

    @Test("an unknown slash command suggests the nearest one, or only /help when none is near")
    func unknownCommand() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(input: "/hlep\n/stratgies\n/qiut\n/zzzzzzzz\n/\n")
        #expect(result.status == 0)
        try goldenFiles.check(result.stdout, "unknown-command.txt")
    }

    @Test("with no model configured, the built-in offline model answers a chat line and stores the strategy")
    func chatLine() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(input: "buy when rsi_14 is below 30\n/strategies\n")
        #expect(result.stdout.contains("Created strategy \"RSI Oversold\""))
        #expect(result.stdout.contains("Want me to backtest it?"))
        #expect(result.stdout.contains("│ RSI Oversold │ medium_term │       1 │ yes"))
        #expect(result.status == 0)
    }

    @Test("/quit and /exit end the session: later lines are not read", arguments: ["/quit", "/exit", "/QUIT  now"])
    func quit(command: String) throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(input: "\(command)\n/help\n")
        #expect(result.stdout.isEmpty)
        #expect(result.status == 0)
    }

    @Test("blank lines and odd bytes never break the loop")
    func oddInput() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(input: "\n   \n\t\n/\u{1B}[A\n\u{0}\n/help\r\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("Commands:"))
        #expect(result.stdout.components(separatedBy: "Unknown command").count == 2)
    }

    @Test("the end of piped input ends the session with status 0 and writes no history")
    func endOfInput() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(input: "")
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: stratchat.home.appendingPathComponent("history").path))
    }
}
