import Foundation

/// One unit of a strategy description after lexing and normalising: a canonical keyword, a number with its
/// unit, or a symbol, remembering where it came from so unknown words and errors can point at it.
struct TextToken: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// A canonical keyword (`rsi`, `above`, `insider`) or an unknown word as written (lowercased).
        case word
        /// A number; `text` holds its written form.
        case number
        /// Punctuation and comparison symbols: `<`, `>=`, `,`, `;`, `.`, `:`, `(`, `)`, `*`, `/`.
        case symbol
    }

    enum NumberUnit: Hashable, Sendable {
        case plain, percent, dollars
    }

    var kind: Kind
    var text: String
    var value: Double = 0
    var unit: NumberUnit = .plain
    /// Written with a trailing plus ("3+"), meaning "at least".
    var plus = false
    /// 1-based column of the first character in the original text.
    var column: Int
    /// The text as the person wrote it (for unrecognized words).
    var original: String
    /// Whether the word was recognised as part of the vocabulary (keywords and fillers).
    var known = true

    static func word(_ text: String, column: Int, original: String, known: Bool = true) -> TextToken {
        TextToken(kind: .word, text: text, column: column, original: original, known: known)
    }

    static func number(_ value: Double, column: Int, original: String, unit: NumberUnit = .plain) -> TextToken {
        TextToken(kind: .number, text: original, value: value, unit: unit, column: column, original: original)
    }

    static func symbol(_ text: String, column: Int) -> TextToken {
        TextToken(kind: .symbol, text: text, column: column, original: text)
    }

    func isWord(_ word: String) -> Bool { kind == .word && text == word }
    func isWord(in words: Set<String>) -> Bool { kind == .word && words.contains(text) }
    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
    var isNumber: Bool { kind == .number }
}
