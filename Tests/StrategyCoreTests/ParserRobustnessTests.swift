import Foundation
import Testing
@testable import StrategyCore

@Suite("Parser: odd input")
struct ParserRobustnessTests {
    static let oddInputs = [
        "", "   ", "?!", "$", "%%%", "+", "-", "1e400", "buy", "sell", "short", "entry:", "entry: ;;", "entry: rsi_14",
        "entry: rsi_14 between 30", "entry: rsi_14 < 30; max 1e300 days", "name \"unclosed", "rsi(", "between and",
        "buy when RSI is below 30 and", "buy when ((( rsi < 30", "buy when price > 99999999999999999999 sma",
        "buy when volume is 1e300x its average", "buy when the 99999-day moving average rises", "buy after 9999999 days",
        "買う when RSI < 30", "buy when RSI < 30 🚀🚀🚀", "buy when insiders buy $", "buy when down 1.2.3% in 5 days",
        "and or and or", ", , ,", "buy when rsi is oversold. . . . sell", String(repeating: "buy when RSI < 30 and ", count: 200),
    ]

    @Test("odd input never crashes, and a result without a question is a valid strategy", arguments: oddInputs)
    func oddInput(text: String) throws {
        let parser = StrategyTextParser()
        let result = parser.parse(text)
        if result.question == nil {
            let strategy = try #require(result.strategy)
            #expect(StrategyValidator.validate(strategy).isEmpty)
        } else {
            #expect(result.question?.isEmpty == false)
        }
        // Refining with odd text keeps the strategy or asks.
        let base = ModelFixtures.strategy()
        let refined = parser.refine(base, with: text)
        #expect(refined.strategy != nil || refined.question != nil)
    }
}
