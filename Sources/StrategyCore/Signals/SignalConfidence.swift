import Foundation

/// How sure a signal is, 0 to 100: how strongly its conditions hold, blended with how often the
/// strategy's last backtest won.
///
/// The formula, stated here and in every signal report:
///
///     s     = mean over the conditions that held of min(1, margin / usual range)   (0…1; FieldSpec.strength)
///     cond  = 50 + 50 × s                                                          (50…100: every condition held)
///     w     = 0.5 × min(1, backtest trades / 30)                                   (0…0.5)
///     score = (1 − w) × cond + w × backtest win rate (percent)
///
/// With no backtest, or one without trades, `w` is 0 and the score is `cond` alone. The backtest's
/// weight grows with its trade count, so a handful of lucky trades cannot swing it, and never
/// passes one half, so today's readings always count. The score is non-decreasing in every
/// condition's margin (the strength is capped, and its coefficient `(1 − w) × 50` is positive),
/// and lies in 0…100 because both `cond` and the win rate do.
package enum SignalConfidence {
    /// Backtest trades at which the backtest's weight reaches its cap.
    package static let fullWeightTrades = 30
    /// The largest weight the backtest's win rate gets.
    package static let maxBacktestWeight = 0.5

    /// The formula in one line, for tool output notes.
    package static let formula =
        "confidence = (1 − w) × (50 + 50 × mean condition strength) + w × last backtest win rate, w = 0.5 × min(1, backtest trades / 30); condition strength = margin ÷ the field's usual range, capped at 1; with no backtest w = 0"

    /// The mean strength of the conditions that held (0…1); 0 when none held.
    package static func conditionStrength(_ readings: [ConditionReading]) -> Double {
        let met = readings.filter(\.met)
        guard !met.isEmpty else { return 0 }
        let total = met.reduce(0.0) { $0 + min(1, max(0, $1.strength.isFinite ? $1.strength : 0)) }
        return total / Double(met.count)
    }

    /// The conditions' part of the score: 50 plus half the mean strength in points (50…100).
    package static func conditionScore(strength: Double) -> Double {
        let s = strength.isFinite ? min(1, max(0, strength)) : 0
        return 50 + 50 * s
    }

    /// The backtest's weight for a backtest of `trades` trades (0 for none).
    package static func backtestWeight(trades: Int) -> Double {
        guard trades > 0 else { return 0 }
        return maxBacktestWeight * min(1, Double(trades) / Double(fullWeightTrades))
    }

    /// The blended score. `winRatePct` is in percent (0…100); nil or `trades` 0 means no backtest to use.
    package static func score(strength: Double, winRatePct: Double?, trades: Int) -> Double {
        let cond = conditionScore(strength: strength)
        guard let rate = winRatePct, rate.isFinite else { return cond }
        let w = backtestWeight(trades: trades)
        return (1 - w) * cond + w * min(100, max(0, rate))
    }

    /// The score of a set of readings against an optional last backtest.
    package static func score(_ readings: [ConditionReading], backtest: StrategyBacktest?) -> Double {
        score(strength: conditionStrength(readings), winRatePct: backtest?.winRate, trades: backtest?.totalTrades ?? 0)
    }
}
