import Foundation
import Testing
@testable import StrategyCore

@Suite("Parser: the precise form")
struct ParserPreciseFormTests {
    let parser = StrategyTextParser()

    @Test("the issue's example parses exactly, and the defaults it leaves are listed")
    func issueExample() throws {
        let result = parser.parse("entry: rsi_14 < 30 and close > sma_200; exit: rsi_14 > 70 or stop 8%; size 5%")
        #expect(result.question == nil)
        let strategy = try #require(result.strategy)
        #expect(strategy.entryConditions == [
            Condition(field: "rsi_14", operator: .lt, value: .number(30)),
            Condition(field: "close", operator: .gt, value: .field(FieldReference(field: "sma_200"))),
        ])
        #expect(strategy.entryLogic == .and)
        #expect(strategy.exitConditions == [Condition(field: "rsi_14", operator: .gt, value: .number(70))])
        // No timeframe named: medium_term. The stop is given and the exit is a rule of its own, so no
        // default target or holding limit is added.
        #expect(strategy.timeframe == .mediumTerm)
        #expect(strategy.riskParameters == RiskParameters(stopLossPct: 8, takeProfitPct: nil, maxHoldDays: nil, positionSizePct: 5))
        #expect(result.assumptions.contains("timeframe medium_term (none named)"))
        #expect(!result.assumptions.contains { $0.hasPrefix("take profit") || $0.hasPrefix("max hold") })
        #expect(!result.assumptions.contains { $0.hasPrefix("stop loss") })
        #expect(StrategyValidator.validate(strategy).isEmpty)
    }

    @Test("targets, holding limits, timeframe, names, scaled fields, crossings and ranges")
    func everyStatement() throws {
        let text = #"name "Volume cross"; entry: volume > 2 * volume_sma_20 and sma_50 crosses_above sma_200 and rsi_14 between 30 and 50; exit: close crosses_below sma_50 or target 20% or max 30 days; timeframe short_term; risk 1%"#
        let result = parser.parse(text)
        #expect(result.question == nil)
        let strategy = try #require(result.strategy)
        #expect(strategy.name == "Volume cross")
        #expect(strategy.timeframe == .shortTerm)
        #expect(strategy.entryConditions == [
            Condition(field: "volume", operator: .gt, value: .field(FieldReference(field: "volume_sma_20", multiplier: 2))),
            Condition(field: "sma_50", operator: .crossesAbove, value: .field(FieldReference(field: "sma_200"))),
            Condition(field: "rsi_14", operator: .between, value: .numbers([30, 50])),
        ])
        #expect(strategy.exitConditions == [
            Condition(field: "close", operator: .crossesBelow, value: .field(FieldReference(field: "sma_50"))),
        ])
        // short_term's default stop is 7% (DESIGN.md); risk per trade sizes against it.
        #expect(strategy.riskParameters == RiskParameters(stopLossPct: 7, takeProfitPct: 20, maxHoldDays: 30, positionSizePct: 5, riskPerTradePct: 1))
    }

    @Test("numbers take k and M suffixes, and a field may carry its multiplier after it")
    func numberForms() throws {
        let strategy = try #require(parser.parse("entry: volume > 1.5M and volume > volume_sma_50 * 3; exit: price_change_pct_5 < -10").strategy)
        #expect(strategy.entryConditions == [
            Condition(field: "volume", operator: .gt, value: .number(1_500_000)),
            Condition(field: "volume", operator: .gt, value: .field(FieldReference(field: "volume_sma_50", multiplier: 3))),
        ])
        #expect(strategy.exitConditions == [Condition(field: "price_change_pct_5", operator: .lt, value: .number(-10))])
    }

    @Test("an unknown field points at its column and names the closest field")
    func unknownFieldColumn() throws {
        let result = parser.parse("entry: sma_50 > rsi14")
        let error = try #require(result.error)
        // "entry: sma_50 > " is 16 characters, so rsi14 starts at column 17.
        #expect(error.column == 17)
        #expect(error.errorDescription == "col 17: unknown field rsi14 — did you mean rsi_14?")
        #expect(result.strategy == nil)
        #expect(result.question == error.errorDescription)
    }

    @Test("mixing and with or in one list is an error at the second joiner")
    func mixedLogic() throws {
        let error = try #require(parser.parse("entry: rsi_14 < 30 and close > sma_200 or volume > 1M").error)
        // "entry: rsi_14 < 30 and close > sma_200 " is 39 characters: "or" is at column 40.
        #expect(error.column == 40)
        #expect(error.message.contains("mixes"))
    }

    @Test("a condition cut short is an error at the end of the text")
    func truncated() throws {
        let text = "entry: rsi_14 <"
        let error = try #require(parser.parse(text).error)
        #expect(error.column == text.count + 1)
        let misspelt = try #require(parser.parse("entry: rsi_14 < 30; exit: smaa_50 > close").error)
        // "entry: rsi_14 < 30; exit: " is 26 characters.
        #expect(misspelt.column == 27)
        #expect(misspelt.fix == "did you mean sma_50?")
    }

    @Test("English written under Entry/Exit headings is read as English, not as an error")
    func headingsInEnglish() throws {
        let result = parser.parse("Entry: RSI < 30 and price above the 200-day MA. Exit: RSI > 70.")
        #expect(result.error == nil)
        let strategy = try #require(result.strategy)
        #expect(strategy.entryConditions.count == 2)
        #expect(strategy.exitConditions == [Condition(field: "rsi_14", operator: .gt, value: .number(70))])
    }
}
