import Foundation
import Testing
import TestSupport

/// Ctrl-C while the agent works, on a real (pseudo-)terminal.
@Suite("Cancelling a chat turn at a terminal", .enabled(if: Terminal.available, "needs util-linux script"))
struct ChatInterruptTests {
    @Test("Ctrl-C during a turn cancels it and returns to the prompt; the next line is answered")
    func cancelTurn() throws {
        let server = try LoopbackHTTPServer(routes: ["/v1/chat/completions": [
            .noAnswer, .eventStream(OpenAIStream.answer, pause: 0.005),
        ]])
        defer { server.stop() }
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let terminal = try Terminal(home: stratchat.home, user: stratchat.user,
                                    extraEnvironment: ["OPENAI_BASE_URL": server.url("/v1").absoluteString])
        terminal.expect("stratchat> ")
        terminal.type("what do I have?\r")
        #expect(terminal.wait { server.requestCount == 1 }, "the request is in flight")
        terminal.press("\u{3}")
        terminal.expect("Cancelled.")
        terminal.expect("stratchat> ")
        terminal.type("and now?\r")
        terminal.expect("You have no strategies yet; describe one to start.")
        terminal.expect("stratchat> ")
        terminal.type("/quit\r")
        #expect(terminal.exitStatus() == 0)
    }
}
