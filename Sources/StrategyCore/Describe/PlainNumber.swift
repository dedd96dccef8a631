import Foundation

/// Numbers as a person writes them: `30`, `1.5`, `-10`, never `30.0` or `3e+01`.
enum PlainNumber {
    static func text(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "infinity" : "-infinity") }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// With thousands separators for large amounts (`1,000,000`), as dollar thresholds read best.
    static func grouped(_ value: Double) -> String {
        guard value.isFinite, value == value.rounded(), abs(value) >= 10_000, abs(value) < 1e15 else {
            return text(value)
        }
        let digits = String(Int(abs(value)))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }
}
