import Foundation

extension StrategyEdit {
    /// What one clause of an edit did; a following clause without a verb of its own does the same
    /// ("lose the time limit and the profit target").
    enum Operation {
        case drop, replace, setThreshold, riskOrAdd
    }

    /// Applies one clause of an edit to the strategy and says which operation it was.
    mutating func apply(_ clause: String, after previous: Operation?, parser: StrategyTextParser) -> Operation {
        let raw = TextLexer.lex(clause)
        let words = raw.filter { $0.kind == .word }.map(\.text)
        let normalized = TextNormalizer.normalize(raw)
        assumptions += normalized.corrections
        let tokens = normalized.tokens
        let ownVerb = words.contains(where: StrategyTextParser.operationWords.contains)
        if Self.drops(words) || (!ownVerb && previous == .drop) {
            drop(tokens)
            return .drop
        }
        if switchAverages(words, tokens) || samePeriod(tokens, words: words) { return .replace }
        let numbers = tokens.filter(\.isNumber).count
        // "use the 20-day for the entry": one new period for the averages of that side only.
        if words.contains("use"), numbers == 1, let side = Self.side(named: words),
           !tokens.contains(where: { $0.isWord(in: StrategyTextParser.riskKeywords) }),
           replacePeriods(tokens, oldFirst: false, only: side) {
            return .replace
        }
        let setVerb = words.contains(where: StrategyTextParser.setVerbs.contains)
        if words.contains("instead") && (words.contains("of") || words.contains("than"))
            || words.contains("rather") && words.contains("than") || words.contains("replace") || words.contains("swap")
            || (numbers == 2 && setVerb && words.contains("to") && !tokens.contains(where: { $0.isWord(in: StrategyTextParser.riskKeywords) })) {
            if !replacePeriods(tokens, oldFirst: !words.contains("instead") && !words.contains("rather")) {
                question = question ?? "Which rule should change? I couldn't find the value being replaced in \(strategy.entryConditions.map(\.plainText).joined(separator: ", "))."
            }
            return .replace
        }
        // "use a 150 day average instead": one new period for the average of that kind.
        if words.contains("instead"), numbers == 1, !tokens.contains(where: { $0.isWord(in: StrategyTextParser.riskKeywords) }),
           replacePeriods(tokens, oldFirst: false) {
            return .replace
        }
        // "actually make it 2M" after "add a condition that volume is above 1M": a bare number (not a percentage,
        // which would be a risk limit) with "it" and no rule of its own is the newest numeric rule's threshold.
        if setVerb, words.contains("it"), numbers == 1, let number = tokens.first(where: \.isNumber), number.unit != .percent,
           !tokens.contains(where: { $0.isWord(in: StrategyTextParser.riskKeywords) || $0.isWord(in: Self.limitWords)
               || $0.text.hasPrefix("field:") || ($0.kind == .word && Self.family(of: $0.text) != nil) }),
           setNewestThreshold(number.value) {
            return .setThreshold
        }
        if !words.contains(where: StrategyTextParser.addVerbs.contains), setVerb || words.contains("instead") || previous == .setThreshold,
           !tokens.contains(where: { $0.isWord(in: StrategyTextParser.riskKeywords) }), setThreshold(tokens) {
            return .setThreshold
        }
        addRiskOrConditions(clause, tokens: tokens, words: words, parser: parser)
        return .riskOrAdd
    }

    /// The side of the strategy a line names ("for the entry", "on the sell side"), if only one.
    static func side(named words: [String]) -> StrategySection? {
        let exit = words.contains { ["exit", "exits", "sell", "selling"].contains($0) }
        let entry = words.contains { ["entry", "entries", "buy", "buying"].contains($0) }
        return exit == entry ? nil : exit ? .exit : .entry
    }

    /// The risk limits a later bare value can refer back to.
    static let limitWords: Set<String> = ["stop", "target", "hold", "size"]

    static func drops(_ words: [String]) -> Bool {
        words.contains(where: StrategyTextParser.dropVerbs.contains) && !(words.contains("out") && !words.contains("take"))
    }

