import Foundation

/// One condition read at one bar: the values it compared, whether it held, and by how much.
///
/// This is what a signal's reasoning, confidence and data snapshot are built from, so every number
/// a person reads in a signal is one the engine's own rule evaluation used.
package struct ConditionReading: Codable, Hashable, Sendable {
    package var condition: Condition
    /// The left-hand field's value at the bar; nil when it has no value (warm-up, missing data).
    package var value: Double?
    /// The right-hand value at the bar: the constant, or the other field times its multiplier;
    /// nil for lists (`between`, `in`) and when the other field has no value.
    package var compared: Double?
    /// For crosses: the two sides at the bar before.
    package var previousValue: Double?
    package var previousCompared: Double?
    package var met: Bool
    /// By how much the condition holds, in the field's unit (0 for `eq`/`in`); nil when not met.
    package var margin: Double?
    /// The margin in the field's usual range, capped to 0…1 (`FieldSpec.strength`); 0 when not met.
    package var strength: Double

    package init(
        condition: Condition, value: Double?, compared: Double?, previousValue: Double? = nil,
        previousCompared: Double? = nil, met: Bool, margin: Double?, strength: Double
    ) {
        self.condition = condition
        self.value = value
        self.compared = compared
        self.previousValue = previousValue
        self.previousCompared = previousCompared
        self.met = met
        self.margin = margin
        self.strength = strength
    }
}

/// A strategy read on one ticker at one bar: whether entry and exit rules hold, and each condition's reading.
package struct TickerEvaluation: Hashable, Sendable {
    package var ticker: String
    package var day: Day
    package var open: Double
    package var high: Double
    package var low: Double
    package var close: Double
    package var volume: Double
    package var entryMet: Bool
    package var exitMet: Bool
    package var entry: [ConditionReading]
    package var exit: [ConditionReading]
    /// Every field the strategy reads, by name, at the bar (NaN where it has no value).
    package var values: [String: Double]
}
