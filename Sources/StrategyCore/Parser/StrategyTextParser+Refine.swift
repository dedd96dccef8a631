import Foundation

extension StrategyTextParser {
    /// Edits an existing strategy with a sentence: risk ("tighten the stop to 6%", "exit after 10 days instead"),
    /// timeframe ("make it long term"), conditions added ("add a condition that volume is above 1M"), dropped
    /// ("drop the RSI rule") or re-parameterised ("use the 20-day average instead of the 50"), a new name
    /// ("call it Oversold Bounce").
    ///
    /// A sentence may hold several edits ("lose the time limit and the target, and only buy when RSI is under
    /// 60"): each clause is one operation, a clause without a verb of its own takes the one before it, and all
    /// apply together as one new version. Words no operation places are reported, and do not block the rest.
    package func refine(_ strategy: TradingStrategy, with text: String) -> RefineResult {
        var edit = StrategyEdit(strategy: strategy)
        var request = Self.withoutFiller(text)
        if let (name, rest) = Self.rename(in: request) {
            edit.rename(to: name)
            request = rest
        }
        var previous: StrategyEdit.Operation?
        for clause in Self.clauses(of: request) where !clause.trimmingCharacters(in: .whitespaces).isEmpty {
            previous = edit.apply(clause, after: previous, parser: self)
        }
        return edit.result(parser: self)
    }

    /// How much of a line reads as an edit: its risk words (stop, target, hold, size, timeframe) and its rule
    /// words (a field, an indicator family). The offline model scores edit readings with it.
    package static func editVocabulary(in text: String) -> (risk: Int, rules: Int) {
        let tokens = TextNormalizer.normalize(TextLexer.lex(text)).tokens
        let risk = tokens.filter { $0.isWord(in: riskKeywords) || $0.isWord(in: ["stop", "target", "hold", "size"]) }.count
        let rules = tokens.filter { $0.text.hasPrefix("field:") || ($0.kind == .word && StrategyEdit.family(of: $0.text) != nil) }.count
        return (risk, rules)
    }

    /// "call it Oversold Bounce", "rename it to RSI Dip": the new name as written, and the rest of the line.
    static func rename(in text: String) -> (String, String)? {
        let pattern = #"(?i)\b(?:call|name|rename)\s+(?:it|this|this one|the strategy)?\s*(?:to\s+|as\s+)?["“]?([A-Za-z0-9][A-Za-z0-9 +&'\-]{0,60}?)["”]?\s*(?:[,;.]|\band\b|$)"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let nameRange = Range(match.range(at: 1), in: text), let whole = Range(match.range, in: text) else { return nil }
        let name = text[nameRange].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return nil }
        return (name, text.replacingCharacters(in: whole, with: " "))
    }

    /// The edit clauses of a line, split at ",", ";", "and", "then", "also": a piece with neither a verb nor a
    /// risk or rule word ("to 12%") stays with the clause before it.
    static func clauses(of text: String) -> [String] {
        let pieces = text.replacingOccurrences(of: #"(?i)\s*(?:[,;]\s*(?:and\s+|then\s+)?|\s+and\s+then\s+|\s+and\s+|\s+then\s+)(?=\S)"#,
                                               with: "\u{1F}", options: .regularExpression)
            .split(separator: "\u{1F}").map(String.init)
        var clauses: [String] = []
        for piece in pieces {
            let words = TextLexer.lex(piece).filter { $0.kind == .word }.map(\.text)
            let vocabulary = editVocabulary(in: piece)
            let standsAlone = words.contains(where: { operationWords.contains($0) }) || vocabulary.risk + vocabulary.rules > 0
            if let last = clauses.last, !standsAlone {
                clauses[clauses.count - 1] = last + " " + piece
            } else {
                clauses.append(piece)
            }
        }
        return clauses.isEmpty ? [text] : clauses
    }

    /// Words that say nothing about the change ("slightly", "I think", "for me"): they cost nothing.
    static func withoutFiller(_ text: String) -> String {
        text.replacingOccurrences(of: #"(?i)\b(?:slightly|a (?:little )?bit|a little|a tad|actually|please|i think|i guess|maybe|just|for me|hmm+|um+|oh|so|ok(?:ay)?)\b[,]?"#,
                                  with: " ", options: .regularExpression)
            .replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
            .trimmingCharacters(in: CharacterSet(charactersIn: " .!?,:"))
    }

    static let dropVerbs: Set<String> = ["drop", "remove", "delete", "ditch", "scrap", "without", "lose", "rid", "out", "cut"]
    static let setVerbs: Set<String> = ["change", "set", "move", "raise", "lower", "make", "put", "adjust", "bump"]
    static let riskKeywords: Set<String> = ["stop", "target", "hold", "max", "size", "positions", "risk", "swing",
                                            "shortterm", "mediumterm", "longterm", "timeframe", "after", "trailing"]
    static let addVerbs: Set<String> = ["add", "also", "require", "include", "plus", "only", "additionally"]
    static let operationWords: Set<String> = dropVerbs.union(setVerbs).union(addVerbs).union([
        "tighten", "loosen", "widen", "increase", "decrease", "reduce", "use", "switch", "swap", "replace", "sell", "buy", "exit",
    ])
    static let editWordsRaw: Set<String> = [
        "tighten", "loosen", "widen", "raise", "lower", "increase", "decrease", "reduce", "bump", "set", "change",
        "make", "use", "switch", "move", "instead", "add", "also", "require", "include", "only", "condition",
        "filter", "rule", "additionally", "it", "new", "another", "one", "requirement", "let", "please", "lose", "the",
        "too", "well", "as", "bit", "want", "would", "like", "i'd", "i", "but", "take", "out", "get", "rid", "of", "cut",
    ]
    static let editWords: Set<String> = ["it", "to", "at", "of", "for", "with", "and", "when", "then", "in", "price", "new"]
    static let addLeads = [
        "add a condition that ", "add a condition where ", "add a rule that ", "add a filter that ", "add the condition that ",
        "add a condition: ", "add condition ", "add a condition ", "add a rule ", "add a filter ", "add that ", "add ",
        "also require that ", "also require ", "also ", "require that ", "require ", "include ", "only when ", "only if ",
        "plus ", "and ",
    ]
}
