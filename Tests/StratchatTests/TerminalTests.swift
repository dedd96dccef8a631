import Foundation
import Testing

/// The line editor on a real (pseudo-)terminal: the prompt, Ctrl-C, Ctrl-D and the history file.
@Suite("The REPL at a terminal", .enabled(if: Terminal.available, "needs util-linux script"))
struct TerminalTests {
    @Test("Ctrl-C drops the half-typed line and shows a fresh prompt; Ctrl-D on an empty line exits with 0")
    func interruptAndEnd() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let terminal = try Terminal(home: stratchat.home, user: stratchat.user)
        terminal.expect("stratchat> ")
        terminal.type("/hel")
        terminal.expect("/hel")
        terminal.type("\u{3}")
        terminal.expect("^C\r\nstratchat> ")
        // Had the dropped "/hel" survived, this line would read "/hel/strategies" and be unknown.
        terminal.type("/strategies\r")
        terminal.expect("No strategies yet")
        #expect(!terminal.screen.contains("Unknown command"))
        terminal.expect("stratchat> ")
        terminal.type("\u{4}")
        #expect(terminal.exitStatus() == 0, "screen: \(terminal.screen.debugDescription)")
    }

    @Test("a pasted line longer than the editor's 32 KB is read whole, said so, and the prompt comes back")
    func longLine() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let terminal = try Terminal(home: stratchat.home, user: stratchat.user)
        terminal.expect("stratchat> ")
        // 40,006 bytes: past libedit's 32,768, where reading used to stop until Ctrl-C.
        let line = "/help " + String(repeating: "abcdefghij", count: 4_000)
        terminal.type(line + "\r")
        terminal.expect("(a long line: \(line.utf8.count) bytes in all")
        terminal.expect("Commands:")
        terminal.expect("stratchat> ")
        terminal.type("/quit\r")
        #expect(terminal.exitStatus() == 0)
        let history = try String(contentsOf: stratchat.home.appendingPathComponent("history"), encoding: .utf8)
        #expect(!history.contains("abcdefghij") && history.contains("/quit"))
    }

    @Test("lines typed, non-ASCII included, are saved to the history file, which only its owner can read")
    func history() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let terminal = try Terminal(home: stratchat.home, user: stratchat.user)
        terminal.expect("stratchat> ")
        terminal.type("/help\r")
        terminal.expect("Commands:")
        terminal.expect("stratchat> ")
        terminal.type("héllo ✓\r")
        terminal.expect("héllo ✓\r\nI didn't catch a request in that.")
        terminal.expect("stratchat> ")
        terminal.type("/quit\r")
        #expect(terminal.exitStatus() == 0)
        let history = stratchat.home.appendingPathComponent("history")
        let text = try String(contentsOf: history, encoding: .utf8)
        #expect(text.contains("/help") && text.contains("/quit"))
        #expect(text.contains("héllo\\040✓"), "libedit keeps non-ASCII text whole (and writes a space as \\040)")
        let permissions = try FileManager.default.attributesOfItem(atPath: history.path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }
}
