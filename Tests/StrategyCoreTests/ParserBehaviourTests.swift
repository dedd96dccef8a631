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
        #expect(result.offersLongVersion)
        #expect(!parser.parse("buy when RSI is below 30").offersLongVersion)
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

    @Test("a chain of comparisons is read as each link, and a bare duration in exit text is the holding limit")
    func chainsAndDurations() throws {
        let chain = try #require(parser.parse("Enter when price > SMA(20) > SMA(50)").strategy)
        #expect(chain.entryConditions == [
            Condition(field: "close", operator: .gt, value: .field(FieldReference(field: "sma_20"))),
            Condition(field: "sma_20", operator: .gt, value: .field(FieldReference(field: "sma_50"))),
        ])
        let timed = parser.parse("buy if 5 day rsi < 20, sell if 5 day rsi > 80 or 10 days pass")
        #expect(timed.question == nil)
        #expect(timed.strategy?.riskParameters.maxHoldDays == 10)
        #expect(timed.strategy?.exitConditions == [Condition(field: "rsi_5", operator: .gt, value: .number(80))])
    }

    @Test("what one logic per side cannot hold is asked about, not flattened",
          arguments: ["Buy when RSI < 30 AND (MACD crosses above signal OR volume > 2x average)",
                      "buy when RSI is below 30 or MACD crosses above its signal and volume is above average",
                      "buy when RSI is under 30 for 2 consecutive days",
                      "buy when the stock is near its 52 week low",
                      "buy when RSI is below 30 on the weekly chart",
                      "buy when stochastic is below 20"])
    func inexpressibleStructure(text: String) {
        #expect(parser.parse(text).question != nil, "\(text)")
    }

    @Test("terse trader shorthand: markers after their rules, plus signs, negated idioms, multiples")
    func shorthand() throws {
        let terse = try #require(parser.parse("rsi<30 buy rsi>70 sell").strategy)
        #expect(terse.entryConditions == [Condition(field: "rsi_14", operator: .lt, value: .number(30))])
        #expect(terse.exitConditions == [Condition(field: "rsi_14", operator: .gt, value: .number(70))])
        let plus = try #require(parser.parse("buy when rsi 70+").strategy)
        #expect(plus.entryConditions == [Condition(field: "rsi_14", operator: .gte, value: .number(70))])
        // "mentions 3x" is mentions up 200% on the window before; "not overbought" is RSI at or below 70.
        let slang = try #require(parser.parse("buy when wsb mentions 3x and rsi not overbought").strategy)
        #expect(slang.entryConditions == [
            Condition(field: "reddit_mentions_change_pct_7d", operator: .gte, value: .number(200)),
            Condition(field: "rsi_14", operator: .lte, value: .number(70)),
        ])
    }

    @Test("risk written against the entry price or with signs", arguments: [
        ("buy when RSI < 30, exit at +12% or -6%", 6.0, 12.0),
        ("buy when RSI < 30, sell if it falls 5% below my entry", 5.0, 25.0),
        ("buy when RSI < 30; stop 5% below entry, target 20% above entry", 5.0, 20.0),
    ])
    func riskAgainstEntry(text: String, stop: Double, target: Double) throws {
        let result = parser.parse(text)
        #expect(result.question == nil)
        let strategy = try #require(result.strategy)
        #expect(strategy.exitConditions.isEmpty)
        #expect(strategy.riskParameters.stopLossPct == stop)
        #expect(strategy.riskParameters.takeProfitPct == target)
    }

    @Test("an exit rule of its own gets a default stop but no default target or holding limit; the filled-in list says so")
    func exitRuleKeepsItsOwnExit() throws {
        let result = parser.parse("buy when the 50-day crosses above the 200-day, sell when the 50-day crosses back below the 200-day")
        let strategy = try #require(result.strategy)
        #expect(!strategy.exitConditions.isEmpty)
        #expect(strategy.riskParameters.stopLossPct == 10)
        #expect(strategy.riskParameters.takeProfitPct == nil)
        #expect(strategy.riskParameters.maxHoldDays == nil)
        #expect(result.assumptions.contains("stop loss 10% (medium_term default)"))
        #expect(!result.assumptions.contains { $0.hasPrefix("take profit") || $0.hasPrefix("max hold") })
        // A target or a holding limit the person names is kept beside the exit rule.
        let named = try #require(parser.parse("buy when RSI < 30, sell when RSI > 70, take profit 12%").strategy)
        #expect(named.riskParameters.takeProfitPct == 12)
    }

    @Test("\"no time limit\" and \"no take profit\" are none, and a percent on RSI is asked about")
    func noneAndPercentOnScore() {
        let none = parser.parse("buy when RSI under 30, no take profit, no time limit")
        #expect(none.question == nil)
        #expect(none.strategy?.riskParameters.takeProfitPct == nil)
        #expect(none.strategy?.riskParameters.maxHoldDays == nil)
        #expect(parser.parse("buy when RSI is below 30%").question != nil)
    }

    @Test("a quoted name is the strategy's name; otherwise the name comes from the entry's fields")
    func names() {
        let called = parser.parse("Create a strategy called \"Insider dip\": buy when insiders are buying and RSI is oversold")
        #expect(called.strategy?.name == "Insider dip")
        #expect(called.question == nil)
        #expect(parser.parse("buy when RSI < 30, name it 'Quick bounce'").strategy?.name == "Quick bounce")
        let plain = parser.parse("buy when RSI is below 30 and insiders are buying").strategy?.name
        let parts = ["rsi_14", "insider_buy_count_30d"].compactMap { FieldRegistry.spec(named: $0)?.displayName }
        #expect(plain == parts.joined(separator: " + "))
    }

    @Test("alternative-data wording: negated selling, rating words, sized spikes, unknown subjects not borrowed")
    func alternativeWording() throws {
        let quiet = try #require(parser.parse("buy when insiders sold nothing for 90 days and the ceo bought").strategy)
        #expect(quiet.entryConditions == [
            Condition(field: "insider_sell_count_90d", operator: .eq, value: .number(0)),
            Condition(field: "insider_csuite_buy_count_30d", operator: .gte, value: .number(1)),
        ])
        // "buy or better" on the 1–5 consensus scale (DESIGN.md) is 4 or more.
        #expect(parser.parse("buy when consensus rating is buy or better").strategy?.entryConditions
            == [Condition(field: "analyst_rating_score", operator: .gte, value: .number(4))])
        #expect(parser.parse("buy when reddit buzz surges 300% week over week").strategy?.entryConditions
            == [Condition(field: "reddit_mentions_change_pct_7d", operator: .gt, value: .number(300))])
        let payout = parser.parse("buy when dividend yield > 5 percent and payout ratio below 60%")
        #expect(payout.question?.contains("payout") == true)
        #expect(payout.strategy?.entryConditions == [Condition(field: "dividend_yield", operator: .gt, value: .number(5))])
    }
}
