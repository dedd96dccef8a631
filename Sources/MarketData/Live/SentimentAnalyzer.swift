import Foundation

/// Scores text in [−1, 1] with VADER (Hutto & Gilbert, 2014) and finance slang added (`FinanceSlang`).
///
/// Implements VADER's core rules: lexicon valences, booster words, ALL-CAPS emphasis, negation within
/// three words, "never so/this", "without doubt", "no" before a rated word, "but" shifting weight to the
/// second clause, and "!"/"?" emphasis, normalised as `s / sqrt(s² + 15)`. Idioms, "kind of" and the
/// emoji lexicon are left out. The lexicon ships as a resource (`Live/Lexicon`, with its NOTICE).
package struct SentimentAnalyzer: Sendable {
    package let lexicon: [String: Double]

    static let boosterIncrement = 0.293
    static let capsIncrement = 0.733
    static let negationScalar = -0.74
    static let normalizationAlpha = 15.0

    /// Loads the bundled VADER lexicon plus the finance slang.
    package init() throws {
        guard let url = Bundle.module.url(forResource: "vader_lexicon", withExtension: "tsv", subdirectory: "Lexicon")
            ?? Bundle.module.url(forResource: "vader_lexicon", withExtension: "tsv") else {
            throw LiveSourceError.cache(source: "sentiment", reason: "the VADER lexicon resource is missing from the build")
        }
        try self.init(lexiconText: String(contentsOf: url, encoding: .utf8))
    }

    /// Builds from lexicon text in VADER's format (`token<TAB>valence[<TAB>…]` per line), then adds the slang.
    package init(lexiconText: String, slang: [String: Double] = FinanceSlang.valences) {
        var table: [String: Double] = [:]
        for line in lexiconText.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, let value = Double(fields[1].trimmingCharacters(in: .whitespaces)) else { continue }
            table[String(fields[0])] = value
        }
        table.merge(slang) { _, new in new }
        lexicon = table
    }

    /// The compound score of `text`: below −0.05 negative, above 0.05 positive, by VADER's convention.
    package func compound(_ text: String) -> Double {
        let words = tokens(text)
        guard !words.isEmpty else { return 0 }
        let capsDiffer = words.contains { Self.isUpper($0) } && !words.allSatisfy { Self.isUpper($0) }
        var valences: [Double] = []
        for (i, word) in words.enumerated() {
            // A booster only scales its neighbour; it carries no sentiment itself.
            valences.append(Self.boosters[word.lowercased()] != nil ? 0 : valence(of: i, in: words, capsDiffer: capsDiffer))
        }
        applyBut(words, &valences)
        var sum = valences.reduce(0, +)
        let emphasis = punctuationEmphasis(text)
        if sum > 0 { sum += emphasis } else if sum < 0 { sum -= emphasis }
        let score = sum / (sum * sum + Self.normalizationAlpha).squareRoot()
        return min(1, max(-1, score))
    }

    /// The mean compound score of several texts, nil when there are none.
    package func meanCompound(_ texts: [String]) -> Double? {
        guard !texts.isEmpty else { return nil }
        return texts.map(compound).reduce(0, +) / Double(texts.count)
    }

    /// One word's valence after its context (same order of rules as VADER 3.3.2's `sentiment_valence`).
    private func valence(of i: Int, in words: [String], capsDiffer: Bool) -> Double {
        let word = words[i]
        let lower = word.lowercased()
        guard let base = lexicon[lower] else { return 0 }
        var value = base
        // "no" directly before a rated word is a negator, not a sentiment of its own.
        if lower == "no", i + 1 < words.count, lexicon[words[i + 1].lowercased()] != nil { value = 0 }
        let before = { (k: Int) in i >= k ? words[i - k].lowercased() : "" }
        if before(1) == "no" || before(2) == "no" || (before(3) == "no" && ["or", "nor"].contains(before(1))) {
            value = base * Self.negationScalar
        }
        if Self.isUpper(word), capsDiffer { value += value > 0 ? Self.capsIncrement : -Self.capsIncrement }
        for distance in 1...3 where i >= distance {
            guard lexicon[before(distance)] == nil else { continue }
            var boost = boosterScalar(words[i - distance], valence: value, capsDiffer: capsDiffer)
            if distance == 2, boost != 0 { boost *= 0.95 }
            if distance == 3, boost != 0 { boost *= 0.9 }
            value += boost
            value = negationAdjusted(value, at: i, distance: distance, words: words)
        }
        // "least" before a word reverses it, except in "at least".
        if i >= 1, before(1) == "least", lexicon["least"] == nil, before(2) != "at", before(2) != "very" {
            value *= Self.negationScalar
        }
        return value
    }

    private func negationAdjusted(_ value: Double, at i: Int, distance: Int, words: [String]) -> Double {
        let w = { (k: Int) in words[i - k].lowercased() }
        switch distance {
        case 1:
            return Self.isNegation(w(1)) ? value * Self.negationScalar : value
        case 2:
            if w(2) == "never", w(1) == "so" || w(1) == "this" { return value * 1.25 }
            if w(2) == "without", w(1) == "doubt" { return value }
            return Self.isNegation(w(2)) ? value * Self.negationScalar : value
        default:
            if w(3) == "never", ["so", "this"].contains(w(2)) || ["so", "this"].contains(w(1)) { return value * 1.25 }
            if w(3) == "without", w(2) == "doubt" || w(1) == "doubt" { return value }
            return Self.isNegation(w(3)) ? value * Self.negationScalar : value
        }
    }

    private func boosterScalar(_ word: String, valence: Double, capsDiffer: Bool) -> Double {
        guard var scalar = Self.boosters[word.lowercased()] else { return 0 }
        if valence < 0 { scalar = -scalar }
        if Self.isUpper(word), capsDiffer { scalar += valence > 0 ? Self.capsIncrement : -Self.capsIncrement }
        return scalar
    }

    /// Words before "but" count half, words after it one and a half times.
    private func applyBut(_ words: [String], _ valences: inout [Double]) {
        guard let but = words.firstIndex(where: { $0.lowercased() == "but" }) else { return }
        for k in valences.indices where k != but {
            valences[k] *= k < but ? 0.5 : 1.5
        }
    }

    private func punctuationEmphasis(_ text: String) -> Double {
        let bangs = min(4, text.filter { $0 == "!" }.count)
        let questions = text.filter { $0 == "?" }.count
        let questionEmphasis = questions > 1 ? (questions <= 3 ? Double(questions) * 0.18 : 0.96) : 0
        return Double(bangs) * 0.292 + questionEmphasis
    }

    /// Whitespace tokens with surrounding punctuation stripped (unless that leaves ≤ 2 characters, which
    /// keeps emoticons), one-character tokens dropped, and known two-word slang joined.
    func tokens(_ text: String) -> [String] {
        var words: [String] = []
        for raw in text.split(whereSeparator: \.isWhitespace) {
            let stripped = raw.trimmingCharacters(in: .punctuationCharacters.union(.symbols).subtracting(Self.keptSymbols))
            let word = stripped.count <= 2 ? String(raw) : stripped
            if word.count > 1 || word.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation }) {
                words.append(word)
            }
        }
        var joined: [String] = []
        var i = 0
        while i < words.count {
            if i + 1 < words.count, let phrase = FinanceSlang.phrases["\(words[i].lowercased()) \(words[i + 1].lowercased())"] {
                joined.append(phrase)
                i += 2
            } else {
                joined.append(words[i])
                i += 1
            }
        }
        return joined
    }

    static let keptSymbols = CharacterSet(charactersIn: "🚀")

    static func isUpper(_ word: String) -> Bool {
        word.contains { $0.isLetter } && word == word.uppercased() && word != word.lowercased()
    }

    static func isNegation(_ word: String) -> Bool {
        negations.contains(word) || word.contains("n't")
    }

    static let negations: Set<String> = [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't",
        "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt",
        "neither", "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't",
        "never", "none", "nope", "nor", "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "uhuh",
        "wasnt", "werent", "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't", "without", "wont",
        "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
    ]

    /// VADER's booster words with their increments (positive) and dampeners (negative).
    static let boosters: [String: Double] = {
        let up = ["absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly",
                  "deeply", "effing", "enormous", "enormously", "entirely", "especially", "exceptional", "exceptionally",
                  "extreme", "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking", "fricking",
                  "frickin", "frigging", "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly",
                  "hella", "highly", "hugely", "incredible", "incredibly", "intensely", "major", "majorly", "more",
                  "most", "particularly", "purely", "quite", "really", "remarkably", "so", "substantially",
                  "thoroughly", "total", "totally", "tremendous", "tremendously", "uber", "unbelievably", "unusually",
                  "utter", "utterly", "very"]
        let down = ["almost", "barely", "hardly", "kinda", "kindof", "kind-of", "less", "little", "marginal",
                    "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely", "slight", "slightly",
                    "somewhat", "sorta", "sortof", "sort-of"]
        var table: [String: Double] = [:]
        for word in up { table[word] = boosterIncrement }
        for word in down { table[word] = -boosterIncrement }
        return table
    }()
}
