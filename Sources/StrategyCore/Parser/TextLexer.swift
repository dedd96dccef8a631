import Foundation

/// Splits a description into raw tokens: lowercased words, numbers with `$`, `k`/`M`/`B` and `%`, and
/// comparison symbols, each with its column. Letters glued to digits are split (`rsi14`, `50dma`),
/// snake_case names are kept whole (`rsi_14`), and `p/e`-style abbreviations stay one word.
enum TextLexer {
    static func lex(_ text: String) -> [TextToken] {
        let chars = Array(text)
        var tokens: [TextToken] = []
        var i = 0
        func column(_ index: Int) -> Int { index + 1 }
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace || c == "\"" || c == "“" || c == "”" { i += 1; continue }
            // Numbers, with an optional leading $ or minus sign.
            let startsNumber = c.isASCII && c.isNumber
                || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber)
            // A sign starts a number only after a space or an operator ("at +12%", "stop -7%"), never inside
            // a word or a range ("50-day", "30-50").
            let signed = (c == "-" || c == "−" || c == "+") && i + 1 < chars.count && chars[i + 1].isNumber
                && (i == 0 || chars[i - 1].isWhitespace || "(<>=:,".contains(chars[i - 1]))
            if c == "$" || startsNumber || signed {
                let start = i
                var dollars = false
                var negative = false
                if c == "$" { dollars = true; i += 1 }
                if i < chars.count, chars[i] == "-" || chars[i] == "−" { negative = true; i += 1 }
                if i < chars.count, chars[i] == "+" { i += 1 }
                if i < chars.count, chars[i] == "$" { dollars = true; i += 1 }
                var digits = ""
                while i < chars.count {
                    let d = chars[i]
                    if d.isASCII && d.isNumber { digits.append(d) }
                    else if d == ".", i + 1 < chars.count, chars[i + 1].isNumber { digits.append(d) }
                    else if d == ",", isThousandsGroup(chars, at: i + 1) { i += 1; continue }
                    else { break }
                    i += 1
                }
                guard let magnitude = Double(digits) else {
                    if dollars { tokens.append(.symbol("$", column: column(start))) }
                    if digits.isEmpty { i = max(i, start + 1) }
                    continue
                }
                var value = negative ? -magnitude : magnitude
                // A scale glued to the number: 500k, 1.5M, 2bn.
                var j = i
                var suffix = ""
                while j < chars.count, chars[j].isLetter { suffix.append(chars[j]); j += 1 }
                if let scale = scales[suffix.lowercased()] {
                    value *= scale
                    i = j
                }
                tokens.append(.number(value, column: column(start), original: String(chars[start..<i]), unit: dollars ? .dollars : .plain))
                if i < chars.count, chars[i] == "+", tokens[tokens.count - 1].kind == .number {
                    tokens[tokens.count - 1].plus = true
                    i += 1
                }
                continue
            }
            if c.isLetter || c == "_" {
                let start = i
                var word = ""
                while i < chars.count, chars[i].isLetter || chars[i] == "_" || (chars[i].isNumber && word.contains("_")) {
                    word.append(chars[i])
                    i += 1
                }
                // p/e, p/b, r/wallstreetbets
                if i + 1 < chars.count, chars[i] == "/", chars[i + 1].isLetter, word.count <= 2 {
                    word.append("/")
                    i += 1
                    while i < chars.count, chars[i].isLetter { word.append(chars[i]); i += 1 }
                }
                // Contractions: it's → it, don't → do not.
                if i + 1 < chars.count, chars[i] == "'" || chars[i] == "’", chars[i + 1].isLetter {
                    var tail = ""
                    var j = i + 1
                    while j < chars.count, chars[j].isLetter { tail.append(chars[j]); j += 1 }
                    i = j
                    tokens.append(.word(word.lowercased(), column: column(start), original: word))
                    if tail.lowercased() == "t" {
                        if word.lowercased().hasSuffix("n") {
                            tokens[tokens.count - 1].text = String(word.lowercased().dropLast())
                        }
                        tokens.append(.word("not", column: column(start), original: "not"))
                    }
                    continue
                }
                tokens.append(.word(word.lowercased(), column: column(start), original: word))
                continue
            }
            let start = i
            let two = i + 1 < chars.count ? String(chars[i...i + 1]) : String(c)
            switch two {
            case "<=", ">=", "=<", "=>", "==", "!=":
                let symbol = ["=<": "<=", "=>": ">=", "==": "="][two] ?? two
                tokens.append(.symbol(symbol, column: column(start)))
                i += 2
                continue
            default:
                break
            }
            switch c {
            case "<", ">", "=", ",", ";", ".", ":", "(", ")", "*", "/", "%", "&", "!", "?", "+", "×":
                tokens.append(.symbol(c == "×" ? "*" : String(c), column: column(start)))
            case "\n":
                tokens.append(.symbol(";", column: column(start)))
            default:
                break  // dashes, quotes and other marks separate words and carry no meaning
            }
            i += 1
        }
        return tokens
    }

    static let scales: [String: Double] = [
        "k": 1e3, "K": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9,
    ]

    private static func isThousandsGroup(_ chars: [Character], at index: Int) -> Bool {
        guard index + 2 < chars.count else { return false }
        let group = chars[index...index + 2].allSatisfy { $0.isASCII && $0.isNumber }
        let after = index + 3 < chars.count ? chars[index + 3] : " "
        return group && !(after.isASCII && after.isNumber)
    }
}
