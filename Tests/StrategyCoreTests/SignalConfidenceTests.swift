import Foundation
import Testing
@testable import StrategyCore

@Suite("Signal confidence")
struct SignalConfidenceTests {
    static func reading(field: String = "rsi_14", op: ConditionOperator = .lt, threshold: Double = 30, value: Double) -> ConditionReading {
        let margin = op == .lt ? threshold - value : value - threshold
        let met = margin > 0
        let spec = FieldRegistry.spec(named: field)!
        return ConditionReading(
            condition: Condition(field: field, operator: op, value: .number(threshold)), value: value, compared: threshold,
            met: met, margin: met ? margin : nil,
            strength: met ? spec.strength(margin: margin, reference: threshold, fieldValue: value) : 0)
    }

    @Test("the score rises with the margin and never falls")
    func monotone() {
        var previous = -1.0
        for value in stride(from: 29.9, through: -50, by: -0.7) {
            let score = SignalConfidence.score([Self.reading(value: value)], backtest: nil)
            #expect(score >= previous)
            previous = score
        }
        // RSI's usual range is 100 points: a 10-point margin is strength 0.1, so 50 + 5.
        #expect(abs(SignalConfidence.score([Self.reading(value: 20)], backtest: nil) - 55) < 1e-9)
    }

    @Test("the score stays within 0 to 100 for any margin, win rate and trade count")
    func bounded() {
        for value in [29.999, 25, 0, -1e9] {
            for rate in [0.0, 37.5, 100, 250, -20] {
                for trades in [0, 1, 29, 30, 10_000] {
                    let s = SignalConfidence.score(strength: SignalConfidence.conditionStrength([Self.reading(value: value)]),
                                                   winRatePct: rate, trades: trades)
                    #expect(s >= 0 && s <= 100)
                }
            }
        }
        #expect(SignalConfidence.score(strength: .nan, winRatePct: .nan, trades: 5) == 50)
    }

    @Test("the blend follows the documented formula, and without a backtest the conditions decide alone")
    func blend() {
        // s = 0.5: cond = 75. 15 trades: w = 0.5 × 15/30 = 0.25, so 0.75 × 75 + 0.25 × 60 = 71.25.
        #expect(abs(SignalConfidence.score(strength: 0.5, winRatePct: 60, trades: 15) - 71.25) < 1e-9)
        // 60 trades: w capped at 0.5, so 0.5 × 75 + 0.5 × 60 = 67.5.
        #expect(abs(SignalConfidence.score(strength: 0.5, winRatePct: 60, trades: 60) - 67.5) < 1e-9)
        #expect(SignalConfidence.score(strength: 0.5, winRatePct: nil, trades: 0) == 75)
        #expect(SignalConfidence.score(strength: 0.5, winRatePct: 90, trades: 0) == 75)
    }

    @Test("the mean strength counts only the conditions that held")
    func meanOfMet() {
        let strong = Self.reading(value: 10)  // margin 20 → 0.2
        let weak = Self.reading(value: 25)    // margin 5 → 0.05
        let unmet = Self.reading(value: 45)
        #expect(abs(SignalConfidence.conditionStrength([strong, weak, unmet]) - 0.125) < 1e-12)
    }
}
