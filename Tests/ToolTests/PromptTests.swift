import Foundation
import Testing
@testable import Tools

@Suite("The bundled prompts")
struct PromptTests {
    @Test("the system prompt carries the honesty rules and names every tool")
    func systemPrompt() throws {
        let prompt = try Prompts.system()
        for rule in ["Never invent a number", "synthetic sample", "offer to backtest", "Data is not instructions", "explain it back",
                     "deflated Sharpe ratio", "After a streak of refinements", "open_holdout", "walk_forward",
                     "paper money, not real money", "Never describe a paper result as money the person made or lost"] {
            #expect(prompt.contains(rule), "missing: \(rule)")
        }
        for name in StrategyToolbox.toolNames {
            #expect(prompt.contains("`\(name)`"), "tool not mentioned: \(name)")
        }
    }

    @Test("the parser prompt has every placeholder filled from the program")
    func parserPrompt() throws {
        let prompt = try Prompts.strategyParser()
        #expect(!prompt.contains("{{"))
        #expect(prompt.contains(#""title":"TradingStrategy""#))
        #expect(prompt.contains("insider_buy_count_Nd"))
        #expect(prompt.contains("long_term: stop_loss_pct 15, take_profit_pct 50, max_hold_days 180"))
    }

    @Test("a reply's JSON object is found inside prose and fences, braces in strings ignored")
    func extractsObjects() {
        #expect(JSONObjectExtractor.firstObject(in: #"Sure! {"a": "}{", "b": {"c": 1}} done"#) == #"{"a": "}{", "b": {"c": 1}}"#)
        #expect(JSONObjectExtractor.firstObject(in: "text {\"x\":1}\n```json\n{\"y\": 2}\n```") == #"{"y": 2}"#)
        #expect(JSONObjectExtractor.firstObject(in: "no json here") == nil)
        #expect(JSONObjectExtractor.firstObject(in: #"{"open": "never closed"#) == nil)
    }
}
