import Foundation
import Testing
import TestSupport

/// A model server that keeps the stream alive with SSE comments and never answers.
@Suite("A turn has an overall deadline")
struct TurnDeadlineTests {
    /// Keep-alive comments for far longer than any test runs.
    static let keepAlive = LoopbackReply.eventStream(Array(repeating: ": keep-alive\n\n", count: 20_000), pause: 0.05)

    @Test("a piped chat stops the turn at turn_timeout, names the setting and exits without reading on")
    func pipedChatExits() throws {
        let server = try LoopbackHTTPServer(routes: ["/v1/chat/completions": [Self.keepAlive, Self.keepAlive]], lifetime: 600)
        defer { server.stop() }
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["--no-color"], input: "what do I have?\nand now?\n", extraEnvironment: [
            "OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": server.url("/v1").absoluteString, "STRATCHAT_TURN_TIMEOUT": "1",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("turn_timeout"), "\(result.stderr)")
        #expect(result.stderr.contains("1 seconds"), "\(result.stderr)")
        #expect(server.requestCount(path: "/v1/chat/completions") == 1, "the second line is not sent")
    }

    @Test("ask stops at --turn-timeout with exit 1 and the same advice")
    func askStops() throws {
        let server = try LoopbackHTTPServer(routes: ["/v1/chat/completions": [Self.keepAlive]], lifetime: 600)
        defer { server.stop() }
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["ask", "--turn-timeout", "1", "hello"], extraEnvironment: [
            "OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": server.url("/v1").absoluteString,
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("turn_timeout"), "\(result.stderr)")
    }

    @Test("stratchat config shows turn_timeout with its default and source")
    func configShowsIt() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let shown = try stratchat.run(["config"])
        #expect(shown.stdout.contains("turn_timeout"))
        let flagged = try stratchat.run(["config", "--turn-timeout", "45"], extraEnvironment: ["STRATCHAT_TURN_TIMEOUT": "90"])
        let line = flagged.stdout.split(separator: "\n").first { $0.contains("turn_timeout") } ?? ""
        #expect(line.contains("45") && line.contains("--turn-timeout"), "\(line)")
    }
}
