import Foundation
import Testing

/// `demo/session.jsonl` is a full offline session recorded in a terminal (create the "insider + RSI
/// oversold" strategy, backtest it, refine it twice, show signals, create and backtest a second strategy,
/// compare them). Replaying it runs today's tools against what they answered then.
@Suite("the recorded demo")
struct DemoSessionTests {
    static let demo = StratchatProcess.packageRoot.appendingPathComponent("demo/session.jsonl")

    @Test("demo/session.jsonl replays with no differences in any tool result")
    func replays() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["replay", Self.demo.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasSuffix("session.jsonl: 8 turns, 8 tool results, no differences.\n"), "\(result.stdout)")
    }

    @Test("the demo covers the whole flow: create, backtest, two refinements, signals, a second strategy, compare")
    func coversTheFlow() throws {
        let text = try String(contentsOf: Self.demo, encoding: .utf8)
        let tools = text.split(separator: "\n").compactMap { line -> String? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  object["type"] as? String == "tool_call" else { return nil }
            return object["name"] as? String
        }
        #expect(tools == ["create_trading_strategy", "backtest_strategy", "refine_strategy", "refine_strategy",
                          "get_strategy_signals", "create_trading_strategy", "backtest_strategy", "compare_strategies"])
        #expect(text.contains("\"model\":\"offline\""))
    }

    @Test("replay --show into a pipe prints the session without the colour it was recorded in")
    func showWithoutColour() throws {
        let text = try String(contentsOf: Self.demo, encoding: .utf8)
        #expect(text.contains("\\u001b["), "the demo was recorded at a colour terminal, so its displays hold colour codes")
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["replay", "--show", Self.demo.path])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(result.stdout.contains("stratchat> Create a strategy: buy when insiders are buying and RSI is oversold"))
        #expect(result.stdout.contains("│ Total return                   │         +21.9% (+$21,911) │"))
    }
}
