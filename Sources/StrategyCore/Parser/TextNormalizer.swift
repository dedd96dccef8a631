import Basics
import Foundation

/// Turns raw tokens into the parser's vocabulary: number words become numbers, `%` and `$` and scales attach
/// to their numbers, misspelt keywords are corrected, phrases and synonyms become one keyword each, and
/// filler words are dropped.
enum TextNormalizer {
    struct Output {
        var tokens: [TextToken]
        /// Corrections made, as "oversld → oversold", so the reading is never silent.
        var corrections: [String]
    }

    static func normalize(_ raw: [TextToken]) -> Output {
        var corrections: [String] = []
        var tokens = attachNumbers(raw)
        // Typos first, so "movng averge" still forms the phrase "moving average".
        for index in tokens.indices where tokens[index].kind == .word {
            let word = tokens[index].text
            guard !isKnown(word), word.count >= 4, !word.contains("_"),
                  let fixed = closestKeyword(to: word) else { continue }
            tokens[index].text = fixed
            corrections.append("read \"\(tokens[index].original)\" as \"\(fixed)\"")
        }
        var out: [TextToken] = []
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            guard token.kind == .word else {
                out.append(token)
                i += 1
                continue
            }
            if let (length, keyword) = phrase(at: i, in: tokens) {
                var merged = TextToken.word(keyword, column: token.column,
                                            original: tokens[i..<i + length].map(\.original).joined(separator: " "))
                merged.known = true
                out.append(merged)
                i += length
                continue
            }
            let word = token.text
            if word.contains("_"), let field = Field(name: word) {
                out.append(.word("field:" + field.name, column: token.column, original: token.original))
            } else if let keyword = Lexicon.synonyms[word] {
                var mapped = token
                mapped.text = keyword
                out.append(mapped)
            } else if Lexicon.fillers.contains(word) {
                // dropped
            } else {
                var unknown = token
                unknown.known = false
                out.append(unknown)
            }
            i += 1
        }
        return Output(tokens: out, corrections: corrections)
    }

    static func isKnown(_ word: String) -> Bool {
        Lexicon.synonyms[word] != nil || Lexicon.fillers.contains(word) || Lexicon.numberWords[word] != nil
            || Lexicon.scaleWords[word] != nil || phraseWords.contains(word) || commonWords.contains(word)
    }

    /// Ordinary English words that sit close to a keyword and must never be "corrected" into one.
    static let commonWords: Set<String> = [
        "good", "bad", "tech", "beat", "beats", "when", "then", "than", "what", "that", "this", "with", "into",
        "onto", "best", "most", "least", "more", "less", "lose", "like", "just", "soon", "some", "same", "side",
        "sign", "sort", "stay", "step", "take", "takes", "call", "calls", "puts", "sector", "energy", "bank",
        "banks", "money", "cheap", "quality", "value", "growth", "news", "estimates", "earning", "stocks",
        "selloff", "point", "since", "every", "ever", "even", "over", "under", "about", "across", "along",
        "raise", "raised", "tighten", "tighter", "loosen", "looser", "widen", "wider", "remove", "delete", "change",
        "swap", "replace", "instead", "rather", "threshold", "level", "rule", "filter", "require",
    ]

    static let correctableByInitial: [Character: [String]] = Dictionary(grouping: Lexicon.correctable, by: { $0.first! })

    static let phraseWords: Set<String> = Set(Lexicon.phrases.flatMap(\.0))

    static func closestKeyword(to word: String) -> String? {
        let limit = word.count >= 7 ? 2 : 1
        let candidates = (correctableByInitial[word.first!] ?? []).filter { abs($0.count - word.count) <= limit }
        return EditDistance.closest(to: word, in: candidates, maxDistance: limit)
    }

    private static func phrase(at index: Int, in tokens: [TextToken]) -> (Int, String)? {
        guard let candidates = Lexicon.phrasesByFirstWord[tokens[index].text] else { return nil }
        for (words, keyword) in candidates where index + words.count <= tokens.count {
            var matches = true
            for (offset, word) in words.enumerated() {
                let token = tokens[index + offset]
                if token.kind != .word || token.text != word { matches = false; break }
            }
            if matches { return (words.count, keyword) }
        }
        return nil
    }

    /// Number words, scales, `%`, `+` and `$` folded into number tokens.
    private static func attachNumbers(_ raw: [TextToken]) -> [TextToken] {
        var out: [TextToken] = []
        var i = 0
        while i < raw.count {
            var token = raw[i]
            if token.kind == .word, let first = Lexicon.numberWords[token.text] {
                // "twenty five", "two hundred", "one hundred fifty"
                var value = first
                var j = i + 1
                var words = [token.original]
                while j < raw.count, raw[j].kind == .word {
                    let next = raw[j].text
                    if next == "hundred" { value *= 100 }
                    else if let more = Lexicon.numberWords[next],
                            (value >= 20 && value < 100 && value.truncatingRemainder(dividingBy: 10) == 0 && more < 10)
                            || (value >= 100 && value.truncatingRemainder(dividingBy: 100) == 0 && more < 100) { value += more }
                    else { break }
                    words.append(raw[j].original)
                    j += 1
                }
                token = .number(value, column: token.column, original: words.joined(separator: " "))
                i = j
            } else {
                i += 1
            }
            if token.kind == .symbol, token.text == "$", i < raw.count, raw[i].kind == .number {
                token = raw[i]
                token.unit = .dollars
                i += 1
            }
            guard token.kind == .number else {
                out.append(token)
                continue
            }
            // Trailing scale, percent and plus.
            while i < raw.count {
                let next = raw[i]
                if next.kind == .word, let scale = Lexicon.scaleWords[next.text], !(next.text == "hundred" && token.value >= 100) {
                    token.value *= scale
                } else if next.isSymbol("%") || next.isWord("percent") || next.isWord("pct") || next.isWord("percentage") {
                    token.unit = .percent
                } else if next.kind == .word, next.text == "per", i + 1 < raw.count, raw[i + 1].text == "cent" {
                    token.unit = .percent
                    i += 1
                } else if next.isSymbol("+") {
                    token.plus = true
                } else {
                    break
                }
                i += 1
            }
            out.append(token)
        }
        return out
    }
}
