import Foundation

extension StrategyTextParser {
    /// Edits an existing strategy with a sentence: risk ("tighten the stop to 6%", "exit after 10 days instead"),
    /// timeframe ("make it long term"), conditions added ("add a condition that volume is above 1M"), dropped
    /// ("drop the RSI rule") or re-parameterised ("use the 20-day average instead of the 50").
    ///
    /// Each change is listed in plain words; the result is validated, and a question is set instead of
    /// guessing when the sentence names nothing the strategy has.
    package func refine(_ strategy: TradingStrategy, with text: String) -> RefineResult {
        var edit = StrategyEdit(strategy: strategy)
        let raw = TextLexer.lex(text)
        let words = raw.filter { $0.kind == .word }.map(\.text)
        let normalized = TextNormalizer.normalize(raw)
        for correction in normalized.corrections { edit.assumptions.append(correction) }
        var tokens = normalized.tokens

        if words.contains(where: { Self.dropVerbs.contains($0) }) || (words.contains("rid") && words.contains("of")) {
            edit.drop(tokens)
        } else if words.contains("instead") && (words.contains("of") || words.contains("than"))
                    || words.contains("rather") || words.contains("replace") || words.contains("swap") {
            if !edit.replacePeriods(tokens, words: words) {
                edit.question = edit.question ?? "Which rule should change? I couldn't find the value being replaced in \(strategy.entryConditions.map(\.plainText).joined(separator: ", "))."
            }
        } else if !words.contains(where: { Self.addVerbs.contains($0) }), words.contains(where: { Self.setVerbs.contains($0) }),
                  !tokens.contains(where: { $0.isWord(in: Self.riskKeywords) }), edit.setThreshold(tokens) {
            // A threshold moved ("change the RSI threshold to 25").
        } else {
            // Risk and timeframe first; what remains may be a condition to add.
            var draft = ParseDraft()
            tokens = RiskReader.read(tokens, section: .exit, into: &draft)
            edit.applyRisk(draft)
            let adding = words.contains(where: { Self.addVerbs.contains($0) })
            let meaningful = tokens.filter { !$0.isWord(in: Self.editWords) && !Self.editWordsRaw.contains($0.original.lowercased()) }
            if !meaningful.isEmpty, adding || edit.changes.isEmpty {
                edit.add(text: meaningfulText(meaningful, original: text, adding: adding), parser: self)
            } else if edit.changes.isEmpty, edit.question == nil {
                if words.contains(where: { ["tighten", "loosen", "widen", "raise", "lower"].contains($0) }) {
                    edit.question = "To what? For example \"tighten the stop to 6%\"."
                }
            }
            for word in normalized.tokens where !word.known && !Self.editWordsRaw.contains(word.original.lowercased())
                && !edit.unrecognized.contains(word.original) && !meaningful.contains(word) {
                edit.unrecognized.append(word.original)
            }
        }
        return edit.result(parser: self)
    }

    /// The words of an addition with the request words taken off ("add a condition that …").
    private func meaningfulText(_ tokens: [TextToken], original: String, adding: Bool) -> String {
        guard adding else { return original }
        var text = original
        let lower = text.lowercased()
        for lead in Self.addLeads where lower.hasPrefix(lead) {
            text = String(text.dropFirst(lead.count))
            break
        }
        return text
    }

    static let dropVerbs: Set<String> = ["drop", "remove", "delete", "ditch", "scrap", "without"]
    static let setVerbs: Set<String> = ["change", "set", "move", "raise", "lower", "make", "put", "adjust", "bump"]
    static let riskKeywords: Set<String> = ["stop", "target", "hold", "max", "size", "positions", "risk", "swing",
                                            "shortterm", "mediumterm", "longterm", "timeframe", "after", "trailing"]
    static let addVerbs: Set<String> = ["add", "also", "require", "include", "plus", "only", "additionally"]
    static let editWordsRaw: Set<String> = [
        "tighten", "loosen", "widen", "raise", "lower", "increase", "decrease", "reduce", "bump", "set", "change",
        "make", "use", "switch", "move", "instead", "add", "also", "require", "include", "only", "condition",
        "filter", "rule", "additionally", "it", "new", "another", "one", "requirement", "let", "please",
    ]
    static let editWords: Set<String> = ["it", "to", "at", "of", "for", "with", "and", "when", "then", "in", "price", "new"]
    static let addLeads = [
        "add a condition that ", "add a condition where ", "add a rule that ", "add a filter that ", "add the condition that ",
        "add a condition: ", "add condition ", "add a condition ", "add a rule ", "add a filter ", "add that ", "add ",
        "also require that ", "also require ", "also ", "require that ", "require ", "include ", "only when ", "only if ",
        "plus ", "and ",
    ]
}
