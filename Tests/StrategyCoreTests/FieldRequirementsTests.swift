import Basics
import Foundation
import Testing
@testable import StrategyCore

@Suite("Data requirements derived from conditions")
struct FieldRequirementsTests {
    /// rsi_14's first value is at bar 14; the margin adds 20 bars: 34.
    @Test("an RSI strategy needs price history for RSI(14) plus the margin, and the RSI itself")
    func rsiStrategy() throws {
        let strategy = try #require(StrategyDocument.load(try ModelFixtures.reference("rsi_30_70")).strategy)
        #expect(FieldRegistry.dataRequirements(for: strategy) == [
            DataRequirement(source: .fmp, dataType: "price_history", parameters: ["period": 34]),
            DataRequirement(source: .calculated, dataType: "rsi", parameters: ["field": "rsi_14", "lookback_bars": 14]),
        ])
        // The loader fills the same list into a file that has none.
        #expect(strategy.dataRequirements == FieldRegistry.dataRequirements(for: strategy))
    }

    /// sma_20 needs 19 prior bars, a crossing one more (yesterday's values): 20, plus the margin of 20.
    @Test("a crossing reads one more bar, and a field used twice is listed once")
    func crossingStrategy() throws {
        let strategy = try #require(StrategyDocument.load(try ModelFixtures.reference("sma_cross_10_20")).strategy)
        #expect(FieldRegistry.dataRequirements(for: strategy) == [
            DataRequirement(source: .fmp, dataType: "price_history", parameters: ["period": 40]),
            DataRequirement(source: .calculated, dataType: "sma", parameters: ["field": "sma_10", "lookback_bars": 9]),
            DataRequirement(source: .calculated, dataType: "sma", parameters: ["field": "sma_20", "lookback_bars": 19]),
        ])
    }

    @Test("alternative data is merged per kind with the longest window, in a fixed order")
    func alternativeData() {
        let strategy = ModelFixtures.strategy(
            entry: [
                Condition(field: "held", operator: .eq, value: .number(0)),
                Condition(field: "pe_ratio", operator: .lt, value: .number(15)),
                Condition(field: "insider_buy_count_30d", operator: .gte, value: .number(2)),
                Condition(field: "reddit_mentions_change_pct_7d", operator: .gt, value: .number(50)),
                Condition(field: "insider_buy_value_90d", operator: .gt, value: .number(100_000)),
                Condition(field: "analyst_upgrades_30d", operator: .gte, value: .number(1)),
                Condition(field: "no_such_field", operator: .gt, value: .number(1)),
            ],
            exit: [Condition(field: "rsi_14", operator: .gt, value: .number(70))])
        #expect(FieldRegistry.dataRequirements(for: strategy) == [
            DataRequirement(source: .fmp, dataType: "price_history", parameters: ["period": 34]),
            DataRequirement(source: .calculated, dataType: "rsi", parameters: ["field": "rsi_14", "lookback_bars": 14]),
            DataRequirement(source: .fmp, dataType: "insider_trading", parameters: ["days": 90]),
            DataRequirement(source: .reddit, dataType: "reddit_mentions", parameters: ["days": 14]),
            DataRequirement(source: .fmp, dataType: "key_metrics"),
            DataRequirement(source: .fmp, dataType: "analyst_grades", parameters: ["days": 30]),
            DataRequirement(source: .userPortfolio, dataType: "holdings"),
        ])
    }

    @Test("a right-hand field counts too: close above SMA(200) needs 199 bars")
    func referenceFieldCounts() {
        let strategy = ModelFixtures.strategy(
            entry: [Condition(field: "close", operator: .gt, value: .field(FieldReference(field: "sma_200")))])
        let requirements = FieldRegistry.dataRequirements(for: strategy)
        #expect(requirements.first == DataRequirement(source: .fmp, dataType: "price_history", parameters: ["period": 219]))
        #expect(requirements.contains(DataRequirement(source: .calculated, dataType: "sma", parameters: ["field": "sma_200", "lookback_bars": 199])))
        #expect(FieldRegistry.maxLookbackBars(for: strategy) == 199)
    }
}

@Suite("Edit distance")
struct FieldEditDistanceTests {
    @Test("counts insertions, deletions and substitutions")
    func distances() {
        #expect(EditDistance.distance("kitten", "sitting") == 3)  // k→s, e→i, +g
        #expect(EditDistance.distance("", "abc") == 3)
        #expect(EditDistance.distance("abc", "") == 3)
        #expect(EditDistance.distance("same", "same") == 0)
        #expect(EditDistance.distance("/hlep", "/help") == 2)
    }

    @Test("the closest candidate wins, ties go to the first listed, far ones are refused")
    func closest() {
        #expect(EditDistance.closest(to: "/strategis", in: ["/help", "/quit", "/strategies"]) == "/strategies")
        #expect(EditDistance.closest(to: "ab", in: ["ac", "ad"]) == "ac")
        #expect(EditDistance.closest(to: "/xyzzy", in: ["/help", "/quit"]) == nil)
        #expect(EditDistance.closest(to: "HELP", in: ["help"]) == "help")
        #expect(EditDistance.closest(to: "abcdef", in: ["abcxyz"], maxDistance: 3) == "abcxyz")
        #expect(EditDistance.closest(to: "abcdef", in: ["abcxyz"], maxDistance: 2) == nil)
    }
}
