import Foundation

/// Numbers as a trader reads them, independent of the locale: thousands separators, explicit signs where a
/// change is shown, and the unit written (`+34.2%`, `$100,000`, `-$1,800`, `$242.50`).
package enum NumberText {
    /// Shown for a number that cannot be right (NaN or infinity, from bad price data), with no unit or sign.
    package static let notANumber = "n/a"

    /// `1234567.891` with 2 decimals → "1,234,567.89".
    package static func grouped(_ value: Double, decimals: Int = 0) -> String {
        guard value.isFinite else { return notANumber }
        let text = String(format: "%.\(decimals)f", abs(value))
        let parts = text.split(separator: ".", maxSplits: 1)
        var digits = String(parts[0])
        var out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        out = digits + out
        if parts.count > 1 { out += "." + parts[1] }
        let isZero = Double(text) == 0
        return (value < 0 && !isZero ? "-" : "") + out
    }

    /// With a sign always: "+1,234.5", "-3.0", "0.0".
    package static func signed(_ value: Double, decimals: Int = 1) -> String {
        let text = grouped(value, decimals: decimals)
        guard value.isFinite, !text.hasPrefix("-"), Double(text.replacingOccurrences(of: ",", with: "")) != 0 else { return text }
        return "+" + text
    }

    /// "+34.2%" (signed) or "62.0%".
    package static func percent(_ value: Double?, decimals: Int = 1, signed isSigned: Bool = true) -> String {
        guard let value else { return "—" }
        guard value.isFinite else { return notANumber }
        return (isSigned ? signed(value, decimals: decimals) : grouped(value, decimals: decimals)) + "%"
    }

    /// "$100,000", "-$1,800", or with `signed` "+$4,200".
    package static func dollars(_ value: Double?, decimals: Int = 0, signed isSigned: Bool = false) -> String {
        guard let value else { return "—" }
        guard value.isFinite else { return notANumber }
        let body = grouped(abs(value), decimals: decimals)
        let isZero = Double(body.replacingOccurrences(of: ",", with: "")) == 0
        if value < 0 && !isZero { return "-$" + body }
        return (isSigned && !isZero ? "+$" : "$") + body
    }

    /// A share price: "$242.50".
    package static func price(_ value: Double?) -> String {
        dollars(value, decimals: 2)
    }

    /// A ratio such as Sharpe: "1.80", or "—".
    package static func ratio(_ value: Double?, decimals: Int = 2) -> String {
        guard let value else { return "—" }
        return grouped(value, decimals: decimals)
    }

    /// A value of a vocabulary field, as compact as its size allows: 28.31, 1,250,000, 0.0421.
    package static func fieldValue(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1000 { return grouped(value, decimals: 0) }
        if magnitude >= 1 || magnitude == 0 { return grouped(value, decimals: 2) }
        return grouped(value, decimals: 4)
    }
}
