import Foundation
import Testing
@testable import StrategyCore

@Suite("Parser: assumptions, questions and the JSON object")
struct ParserBehaviourTests {
    let parser = StrategyTextParser()

    @Test("every default applied is listed: period, timeframe and each risk value")
    func assumptionsListed() throws {
        let result = parser.parse("buy when RSI is below 30")
        #expect(result.question == nil)
        #expect(result.assumptions.contains("RSI period 14 by default"))
        #expect(result.assumptions.contains("timeframe medium_term (none named)"))
        #expect(result.assumptions.contains("stop loss 10% (medium_term default)"))
        #expect(result.assumptions.contains("take profit 25% (medium_term default)"))
        #expect(result.assumptions.contains("max hold 90 days (medium_term default)"))
        #expect(result.assumptions.contains("position size 5% (default)"))
        let insiders = parser.parse("buy when insiders are buying")
        #expect(insiders.assumptions.contains("insider window 30 days by default"))
        #expect(insiders.assumptions.contains { $0.contains("at least one purchase in 30 days") })
    }

    @Test("a corrected typo is stated, not silent")
    func typoStated() {
        let result = parser.parse("buy when rsi is oversould")
        #expect(result.assumptions.contains("read \"oversould\" as \"oversold\""))
        #expect(result.strategy?.entryConditions == [Condition(field: "rsi_14", operator: .lt, value: .number(30))])
    }

    @Test("an unknown word inside an understood rule is reported without a question")
    func unknownWordReported() {
        let result = parser.parse("buy when RSI is below 30 on AAPL")
        #expect(result.unrecognized == ["AAPL"])
        #expect(result.question == nil)
        #expect(result.strategy?.entryConditions == [Condition(field: "rsi_14", operator: .lt, value: .number(30))])
    }

    @Test("an idea no field expresses is asked about, with what was understood kept")
    func inexpressibleIdea() throws {
        let result = parser.parse("buy quality stocks when RSI is below 30")
        #expect(result.unrecognized.contains("quality"))
        let question = try #require(result.question)
        #expect(question.contains("quality"))
        #expect(result.strategy?.entryConditions == [Condition(field: "rsi_14", operator: .lt, value: .number(30))])
    }

    @Test("shorting gets a plain answer and the mirrored long strategy")
    func shortIsLongOnly() throws {
        let result = parser.parse("short when RSI is above 70 and price is below the 200-day MA")
        let question = try #require(result.question)
        #expect(question.contains("long-only"))
        // The mirror of RSI > 70 is RSI < 30 (100 − 70); of close < sma_200, close > sma_200.
        #expect(result.strategy?.entryConditions == [
            Condition(field: "rsi_14", operator: .lt, value: .number(30)),
            Condition(field: "close", operator: .gt, value: .field(FieldReference(field: "sma_200"))),
        ])
        #expect(question.contains("RSI(14) < 30"))
    }

    @Test("with no question, the strategy is always present and valid", arguments: ["phrasings.json", "phrasings_holdout.json"])
    func validWhenNoQuestion(file: String) throws {
        for item in try ParserFixtures.suite(file) {
            let result = parser.parse(item.text)
            if result.question == nil {
                let strategy = try #require(result.strategy, "\(item.text)")
                #expect(StrategyValidator.validate(strategy).isEmpty, "\(item.text)")
                #expect(!strategy.dataRequirements.isEmpty)
            }
        }
    }

    @Test("the JSON object has exactly the four keys, the strategy in file shape with every risk key")
    func jsonShape() throws {
        let result = parser.parse("buy when RSI is below 30 with an 8% stop")
        let object = try #require(parser.jsonObject(for: result).objectValue)
        #expect(Set(object.keys) == ["strategy", "assumptions", "unrecognized", "question"])
        #expect(object["question"] == .null)
        let risk = try #require(object["strategy"]?["risk_parameters"]?.objectValue)
        #expect(risk == ["stop_loss_pct": 8, "take_profit_pct": 25, "max_hold_days": 90, "position_size_pct": 5, "risk_per_trade_pct": .null])
        #expect(object["strategy"]?["entry_conditions"] == [["field": "rsi_14", "operator": "lt", "value": 30, "logic": "AND"]])
        #expect(object["assumptions"]?.arrayValue?.contains("RSI period 14 by default") == true)
        // The strategy part reads back through the strategy-file loader with nothing filled in.
        let text = (try? StrategyJSON.encodeString(object["strategy"]!)) ?? ""
        let loaded = StrategyDocument.load(text: text)
        #expect(loaded.isValid)
        #expect(loaded.filledDefaults.isEmpty)

        let vague = parser.jsonObject(for: parser.parse("make me money"))
        #expect(vague["strategy"] == .null)
        #expect(vague["question"]?.stringValue?.isEmpty == false)
        #expect(vague["unrecognized"] == ["money"])
    }
}
