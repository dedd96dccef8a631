import Foundation

/// The precise strategy form:
///
///     entry: rsi_14 < 30 and close > sma_200; exit: rsi_14 > 70 or stop 8%; size 5%
///
/// Statements are separated by `;` or new lines: `entry:`, `exit:` (conditions joined by one of `and`/`or`,
/// plus `stop N%`, `target N%`, `max N days` inside exit), `stop`, `target`, `max`, `size N%`, `risk N%`,
/// `timeframe short_term`, `name "…"`. Values may be numbers (`1M`, `500k`, `-10`), fields, or scaled fields
/// (`2 * volume_sma_20`); `between 30 and 50` gives a range. Errors name the column.
enum StrategyDSL {
    enum Outcome {
        case strategy(ParseDraft)
        case failure(StrategyParseError)
        /// The text is English with headers ("Entry: 3+ insider buys …"); the plain-text reader takes it.
        case notDSL
    }

    struct Token {
        enum Kind { case word, number, symbol, string }
        var kind: Kind
        var text: String
        var value: Double = 0
        var column: Int
    }

    /// A structural mismatch: the text is probably English, not the precise form.
    struct NotDSL: Error {}

    static func looksLikeDSL(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard let first = lower.split(whereSeparator: { $0 == ";" || $0 == "\n" }).first else { return false }
        let head = first.trimmingCharacters(in: .whitespaces)
        return head.hasPrefix("entry:") || head.hasPrefix("entry :") || head.hasPrefix("name \"")
    }

    static func parse(_ text: String) -> Outcome {
        guard looksLikeDSL(text) else { return .notDSL }
        do {
            let tokens = try lex(text)
            var parser = StrategyDSLParser(tokens: tokens, end: text.count + 1)
            return .strategy(try parser.parse())
        } catch let error as StrategyParseError {
            return .failure(error)
        } catch {
            return .notDSL
        }
    }

    static func lex(_ text: String) throws -> [Token] {
        let chars = Array(text)
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let column = i + 1
            if c == "\n" { tokens.append(Token(kind: .symbol, text: ";", column: column)); i += 1; continue }
            if c.isWhitespace { i += 1; continue }
            if c == "\"" {
                var j = i + 1
                var value = ""
                while j < chars.count, chars[j] != "\"" { value.append(chars[j]); j += 1 }
                guard j < chars.count else {
                    throw StrategyParseError(column: column, message: "the quoted name is not closed", fix: "end it with a \" character")
                }
                tokens.append(Token(kind: .string, text: value, column: column))
                i = j + 1
                continue
            }
            if c.isNumber || ((c == "-" || c == ".") && i + 1 < chars.count && chars[i + 1].isNumber) {
                var j = i + 1
                while j < chars.count, chars[j].isNumber || chars[j] == "." || chars[j] == "_" { j += 1 }
                let digits = String(chars[i..<j]).replacingOccurrences(of: "_", with: "")
                guard var value = Double(digits) else {
                    throw StrategyParseError(column: column, message: "\"\(digits)\" is not a number", fix: "write a plain number such as 30 or 0.5")
                }
                if j < chars.count, let scale = ["k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "b": 1e9, "B": 1e9][chars[j]],
                   j + 1 >= chars.count || !chars[j + 1].isLetter {
                    value *= scale
                    j += 1
                }
                if j < chars.count, chars[j] == "%" { j += 1 }
                tokens.append(Token(kind: .number, text: String(chars[i..<j]), value: value, column: column))
                i = j
                continue
            }
            if c.isLetter || c == "_" {
                var j = i
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_"
                        || (chars[j] == "." && j + 1 < chars.count && chars[j + 1].isNumber) { j += 1 }
                tokens.append(Token(kind: .word, text: String(chars[i..<j]), column: column))
                i = j
                continue
            }
            let two = i + 1 < chars.count ? String(chars[i...i + 1]) : ""
            if ["<=", ">=", "==", "!="].contains(two) {
                tokens.append(Token(kind: .symbol, text: two == "==" ? "=" : two, column: column))
                i += 2
                continue
            }
            if "<>=:;*,%×".contains(c) {
                tokens.append(Token(kind: .symbol, text: c == "×" ? "*" : String(c), column: column))
                i += 1
                continue
            }
            // A character the precise form never uses ("3+", "$500K"): the text is English with headers.
            throw NotDSL()
        }
        return tokens
    }
}
