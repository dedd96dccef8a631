import Foundation
import Testing
@testable import StrategyCore

/// One validation rule: a strategy broken in one place and the single problem it must produce.
struct ValidationRuleCase: CustomTestStringConvertible, Sendable {
    let rule: String
    let strategy: TradingStrategy
    let path: String
    let message: String
    /// Text the fix must contain, so the advice is specific, not generic.
    let fixContains: String

    var testDescription: String { rule }
}

private func entry(_ field: String, _ op: ConditionOperator, _ value: ConditionValue) -> TradingStrategy {
    ModelFixtures.strategy(entry: [Condition(field: field, operator: op, value: value)])
}

private func ref(_ field: String, _ multiplier: Double? = nil) -> ConditionValue {
    .field(FieldReference(field: field, multiplier: multiplier))
}

private func risk(_ change: (inout RiskParameters) -> Void) -> TradingStrategy {
    var risk = RiskParameters(stopLossPct: 8, takeProfitPct: 20, maxHoldDays: 30, positionSizePct: 5)
    change(&risk)
    return ModelFixtures.strategy(risk: risk)
}

let validationRuleCases: [ValidationRuleCase] = [
    ValidationRuleCase(rule: "empty name", strategy: {
        var s = ModelFixtures.strategy()
        s.name = "  "
        return s
    }(), path: "name", message: "the strategy has no name", fixContains: "short name"),
    ValidationRuleCase(rule: "no entry conditions", strategy: ModelFixtures.strategy(entry: []),
             path: "entry_conditions", message: "there are no entry conditions, so the strategy never buys",
             fixContains: #""field": "rsi_14""#),
    ValidationRuleCase(rule: "unknown field names the closest valid one", strategy: entry("rsii_14", .lt, .number(30)),
             path: "entry_conditions[0].field", message: #"unknown field "rsii_14""#, fixContains: "did you mean rsi_14?"),
    ValidationRuleCase(rule: "unknown field without any close name", strategy: entry("zzqxwv", .lt, .number(30)),
             path: "entry_conditions[0].field", message: #"unknown field "zzqxwv""#, fixContains: "sma_50"),
    ValidationRuleCase(rule: "a parameter out of range explains the pattern", strategy: entry("rsi_1", .lt, .number(30)),
             path: "entry_conditions[0].field", message: #"field "rsi_1" does not fit the pattern rsi_N"#,
             fixContains: "N: period in bars (2 or more); at most 5000; e.g. rsi_14"),
    ValidationRuleCase(rule: "unknown field in an exit condition", strategy: ModelFixtures.strategy(
        exit: [Condition(field: "rsi_14", operator: .gt, value: .number(70)), Condition(field: "clsoe", operator: .lt, value: ref("sma_50"))]),
             path: "exit_conditions[1].field", message: #"unknown field "clsoe""#, fixContains: "did you mean close?"),
    ValidationRuleCase(rule: "between with one number in a list", strategy: entry("rsi_14", .between, .numbers([30])),
             path: "entry_conditions[0].value", message: #""between" needs exactly two numbers [low, high], found 1"#,
             fixContains: "[30, 70]"),
    ValidationRuleCase(rule: "between with the bounds reversed", strategy: entry("rsi_14", .between, .numbers([70, 30])),
             path: "entry_conditions[0].value",
             message: #""between" range [70, 30] is empty: the low bound must be below the high one"#,
             fixContains: "write it as [30, 70]"),
    ValidationRuleCase(rule: "between with equal bounds", strategy: entry("rsi_14", .between, .numbers([30, 30])),
             path: "entry_conditions[0].value",
             message: #""between" range [30, 30] is empty: the low bound must be below the high one"#, fixContains: "\"eq\""),
    ValidationRuleCase(rule: "between with a single number", strategy: entry("rsi_14", .between, .number(30)),
             path: "entry_conditions[0].value",
             message: #""between" needs two numbers [low, high], found the single number 30"#, fixContains: "[low, high]"),
    ValidationRuleCase(rule: "between with a field", strategy: entry("close", .between, ref("sma_50")),
             path: "entry_conditions[0].value",
             message: #""between" needs two numbers [low, high], found the field sma_50"#, fixContains: "[low, high]"),
    ValidationRuleCase(rule: "in with a single number", strategy: entry("analyst_rating_score", .in, .number(5)),
             path: "entry_conditions[0].value", message: #""in" needs a list of numbers, found the single number 5"#,
             fixContains: "write [5]"),
    ValidationRuleCase(rule: "in with an empty list", strategy: entry("analyst_rating_score", .in, .numbers([])),
             path: "entry_conditions[0].value", message: #""in" has an empty list, so the condition never holds"#,
             fixContains: "[4, 5]"),
    ValidationRuleCase(rule: "in with a field", strategy: entry("close", .in, ref("sma_50")),
             path: "entry_conditions[0].value", message: #""in" needs a list of numbers, found the field sma_50"#,
             fixContains: "\"eq\""),
    ValidationRuleCase(rule: "a list for a one-number operator", strategy: entry("rsi_14", .gt, .numbers([30, 40])),
             path: "entry_conditions[0].value", message: #""gt" compares with one number, found a list of 2"#,
             fixContains: "\"between\""),
    ValidationRuleCase(rule: "a crossing on a yes/no field", strategy: entry("held", .crossesAbove, .number(0)),
             path: "entry_conditions[0].operator",
             message: "held cannot cross anything: it is a yes/no state, not a series that moves",
             fixContains: #"instead of "crosses_above""#),
    ValidationRuleCase(rule: "a field reference naming an unknown field", strategy: entry("close", .gt, ref("smaa_50")),
             path: "entry_conditions[0].value.field", message: #"unknown field "smaa_50""#, fixContains: "did you mean sma_50?"),
    ValidationRuleCase(rule: "a negative multiplier", strategy: entry("volume", .gt, ref("volume_sma_20", -2)),
             path: "entry_conditions[0].value.multiplier", message: "the multiplier must be a number above 0, found -2",
             fixContains: "positive scale"),
    ValidationRuleCase(rule: "a zero multiplier", strategy: entry("volume", .gt, ref("volume_sma_20", 0)),
             path: "entry_conditions[0].value.multiplier", message: "the multiplier must be a number above 0, found 0",
             fixContains: "positive scale"),
    ValidationRuleCase(rule: "fields of different units compared", strategy: entry("rsi_14", .gt, ref("sma_50")),
             path: "entry_conditions[0].value.field",
             message: "compares rsi_14 (a score) with sma_50 (a price), which are in different units",
             fixContains: "same unit"),
    ValidationRuleCase(rule: "a field compared with itself", strategy: entry("sma_50", .gt, ref("sma_50")),
             path: "entry_conditions[0].value.field", message: "compares sma_50 with itself, so the result never changes",
             fixContains: "multiplier"),
    ValidationRuleCase(rule: "a value that is not a number", strategy: entry("rsi_14", .lt, .number(.nan)),
             path: "entry_conditions[0].value", message: "the value is not a finite number (NaN)", fixContains: "plain number"),
    ValidationRuleCase(rule: "an infinite bound", strategy: entry("rsi_14", .between, .numbers([30, .infinity])),
             path: "entry_conditions[0].value[1]", message: "the value is not a finite number (infinity)",
             fixContains: "plain number"),
    ValidationRuleCase(rule: "an RSI threshold above 100", strategy: entry("rsi_14", .lt, .number(130)),
             path: "entry_conditions[0].value", message: "rsi_14 is always between 0 and 100, so 130 can never be reached",
             fixContains: "30 for oversold"),
    ValidationRuleCase(rule: "a negative price", strategy: entry("close", .lt, .number(-5)),
             path: "entry_conditions[0].value", message: "close is never below 0, so -5 can never be reached",
             fixContains: "never below 0"),
    ValidationRuleCase(rule: "sentiment outside -1 to 1", strategy: entry("reddit_sentiment_7d", .between, .numbers([0.5, 2])),
             path: "entry_conditions[0].value[1]",
             message: "reddit_sentiment_7d is always between -1 and 1, so 2 can never be reached", fixContains: "-1 and 1"),
    ValidationRuleCase(rule: "equality on a price", strategy: entry("close", .eq, .number(100)),
             path: "entry_conditions[0].operator",
             message: #""eq" on close almost never holds, because prices move in fractions of a cent"#, fixContains: "\"between\""),
    ValidationRuleCase(rule: "position gain in an entry condition", strategy: entry("position_pnl_pct", .gt, .number(5)),
             path: "entry_conditions[0].field",
             message: "position_pnl_pct has no value before a position is open, so this entry condition never holds",
             fixContains: "exit_conditions"),
    ValidationRuleCase(rule: "a negative stop", strategy: risk { $0.stopLossPct = -5 },
             path: "risk_parameters.stop_loss_pct", message: "the stop loss must be above 0, found -5", fixContains: "8% stop"),
    ValidationRuleCase(rule: "a zero stop", strategy: risk { $0.stopLossPct = 0 },
             path: "risk_parameters.stop_loss_pct", message: "the stop loss must be above 0, found 0", fixContains: "null for none"),
    ValidationRuleCase(rule: "a stop of 100% or more", strategy: risk { $0.stopLossPct = 100 },
             path: "risk_parameters.stop_loss_pct",
             message: "a stop loss of 100% never triggers: a long position cannot lose 100% or more", fixContains: "below 100"),
    ValidationRuleCase(rule: "a stop that is not a number", strategy: risk { $0.stopLossPct = .nan },
             path: "risk_parameters.stop_loss_pct", message: "the stop loss is not a finite number (NaN)", fixContains: "e.g. 8"),
    ValidationRuleCase(rule: "a zero take profit", strategy: risk { $0.takeProfitPct = 0 },
             path: "risk_parameters.take_profit_pct", message: "the take profit must be above 0, found 0", fixContains: "20%"),
    ValidationRuleCase(rule: "a negative take profit", strategy: risk { $0.takeProfitPct = -3 },
             path: "risk_parameters.take_profit_pct", message: "the take profit must be above 0, found -3", fixContains: "20%"),
    ValidationRuleCase(rule: "a holding limit under one day", strategy: risk { $0.maxHoldDays = 0 },
             path: "risk_parameters.max_hold_days", message: "max_hold_days must be at least 1, found 0", fixContains: "calendar days"),
    ValidationRuleCase(rule: "a zero position size", strategy: risk { $0.positionSizePct = 0 },
             path: "risk_parameters.position_size_pct", message: "position_size_pct must be above 0 and at most 100, found 0",
             fixContains: "5 for 5%"),
    ValidationRuleCase(rule: "a position size over 100", strategy: risk { $0.positionSizePct = 150 },
             path: "risk_parameters.position_size_pct", message: "position_size_pct must be above 0 and at most 100, found 150",
             fixContains: "5 for 5%"),
    ValidationRuleCase(rule: "risk per trade out of range", strategy: risk { $0.riskPerTradePct = 0 },
             path: "risk_parameters.risk_per_trade_pct", message: "risk_per_trade_pct must be above 0 and at most 100, found 0",
             fixContains: "1 for 1%"),
    ValidationRuleCase(rule: "risk per trade over 100", strategy: risk { $0.riskPerTradePct = 120 },
             path: "risk_parameters.risk_per_trade_pct", message: "risk_per_trade_pct must be above 0 and at most 100, found 120",
             fixContains: "1 for 1%"),
    ValidationRuleCase(rule: "risk per trade without a stop", strategy: risk {
        $0.stopLossPct = nil
        $0.riskPerTradePct = 1
    }, path: "risk_parameters.risk_per_trade_pct", message: "risk_per_trade_pct needs a stop loss to size against, and there is none",
             fixContains: "stop_loss_pct"),
    ValidationRuleCase(rule: "nothing ever closes a position", strategy: ModelFixtures.strategy(
        exit: [], risk: RiskParameters(stopLossPct: nil, takeProfitPct: nil, maxHoldDays: nil, positionSizePct: 5)),
             path: "exit_conditions",
             message: "nothing ever closes a position: no exit conditions, stop loss, take profit or max_hold_days",
             fixContains: "max_hold_days"),
]

@Suite("Strategy validation rules")
struct ValidationRuleTests {
    @Test("a sound strategy has no problems")
    func soundStrategy() {
        #expect(StrategyValidator.validate(ModelFixtures.strategy()) == [])
        let rich = ModelFixtures.strategy(
            entry: [
                Condition(field: "volume", operator: .gt, value: ref("volume_sma_20", 2)),
                Condition(field: "close", operator: .crossesAbove, value: ref("high_20")),
                Condition(field: "rsi_14", operator: .between, value: .numbers([40, 60])),
                Condition(field: "analyst_rating_score", operator: .in, value: .numbers([4, 5])),
                Condition(field: "held", operator: .eq, value: .number(0)),
            ],
            exit: [Condition(field: "position_pnl_pct", operator: .lt, value: .number(-5))],
            risk: RiskParameters(stopLossPct: 8, takeProfitPct: nil, maxHoldDays: nil, positionSizePct: 100, riskPerTradePct: 1))
        #expect(StrategyValidator.validate(rich) == [])
    }

    @Test("each rule reports one problem with its path, message and a specific fix", arguments: validationRuleCases)
    func rule(_ c: ValidationRuleCase) throws {
        let problems = StrategyValidator.validate(c.strategy)
        try #require(problems.count == 1, "\(problems)")
        #expect(problems[0].path == c.path)
        #expect(problems[0].message == c.message)
        #expect(problems[0].fix.contains(c.fixContains), "\(problems[0].fix)")
    }

    @Test("every problem is reported at once, in document order")
    func allAtOnce() {
        var strategy = ModelFixtures.strategy(
            entry: [Condition(field: "rsi14", operator: .between, value: .numbers([70, 30]))],
            exit: [Condition(field: "close", operator: .gt, value: ref("sma_50", -1))],
            risk: RiskParameters(stopLossPct: -1, takeProfitPct: 20, maxHoldDays: 30, positionSizePct: 150))
        strategy.name = ""
        let paths = StrategyValidator.validate(strategy).map(\.path)
        #expect(paths == [
            "name", "entry_conditions[0].field", "entry_conditions[0].value", "exit_conditions[0].value.multiplier",
            "risk_parameters.stop_loss_pct", "risk_parameters.position_size_pct",
        ])
    }

    @Test("a problem prints as one line with its path and fix")
    func problemText() {
        let problem = StrategyProblem(path: "name", message: "the strategy has no name", fix: "give it a name")
        #expect(problem.description == "name: the strategy has no name — give it a name")
    }
}

@Suite("Conditions that contradict each other")
struct ValidationConsistencyTests {
    private func conditions(_ list: [(String, ConditionOperator, ConditionValue)]) -> [Condition] {
        list.map { Condition(field: $0.0, operator: $0.1, value: $0.2) }
    }

    @Test("AND of disjoint ranges on one field is reported at the condition that empties it")
    func contradiction() {
        let strategy = ModelFixtures.strategy(entry: conditions([
            ("rsi_14", .lt, .number(30)), ("close", .gt, .field(FieldReference(field: "sma_50"))), ("rsi_14", .gt, .number(70)),
        ]))
        #expect(StrategyValidator.validate(strategy) == [StrategyProblem(
            path: "entry_conditions[2].value",
            message: "RSI(14) > 70 can never hold together with RSI(14) < 30: no value of rsi_14 meets both",
            fix: #"change one of the thresholds, or combine them with "OR" (entry_logic)"#)])
    }

    @Test("touching open and closed ends", arguments: [
        (ConditionOperator.gt, 30.0, ConditionOperator.lt, 30.0, true),
        (.gte, 30, .lte, 30, false),
        (.gte, 30, .lt, 30, true),
        (.gt, 30, .lt, 30.5, false),
    ])
    func ends(first: ConditionOperator, a: Double, second: ConditionOperator, b: Double, contradicts: Bool) {
        let strategy = ModelFixtures.strategy(entry: conditions([("rsi_14", first, .number(a)), ("rsi_14", second, .number(b))]))
        #expect(!StrategyValidator.validate(strategy).isEmpty == contradicts)
    }

    @Test("between and eq narrow the range too; OR logic is never a contradiction")
    func betweenAndOr() {
        var strategy = ModelFixtures.strategy(
            entry: conditions([("rsi_14", .between, .numbers([20, 40])), ("rsi_14", .eq, .number(50))]))
        #expect(StrategyValidator.validate(strategy).map(\.path) == ["entry_conditions[1].value"])
        strategy.entryLogic = .or
        #expect(StrategyValidator.validate(strategy) == [])
    }

    @Test("exit conditions joined by AND are checked as well")
    func exitSide() {
        var strategy = ModelFixtures.strategy(exit: conditions([("price_change_pct_5", .gt, .number(10)), ("price_change_pct_5", .lt, .number(-10))]))
        strategy.exitLogic = .and
        #expect(StrategyValidator.validate(strategy).map(\.fix) == [#"change one of the thresholds, or combine them with "OR" (exit_logic)"#])
    }
}
