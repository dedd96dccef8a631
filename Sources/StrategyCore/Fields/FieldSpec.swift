import Foundation

/// What a field's numbers mean, so comparisons, ranges and descriptions stay honest.
package enum FieldUnit: String, Codable, Hashable, Sendable, CaseIterable {
    /// Percent points: 5 means 5%.
    case percentPoints = "percent_points"
    case dollars
    case shares
    case count
    case ratio
    /// A share price, or a distance in price units (ATR, MACD).
    case price
    /// A bounded score (RSI 0–100, sentiment −1…1, analyst rating 1–5).
    case score
    /// A position in a list where 1 is first.
    case rank
    /// 1 for yes, 0 for no.
    case flag
}

/// How much history a field needs before its first value.
package enum Lookback: Hashable, Sendable {
    /// Prior daily bars needed: `sma_200` needs 199 before the bar it is computed on.
    case bars(Int)
    /// A window of calendar days ending with the decision day (the `Nd` fields).
    case calendarDays(Int)
    /// Only the latest known value (fundamentals, holdings).
    case latestValue

    package var bars: Int? {
        if case .bars(let n) = self { return n }
        return nil
    }

    package var calendarDays: Int? {
        if case .calendarDays(let n) = self { return n }
        return nil
    }
}

/// A field's usual range, used to turn "by how much a condition is met" into a 0…1 strength.
package enum UsualRange: Hashable, Sendable {
    /// A margin of this many units counts as full strength (RSI: 100, so 10 points below 30 is 0.1).
    case span(Double)
    /// A margin of this share of the compared value counts as full strength
    /// (prices: 0.1, so a close 5% above its SMA is 0.5). Used where units grow with the stock.
    case relative(Double)
}

/// Everything the program knows about one field: how it is named, what it means and what it needs.
package struct FieldSpec: Hashable, Sendable {
    package let field: Field
    /// The name with its parameters as letters (`rsi_N`), for help and prompts.
    package let pattern: String
    /// One line per parameter ("N: closes averaged, 2 or more").
    package let parameters: [String]
    /// How a person reads it ("RSI(14)", "20-day high").
    package let displayName: String
    /// One line that defines it.
    package let meaning: String
    package let unit: FieldUnit
    package let source: DataRequirement.Source
    /// The kind of data behind it, as `DataRequirement.dataType` names it.
    package let dataType: String
    package let lookback: Lookback
    package let usualRange: UsualRange
    /// Values the field can take; a threshold outside it can never be met.
    package let validRange: ClosedRange<Double>?
    /// Whether `crosses_above`/`crosses_below` make sense: it must be a series that moves day to day.
    package let canCross: Bool

    package var name: String { field.name }

    /// The part of the pattern before the parameters (`rsi` for `rsi_N`), used to repair misspelt names.
    package var stem: String { FieldSpec.stem(of: pattern) }

    /// A condition margin measured in the field's usual range: 1 means "met by a full usual range".
    ///
    /// - Parameters:
    ///   - margin: by how much the condition holds, in the field's unit (positive when met).
    ///   - reference: the value compared against; for relative ranges the margin is divided by its size,
    ///     falling back to the field's own value (`fieldValue`) when the reference is zero.
    package func scaledMargin(margin: Double, reference: Double, fieldValue: Double) -> Double {
        guard margin.isFinite, margin > 0 else { return 0 }
        switch usualRange {
        case .span(let span):
            return margin / span
        case .relative(let share):
            let base = abs(reference) > 0 ? abs(reference) : abs(fieldValue)
            guard base > 0, base.isFinite else { return 1 }
            return margin / base / share
        }
    }

    /// A condition margin turned into a strength in 0…1 (the scaled margin, capped at 1).
    package func strength(margin: Double, reference: Double, fieldValue: Double) -> Double {
        min(1, max(0, scaledMargin(margin: margin, reference: reference, fieldValue: fieldValue)))
    }

    static func stem(of pattern: String) -> String {
        var parts: [Substring] = []
        for part in pattern.split(separator: "_") {
            if let first = part.first, first.isUppercase { break }
            parts.append(part)
        }
        return parts.joined(separator: "_")
    }
}

/// One row of the vocabulary for help text and prompts.
package struct FieldPattern: Hashable, Sendable {
    package let pattern: String
    package let example: String
    package let parameters: [String]
    package let meaning: String
    package let unit: FieldUnit

    package var stem: String { FieldSpec.stem(of: pattern) }
}
