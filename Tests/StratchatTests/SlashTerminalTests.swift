import Foundation
import Testing

/// Tab completion and the second Ctrl-C, on a pseudo-terminal as a person would meet them.
@Suite("Slash commands at a terminal", .enabled(if: Terminal.available, "needs util-linux script"))
struct SlashTerminalTests {
    @Test("Tab completes a command name and a strategy name from the store")
    func tab() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let fixtures = StrategiesCommandTests()
        let store = try fixtures.openStore(home: stratchat.home)
        _ = try store.createStrategy(fixtures.strategy("Momentum swing", timeframe: "short_term"), user: stratchat.user)
        let terminal = try Terminal(home: stratchat.home, user: stratchat.user)
        terminal.expect("stratchat> ")
        terminal.type("/sh\t")
        terminal.expect("ow ")
        terminal.type("mom\t")
        terminal.expect("entum swing")
        terminal.type("\r")
        terminal.expect("\"Momentum swing\" (id a1b2c301")
        terminal.expect("stratchat> ")
        terminal.type("/quit\r")
        #expect(terminal.exitStatus() == 0)
    }

    @Test("a second Ctrl-C at an empty prompt asks before exiting: no stays, yes leaves with 0")
    func secondInterrupt() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let terminal = try Terminal(home: stratchat.home, user: stratchat.user)
        terminal.expect("stratchat> ")
        terminal.type("\u{3}")
        terminal.expect("^C\r\nstratchat> ")
        terminal.type("\u{3}")
        terminal.expect("Exit stratchat? (y/N) ")
        terminal.type("n\r")
        terminal.expect("stratchat> ")
        terminal.type("/str")
        terminal.expect("/str")
        terminal.type("\u{3}")  // drops typed text: does not ask
        terminal.expect("^C\r\nstratchat> ")
        #expect(!terminal.screen.hasSuffix("(y/N) "))
        terminal.type("\u{3}")  // now at an empty prompt, after a Ctrl-C: asks
        terminal.expect("Exit stratchat? (y/N) ")
        terminal.type("y\r")
        #expect(terminal.exitStatus() == 0, "screen: \(terminal.screen.debugDescription)")
        #expect(terminal.screen.components(separatedBy: "Exit stratchat?").count == 3)
    }
}
