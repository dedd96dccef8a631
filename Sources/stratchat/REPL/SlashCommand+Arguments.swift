import Foundation

/// Splits the text after a strategy slash command into its parts. Pure, so the rules are tested alone.
///
/// A reference may be a name with spaces, so parts are taken from the ends: dates and `on TICKERS` from
/// the right, a version number last; `/refine` takes the reference first, in quotes when it holds spaces.
enum SlashArguments {
    struct Backtest: Hashable, Sendable {
        var reference: String
        var from: String?
        var to: String?
        /// Tickers joined by commas, or a universe name, from `on …`.
        var universe: String?
    }

    /// `[ID] [FROM] [TO] [on TICKERS]`.
    static func backtest(_ text: String) -> Backtest {
        let (rest, universe) = scope(text)
        var words = rest.split(whereSeparator: \.isWhitespace).map(String.init)
        var dates: [String] = []
        while dates.count < 2, let last = words.last, isDate(last) {
            dates.insert(words.removeLast(), at: 0)
        }
        return Backtest(reference: words.joined(separator: " "), from: dates.first, to: dates.count > 1 ? dates[1] : nil,
                        universe: universe)
    }

    /// Splits off a trailing `on AAPL,MSFT` (or `on AAPL MSFT`, or `on sample`).
    static func scope(_ text: String) -> (rest: String, universe: String?) {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let on = words.lastIndex(where: { $0.lowercased() == "on" }), on + 1 < words.count else {
            return (words.joined(separator: " "), nil)
        }
        let items = words[(on + 1)...].flatMap { $0.split(separator: ",") }.map(String.init)
        return (words[..<on].joined(separator: " "), items.joined(separator: ","))
    }

    /// `ID TEXT`, or `"a name with spaces" TEXT`.
    static func leadingReference(_ text: String) -> (reference: String, rest: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("\""), let close = trimmed.dropFirst().firstIndex(of: "\"") {
            let reference = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
            return (String(reference), trimmed[trimmed.index(after: close)...].trimmingCharacters(in: .whitespaces))
        }
        let reference = trimmed.prefix { !$0.isWhitespace }
        return (String(reference), trimmed.dropFirst(reference.count).trimmingCharacters(in: .whitespaces))
    }

    /// `NAME TEXT` for an unquoted name of several words: the longest run of leading words that is one of
    /// `names` (ignoring case), so `/refine RSI dip tighten the stop` finds "RSI dip". Nil when none is.
    static func leadingName(_ text: String, names: [String]) -> (reference: String, rest: String)? {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let known = Set(names.map { $0.lowercased() })
        for count in stride(from: words.count - 1, through: 2, by: -1) {
            let candidate = words[..<count].joined(separator: " ")
            if known.contains(candidate.lowercased()) { return (candidate, words[count...].joined(separator: " ")) }
        }
        return nil
    }

    /// `ID VERSION`, where the version may be written `2` or `v2`.
    static func trailingVersion(_ text: String) -> (reference: String, version: Int?) {
        var words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let last = words.last else { return ("", nil) }
        let digits = last.lowercased().hasPrefix("v") ? String(last.dropFirst()) : last
        guard let version = Int(digits) else { return (words.joined(separator: " "), nil) }
        words.removeLast()
        return (words.joined(separator: " "), version)
    }

    static func isDate(_ word: String) -> Bool {
        let parts = word.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [4, 2, 2] && parts.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}