    /// Risk and timeframe first; what remains may be a condition to add.
    mutating func addRiskOrConditions(_ clause: String, tokens written: [TextToken], words: [String], parser: StrategyTextParser) {
        var draft = ParseDraft()
        let before = changes.count
        var rest = RiskReader.read(written, section: .exit, into: &draft)
        if let limit = written.last(where: { $0.isWord(in: Self.limitWords) }) {
            lastLimit = limit.text
        } else if !draft.statesRisk, let limit = lastLimit,
                  !written.contains(where: { $0.text.hasPrefix("field:") || ($0.kind == .word && Self.family(of: $0.text) != nil) }),
                  let percent = written.firstIndex(where: { $0.isNumber && $0.unit == .percent }) {
            // "the stop's too tight, make it 12%": a bare value is for the limit named last.
            var tokens = written
            tokens.insert(.word(limit, column: written[percent].column, original: limit), at: percent)
            draft = ParseDraft()
            rest = RiskReader.read(tokens, section: .exit, into: &draft)
        }
        applyRisk(draft)
        let adding = words.contains(where: StrategyTextParser.addVerbs.contains)
        let meaningful = rest.filter { !$0.isWord(in: StrategyTextParser.editWords) && !StrategyTextParser.editWordsRaw.contains($0.original.lowercased()) }
        if !meaningful.isEmpty, adding || changes.count == before {
            add(text: adding ? Self.withoutAddLead(clause) : clause, parser: parser)
        } else if changes.count == before, question == nil,
                  words.contains(where: { ["tighten", "loosen", "widen", "raise", "lower"].contains($0) }) {
            question = "To what? For example \"tighten the stop to 6%\"."
        }
        for word in written where !word.known && !StrategyTextParser.editWordsRaw.contains(word.original.lowercased())
            && !unrecognized.contains(word.original) && !meaningful.contains(word) {
            unrecognized.append(word.original)
        }
    }

    /// The words of an addition with the request words taken off ("add a condition that …").
    static func withoutAddLead(_ clause: String) -> String {
        let lower = clause.lowercased()
        for lead in StrategyTextParser.addLeads where lower.hasPrefix(lead) {
            return String(clause.dropFirst(lead.count))
        }
        return clause
    }

    /// "switch to EMAs", "use SMAs instead": every moving average of one type becomes the other, same periods.
    mutating func switchAverages(_ words: [String], _ tokens: [TextToken]) -> Bool {
        guard words.contains(where: { ["switch", "use", "make", "change", "go"].contains($0) }), !tokens.contains(where: \.isNumber) else { return false }
        let toEMA = tokens.contains { $0.isWord("ema") } || words.contains("emas")
        let toSMA = tokens.contains { $0.isWord("sma") } || words.contains("smas")
        guard toEMA != toSMA else { return false }
        func swapped(_ name: String) -> String? {
            switch Field(name: name) {
            case .sma(let n) where toEMA: Field.ema(n).name
            case .ema(let n) where toSMA: Field.sma(n).name
            default: nil
            }
        }
        var changed = false
        for exit in [false, true] {
            var list = exit ? strategy.exitConditions : strategy.entryConditions
            for index in list.indices {
                let before = list[index]
                if let name = swapped(before.field) { list[index].field = name }
                if case .field(var reference) = before.value, let name = swapped(reference.field) {
                    reference.field = name
                    list[index].value = .field(reference)
                }
                if list[index] != before {
                    changes.append("\(exit ? "exit" : "entry") \(before.plainText) → \(list[index].plainText)")
                    changed = true
                }
            }
            if exit { strategy.exitConditions = list } else { strategy.entryConditions = list }
        }
        return changed
    }

    /// "call it Oversold Bounce".
    mutating func rename(to name: String) {
        guard name != strategy.name else { return }
        changes.append("name \"\(strategy.name)\" → \"\(name)\"")
        strategy.name = name
    }
}

extension ParseDraft {
    /// Whether the words stated a stop, target, holding limit, size or timeframe.
    var statesRisk: Bool {
        if case .unstated = stop, case .unstated = target, case .unstated = hold, size == nil, riskPerTrade == nil, timeframe == nil {
            return false
        }
        return true
    }
}
