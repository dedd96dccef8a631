import Foundation
import Store
import StrategyCore
import Testing
import TestSupport

/// A strategy whose name holds escape codes, through the command line and the chat: no control byte but
/// newline and tab reaches the output, with or without colour, and tables keep their columns.
@Suite("Outside text never reaches the terminal raw")
struct TerminalEscapeTests {
    static let hostile = "Evil\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}6nName"

    func controls(in text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter { ($0 < 0x20 && $0 != 0x0A && $0 != 0x09) || (0x7F...0x9F).contains($0) }
    }

    @Test("validate, backtest and /strategies show the hostile name escaped")
    func hostileName() throws {
        let process = try StratchatProcess()
        defer { process.cleanUp() }
        let parsed = try process.run(["parse", "--json", "buy when rsi_14 is below 30, sell when above 70"])
        var document = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [String: Any])
        var strategy = try #require(document["strategy"] as? [String: Any])
        strategy["name"] = Self.hostile
        document = strategy
        let file = process.home.appendingPathComponent("evil.json")
        try JSONSerialization.data(withJSONObject: document).write(to: file)
        let stored = try StrategyJSON.decoder.decode(TradingStrategy.self, from: Data(contentsOf: file))
        let store = try StratStore.open(at: process.home.appendingPathComponent("stratchat.db").path)
        let created = try store.createStrategy(stored, user: process.user)
        try store.close()
        for arguments in [["validate", file.path], ["backtest", "--strategy", file.path], ["--no-color"], ["scan"]] {
            let result = try process.run(arguments, input: "/strategies\n")
            let all = result.stdout + result.stderr
            #expect(controls(in: all).isEmpty, "\(arguments): \(controls(in: all))")
            #expect(all.contains("Evil\\x1b]0;pwned\\x07\\x1b[2J\\x9b6nName"), "\(arguments): \(all)")
            if arguments == ["--no-color"] {
                let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("│") }
                #expect(!rows.isEmpty && Set(rows.map(\.count)).count == 1, "the /strategies table in line: \(rows)")
            }
        }
        // The question before a delete names the strategy, and the answer is echoed: both escaped too.
        let asked = try process.run(["--no-color"], input: "/delete \(created.id)\nno\u{1B}[2J\n")
        let shown = asked.stdout + asked.stderr
        #expect(controls(in: shown).isEmpty, "\(controls(in: shown))")
        #expect(shown.contains("Delete \"Evil\\x1b]0;pwned\\x07\\x1b[2J\\x9b6nName\""), "\(shown)")
        #expect(shown.contains("no\\x1b[2J"), "\(shown)")
    }

    /// A streamed answer whose text holds ESC (JSON-escaped, one sequence cut across two chunks), BEL and the
    /// C1 control CSI (U+009B, sent as raw UTF-8 in the JSON), as a hostile or broken model server could send.
    static let hostileAnswer = [
        OpenAIStream.chunk(#"{"role":"assistant","content":""}"#),
        OpenAIStream.chunk(#"{"content":"Cleared \u001b"}"#),
        OpenAIStream.chunk(#"{"content":"[2J screen\u0007 and \#u{9B}6n asked"}"#),
        OpenAIStream.chunk("{}", finish: "stop"),
        OpenAIStream.usage(100, 9),
        "data: [DONE]\n\n",
    ]

    @Test("a model's reply holding ESC, BEL and a C1 control reaches stdout escaped, in ask and in the piped chat",
          arguments: [["ask", "what now?"], ["--no-color"], []])
    func hostileModelReply(arguments: [String]) throws {
        let server = try LoopbackHTTPServer(routes: ["/v1/chat/completions": [.eventStream(Self.hostileAnswer, pause: 0.005)]])
        defer { server.stop() }
        let process = try StratchatProcess()
        defer { process.cleanUp() }
        let result = try process.run(arguments, input: arguments.first == "ask" ? "" : "what now?\n", extraEnvironment: [
            "OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": server.url("/v1").absoluteString,
        ])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        #expect(server.requestCount(path: "/v1/chat/completions") == 1, "the reply came from the server")
        let all = result.stdout + result.stderr
        #expect(controls(in: all).isEmpty, "\(arguments): \(controls(in: all))")
        #expect(result.stdout.contains("Cleared \\x1b[2J screen\\x07 and \\x9b6n asked"), "\(arguments): \(result.stdout)")
    }

    @Test("a ticker made of escape codes is refused, saying what was wrong")
    func hostileTicker() throws {
        let process = try StratchatProcess()
        defer { process.cleanUp() }
        let parsed = try process.run(["parse", "--json", "buy when rsi_14 is below 30"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [String: Any])
        let file = process.home.appendingPathComponent("s.json")
        try JSONSerialization.data(withJSONObject: try #require(document["strategy"])).write(to: file)
        let result = try process.run(["backtest", "--strategy", file.path, "--universe", "AAPL,\u{1B}[2JX"])
        #expect(result.status == 2)
        #expect(controls(in: result.stderr).isEmpty)
        #expect(result.stderr.contains("is not a ticker"), "\(result.stderr)")
        #expect(result.stderr.contains("U+001B"), "\(result.stderr)")
    }
}
