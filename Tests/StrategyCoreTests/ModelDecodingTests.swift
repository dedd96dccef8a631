import Foundation
import Testing
@testable import StrategyCore

@Suite("Strategy model decoding and canonical JSON")
struct ModelDecodingTests {
    @Test("decodes every key of the original design's TradingStrategy")
    func decodesOriginalDesignFieldSet() throws {
        let loaded = StrategyDocument.load(try ModelFixtures.data("model/original_design_strategy.json"))
        #expect(loaded.problems == [])
        let s = try #require(loaded.strategy)
        #expect(s.id == "strat_7f3a2c")
        #expect(s.userId == "user_42")
        #expect(s.name == "Insider + RSI Oversold")
        #expect(s.description.hasPrefix("Buys when insiders"))
        #expect(s.naturalLanguageInput == "Buy stocks when insiders are buying and RSI is oversold")
        #expect(s.timeframe == .shortTerm)
        #expect(s.dataRequirements == [
            DataRequirement(source: .fmp, dataType: "insider_trading", parameters: ["days": 30]),
            DataRequirement(source: .fmp, dataType: "price_history", parameters: ["period": 60, "ticker": "$SYMBOL"]),
            DataRequirement(source: .calculated, dataType: "rsi", parameters: ["period": 14]),
        ])
        #expect(s.entryConditions == [
            Condition(field: "insider_buy_count_30d", operator: .gte, value: .number(2), logic: .and),
            Condition(field: "rsi_14", operator: .lt, value: .number(30), logic: .and),
            Condition(field: "analyst_rating_score", operator: .in, value: .numbers([4, 5]), logic: .or),
        ])
        #expect(s.entryLogic == .and)
        #expect(s.exitConditions == [
            Condition(field: "rsi_14", operator: .gt, value: .number(70), logic: .or),
            Condition(field: "price_change_pct_5", operator: .between, value: .numbers([-50, -12.5]), logic: .or),
        ])
        #expect(s.exitLogic == .or)
        #expect(s.riskParameters == RiskParameters(stopLossPct: 7, takeProfitPct: 15, maxHoldDays: 30, positionSizePct: 5))
        // Midnight UTC of the day plus 14 h 30 min.
        let created = try #require(Day(year: 2026, month: 3, day: 2)).date.addingTimeInterval(14.5 * 3600)
        #expect(s.createdAt == created)
        #expect(s.updatedAt == (try #require(Day(year: 2026, month: 3, day: 5))).date.addingTimeInterval(9.25 * 3600))
        #expect(s.isActive)
        // Every risk key was written, so nothing was filled; the requirements were given, so they stay.
        #expect(loaded.filledDefaults == [])
    }

    @Test("a canonical file round-trips byte for byte", arguments: [
        "model/original_design_strategy.json",
        "reference/msft/rsi_30_70/strategy.json",
        "reference/msft/sma_cross_10_20/strategy.json",
        "reference/msft/trend_sma50_timeout30/strategy.json",
    ])
    func canonicalRoundTrip(path: String) throws {
        let first = try #require(StrategyDocument.load(try ModelFixtures.data(path)).strategy)
        let text = StrategyDocument.encode(first)
        let second = try #require(StrategyDocument.load(text: text).strategy)
        #expect(second == first)
        #expect(StrategyDocument.encode(second) == text)
        // The plain Codable path agrees with the loader on the canonical text.
        let decoded = try StrategyJSON.decoder.decode(TradingStrategy.self, from: Data(text.utf8))
        #expect(decoded == first)
    }

    @Test("every extension survives the round trip: field references, crossings, risk per trade, version")
    func extensionsRoundTrip() throws {
        let strategy = TradingStrategy(
            id: "s1", userId: "u1", version: 3, name: "Volume breakout", description: "d", naturalLanguageInput: "n",
            timeframe: .longTerm,
            dataRequirements: [DataRequirement(source: .reddit, dataType: "reddit_mentions", parameters: ["days": 7])],
            entryConditions: [
                Condition(field: "volume", operator: .gt, value: .field(FieldReference(field: "volume_sma_20", multiplier: 2))),
                Condition(field: "close", operator: .crossesAbove, value: .field(FieldReference(field: "high_20"))),
            ],
            entryLogic: .and,
            exitConditions: [Condition(field: "close", operator: .crossesBelow, value: .field(FieldReference(field: "sma_50")))],
            exitLogic: .or,
            riskParameters: RiskParameters(stopLossPct: 8, takeProfitPct: nil, maxHoldDays: nil, positionSizePct: 10, riskPerTradePct: 1),
            createdAt: Date(timeIntervalSince1970: 1_772_000_000), updatedAt: Date(timeIntervalSince1970: 1_772_086_400),
            isActive: false)
        let text = StrategyDocument.encode(strategy)
        let loaded = StrategyDocument.load(text: text)
        #expect(loaded.problems == [])
        #expect(loaded.strategy == strategy)
        #expect(StrategyDocument.encode(try #require(loaded.strategy)) == text)
        let risk = try #require(JSONValue.parse(Data(text.utf8))["risk_parameters"])
        #expect(risk["take_profit_pct"] == .null)
        #expect(risk["max_hold_days"] == .null)
        #expect(risk["risk_per_trade_pct"] == 1)
    }

    @Test("the reference strategies keep their explicit nulls", arguments: ModelFixtures.referenceStrategies)
    func referenceNullsKept(name: String) throws {
        let loaded = StrategyDocument.load(try ModelFixtures.reference(name))
        #expect(loaded.problems == [])
        let risk = try #require(loaded.strategy).riskParameters
        #expect(risk.stopLossPct == nil)
        #expect(risk.takeProfitPct == nil)
        #expect(risk.maxHoldDays == (name == "trend_sma50_timeout30" ? 30 : nil))
        #expect(risk.positionSizePct == 100)
        #expect(risk.riskPerTradePct == nil)
        // No risk key was absent, so the only thing filled in is the derived data requirements.
        #expect(loaded.filledDefaults.count == 1)
        #expect(loaded.filledDefaults.first?.hasPrefix("data_requirements = derived from the conditions") == true)
    }

    /// The issue's table: short 7/15/30, medium 10/25/90, long 15/50/180 (stop %, target %, max days).
    @Test("absent risk keys take the timeframe's defaults and are listed", arguments: [
        ("short_term", 7.0, 15.0, 30), ("medium_term", 10.0, 25.0, 90), ("long_term", 15.0, 50.0, 180),
    ])
    func absentRiskKeysFilled(timeframe: String, stop: Double, target: Double, days: Int) throws {
        let text = ModelFixtures.minimalDocument(risk: "{}").replacingOccurrences(of: "short_term", with: timeframe)
        let loaded = StrategyDocument.load(text: text)
        #expect(loaded.problems == [])
        let risk = try #require(loaded.strategy).riskParameters
        #expect(risk == RiskParameters(stopLossPct: stop, takeProfitPct: target, maxHoldDays: days, positionSizePct: 5))
        #expect(Array(loaded.filledDefaults.prefix(4)) == [
            "risk_parameters.stop_loss_pct = \(Int(stop)) (\(timeframe) default)",
            "risk_parameters.take_profit_pct = \(Int(target)) (\(timeframe) default)",
            "risk_parameters.max_hold_days = \(days) (\(timeframe) default)",
            "risk_parameters.position_size_pct = 5 (default)",
        ])
    }

    @Test("an explicit null stays none while an absent key beside it is filled")
    func nullAndAbsentSideBySide() throws {
        let loaded = StrategyDocument.load(text: ModelFixtures.minimalDocument(risk: #"{"stop_loss_pct": null, "position_size_pct": 10}"#))
        let risk = try #require(loaded.strategy).riskParameters
        #expect(risk.stopLossPct == nil)
        #expect(risk.takeProfitPct == 15)
        #expect(risk.maxHoldDays == 30)
        #expect(risk.positionSizePct == 10)
        #expect(loaded.filledDefaults.filter { $0.hasPrefix("risk_parameters") } == [
            "risk_parameters.take_profit_pct = 15 (short_term default)",
            "risk_parameters.max_hold_days = 30 (short_term default)",
        ])
    }

    @Test("numbers 0 and 1 stay numbers, not booleans")
    func zeroAndOneAreNumbers() throws {
        let text = ModelFixtures.minimalDocument()
            .replacingOccurrences(of: #"{"field": "rsi_14", "operator": "lt", "value": 30}"#,
                                  with: #"{"field": "held", "operator": "eq", "value": 0}"#)
        let loaded = StrategyDocument.load(text: text)
        #expect(loaded.problems == [])
        #expect(loaded.strategy?.entryConditions.first?.value == .number(0))
    }
}

