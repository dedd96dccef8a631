import Foundation
import Testing
@testable import StrategyCore

@Suite("Plain strategy descriptions")
struct DescribeTests {
    @Test("reads entry, exit with stops, and position size")
    func basic() {
        let strategy = ModelFixtures.strategy(
            entry: [
                Condition(field: "rsi_14", operator: .lt, value: .number(30)),
                Condition(field: "close", operator: .gt, value: .field(FieldReference(field: "sma_200"))),
            ],
            exit: [Condition(field: "rsi_14", operator: .gt, value: .number(70))],
            risk: RiskParameters(stopLossPct: 8, takeProfitPct: nil, maxHoldDays: 30, positionSizePct: 5))
        #expect(strategy.plainDescription == [
            "Entry: RSI(14) < 30 AND close > SMA(200)",
            "Exit: RSI(14) > 70 OR 8% stop loss OR 30 days max hold",
            "Position size: 5% of portfolio",
        ])
    }

    @Test("crossings read as words, and explicit nulls add no stops", arguments: [
        ("sma_cross_10_20", "Entry: SMA(10) crosses above SMA(20)", "Exit: SMA(10) crosses below SMA(20)"),
        ("trend_sma50_timeout30", "Entry: close crosses above SMA(50)", "Exit: close crosses below SMA(50) OR 30 days max hold"),
        ("rsi_30_70", "Entry: RSI(14) < 30", "Exit: RSI(14) > 70"),
    ])
    func references(name: String, entry: String, exit: String) throws {
        let strategy = try #require(StrategyDocument.load(try ModelFixtures.reference(name)).strategy)
        #expect(strategy.plainDescription == [entry, exit, "Position size: 100% of portfolio"])
    }

    @Test("units show as %, $ and grouped shares; ranges, lists and scaled fields read naturally")
    func units() {
        let strategy = ModelFixtures.strategy(
            entry: [
                Condition(field: "volume", operator: .gt, value: .field(FieldReference(field: "volume_sma_20", multiplier: 2))),
                Condition(field: "price_change_pct_5", operator: .between, value: .numbers([-10, -2.5])),
                Condition(field: "insider_buy_value_30d", operator: .gte, value: .number(100_000)),
                Condition(field: "analyst_rating_score", operator: .in, value: .numbers([4, 5])),
                Condition(field: "volume", operator: .gt, value: .number(1_500_000)),
            ],
            exit: [
                Condition(field: "bb_upper_20_2", operator: .lt, value: .field(FieldReference(field: "close"))),
                Condition(field: "macd_hist_12_26_9", operator: .crossesBelow, value: .number(0)),
            ],
            risk: RiskParameters(stopLossPct: 7.5, takeProfitPct: 20, maxHoldDays: 1, positionSizePct: 10, riskPerTradePct: 1))
        var s = strategy
        s.exitLogic = .and
        #expect(s.plainDescription == [
            "Entry: volume > 2 × volume SMA(20) AND 5-day price change between -10% and -2.5% AND insider buying $ (30d) >= $100,000 AND analyst rating in [4, 5] AND volume > 1,500,000",
            "Exit: (upper Bollinger band(20, 2) < close AND MACD histogram(12,26,9) crosses below 0) OR 7.5% stop loss OR 20% take profit OR 1 day max hold",
            "Position size: 10% of portfolio, risking at most 1% of equity per trade",
        ])
    }

    @Test("no exits at all, and unknown fields shown as written")
    func edges() {
        let strategy = ModelFixtures.strategy(
            entry: [Condition(field: "mystery_field", operator: .eq, value: .number(1))], exit: [],
            risk: RiskParameters(stopLossPct: nil, takeProfitPct: nil, maxHoldDays: nil, positionSizePct: 5))
        #expect(strategy.plainDescription == [
            "Entry: mystery_field = 1", "Exit: none (positions stay open)", "Position size: 5% of portfolio",
        ])
    }
}
