import Foundation

/// Turns condition readings into the lines a person reads: "RSI(14) is 28.3 (below 30)".
///
/// One line per condition, each with the actual values compared. Fields built on generated data
/// end with "(synthetic sample)" so no one mistakes them for real filings or posts.
package enum SignalReasoning {
    /// One line per reading, joined with "; " by `text(_:synthetic:)`.
    package static func lines(_ readings: [ConditionReading], synthetic: Set<String> = []) -> [String] {
        readings.map { line($0, synthetic: synthetic) }
    }

    /// The reasoning of a signal: its lines joined into one string, one line each.
    package static func text(_ readings: [ConditionReading], synthetic: Set<String> = []) -> String {
        lines(readings, synthetic: synthetic).joined(separator: "\n")
    }

    package static func line(_ r: ConditionReading, synthetic: Set<String> = []) -> String {
        let c = r.condition
        let spec = FieldRegistry.spec(named: c.field)
        let name = spec?.displayName ?? c.field
        let unit = spec?.unit ?? .ratio
        guard let value = r.value else {
            return "\(name) has no value on this day, so \"\(c.field) \(c.operator.symbol) …\" did not hold"
        }
        let shown = format(value, unit: unit)
        var rhs: String
        switch c.value {
        case .number(let x): rhs = threshold(x, unit: unit)
        case .numbers(let xs): rhs = xs.map { threshold($0, unit: unit) }.joined(separator: c.operator == .between ? " and " : ", ")
        case .field(let ref):
            let other = FieldRegistry.spec(named: ref.field)
            let otherName = other?.displayName ?? ref.field
            let scale = ref.multiplier.map { $0 == 1 ? "" : "\(PlainNumber.text($0)) × " } ?? ""
            rhs = "\(scale)\(otherName) " + (r.compared.map { format($0, unit: other?.unit ?? unit) } ?? "(no value)")
        }
        let phrase: String
        switch c.operator {
        case .gt: phrase = "above \(rhs)"
        case .gte: phrase = "at or above \(rhs)"
        case .lt: phrase = "below \(rhs)"
        case .lte: phrase = "at or below \(rhs)"
        case .eq: phrase = "equal to \(rhs)"
        case .between: phrase = "between \(rhs)"
        case .in: phrase = "one of \(rhs)"
        case .crossesAbove, .crossesBelow:
            let was = r.previousValue.map { format($0, unit: unit) } ?? "no value"
            let wasOther = r.previousCompared.map { format($0, unit: unit) } ?? "no value"
            phrase = "\(c.operator.symbol) \(rhs); the day before \(was) vs \(wasOther)"
        }
        var text = r.met ? "\(name) is \(shown) (\(phrase))" : "\(name) is \(shown), not \(phrase)"
        let fields = c.fieldsUsed
        if fields.contains(where: synthetic.contains) { text += " (synthetic sample)" }
        return text
    }

    /// A number as its unit reads: $1.2M, 28.3, 5, 12.5%.
    package static func format(_ x: Double, unit: FieldUnit) -> String {
        guard x.isFinite else { return "no value" }
        switch unit {
        case .dollars: return money(x)
        case .count, .rank, .flag: return x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x)
        case .shares: return grouped(x)
        case .percentPoints: return String(format: "%.1f%%", x)
        case .price: return String(format: "%.2f", x)
        case .score, .ratio: return abs(x) >= 100 ? String(format: "%.0f", x) : String(format: abs(x) < 1 ? "%.3f" : "%.1f", x)
        }
    }

    /// A threshold as the strategy states it: 30, not 30.0; dollars in short form.
    package static func threshold(_ x: Double, unit: FieldUnit) -> String {
        guard x.isFinite else { return "no value" }
        switch unit {
        case .dollars: return money(x)
        case .percentPoints: return PlainNumber.text(x) + "%"
        default: return PlainNumber.grouped(x)
        }
    }

    /// Dollars in short form: $850K, $1.2M, $3.4B; smaller amounts in full.
    package static func money(_ x: Double) -> String {
        let a = abs(x), sign = x < 0 ? "-" : ""
        switch a {
        case 1e9...: return "\(sign)$" + String(format: "%.1fB", a / 1e9)
        case 1e6...: return "\(sign)$" + String(format: "%.1fM", a / 1e6)
        case 1e4...: return "\(sign)$" + String(format: "%.0fK", a / 1e3)
        default: return "\(sign)$" + String(format: "%.2f", a)
        }
    }

    static func grouped(_ x: Double) -> String {
        PlainNumber.grouped(x.rounded())
    }
}