@Suite("A backtest's JSON")
struct BacktestCodingTests {
    static let backtest = StrategyBacktest(
        strategyId: "s-1", strategyVersion: 2, startDate: Day(iso: "2020-01-02")!, endDate: Day(iso: "2020-12-31")!,
        initialCapital: 10_000, metrics: BacktestMetrics {
            $0.totalTrades = 3
            $0.sortinoRatio = 1.25
            $0.profitFactorNote = "no losing trade"
        },
        assumptions: BacktestAssumptions(data: "hand-made", universe: "none", fill: "next_open", commissionPct: 0,
                                         slippageBps: 0, stopTargetRule: "stop first", benchmark: "none"))

    @Test("keeps the metrics flat beside the ids, with every metric present and null where none was computed")
    func flatKeys() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: StrategyJSON.encoder.encode(Self.backtest)) as? [String: Any])
        #expect(object["total_trades"] as? Int == 3)
        #expect(object["sortino_ratio"] as? Double == 1.25)
        #expect(object["profit_factor_note"] as? String == "no losing trade")
        #expect(object["sharpe_ratio"] is NSNull && object["backtest_id"] is NSNull)
        #expect(object["metrics"] == nil)
        // 6 ids, dates and capital, 25 metrics, 6 lists and blocks.
        #expect(object.count == 6 + 25 + 6)
    }

    @Test("reads back what it wrote")
    func roundTrip() throws {
        let data = try StrategyJSON.encoder.encode(Self.backtest)
        #expect(try StrategyJSON.decoder.decode(StrategyBacktest.self, from: data) == Self.backtest)
    }
}
