import Foundation

/// What a ticker may be: letters, digits, `.`, `-`, `^` and `=` (`BRK.B`, `^GSPC`, `EURUSD=X`), 1 to 12
/// characters. Checked where tickers come in (a command line, a tool's arguments, an imported file), so a
/// name made of escape codes or a whole pasted line is refused with what was wrong, not stored.
package enum Ticker {
    package static let maximumLength = 12

    /// The ticker upper-cased when it follows the rule, else an error saying why.
    package static func validate(_ text: String) throws(Invalid) -> String {
        guard !text.isEmpty else { throw Invalid(ticker: text, reason: "it is empty") }
        guard text.count <= maximumLength else {
            throw Invalid(ticker: text, reason: "it is \(text.count) characters long; a ticker has at most \(maximumLength)")
        }
        if let bad = text.unicodeScalars.first(where: { !isAllowed($0) }) {
            throw Invalid(ticker: text, reason: "it contains \(describe(bad)); a ticker holds letters, digits, ., -, ^ and = only")
        }
        return text.uppercased()
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || ".-^=".unicodeScalars.contains(scalar))
    }

    /// A refused character named so that it can be printed: a control or space by its code.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        if scalar == " " { return "a space" }
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
            return "the control character U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        }
        return "\"\(scalar)\""
    }

    /// A ticker that breaks the rule, with the reason.
    package struct Invalid: LocalizedError, Hashable, Sendable, CustomStringConvertible {
        package let ticker: String
        package let reason: String

        package var description: String {
            "\"\(ticker.prefix(maximumLength + 8))\" is not a ticker: \(reason) — write it as a ticker such as AAPL, BRK.B or ^GSPC"
        }

        package var errorDescription: String? { description }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
