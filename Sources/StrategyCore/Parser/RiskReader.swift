import Foundation

/// Reads stops, targets, holding limits, sizing and the timeframe out of one clause, removing the words it used,
/// so the condition grammar only sees what is left.
struct RiskReader {
    var tokens: [TextToken]
    let section: StrategySection

    /// Runs every risk pattern over the clause and returns the tokens no pattern used.
    static func read(_ tokens: [TextToken], section: StrategySection, into draft: inout ParseDraft) -> [TextToken] {
        var reader = RiskReader(tokens: tokens, section: section)
        var i = 0
        while i < reader.tokens.count {
            if let used = reader.match(at: i, into: &draft) {
                reader.tokens.removeSubrange(i..<i + used)
                i = max(0, i - 1)
            } else {
                i += 1
            }
        }
        return reader.tokens
    }

    private func word(_ i: Int) -> String? {
        i >= 0 && i < tokens.count && tokens[i].kind == .word ? tokens[i].text : nil
    }

    private func percent(_ i: Int) -> Double? {
        guard i >= 0, i < tokens.count, tokens[i].kind == .number, tokens[i].unit == .percent else { return nil }
        return abs(tokens[i].value)
    }

    /// A percent, or a bare number written straight after a risk word ("stop 8").
    private func amount(_ i: Int) -> Double? {
        guard i < tokens.count, tokens[i].kind == .number, tokens[i].unit != .dollars else { return nil }
        return abs(tokens[i].value)
    }

    /// Skips linking words and symbols after a risk word: "of", "at", "to", ":", "=".
    private func skipLinks(from i: Int) -> Int {
        var j = i
        while j < tokens.count, tokens[j].isWord(in: ["of", "at", "to", "for", "in", "upto", "lte", "max", "hold", "with"])
                || tokens[j].isSymbol(":") || tokens[j].isSymbol("=") || tokens[j].isSymbol("(") || tokens[j].isSymbol(")") {
            j += 1
        }
        return j
    }

    /// A duration: "30 days", "2 weeks", "a month" → calendar days and its length in tokens.
    func duration(at i: Int) -> (days: Int, bars: Int, length: Int)? {
        guard i < tokens.count else { return nil }
        if tokens[i].kind == .word {
            switch tokens[i].text {
            case "1day": return (1, 1, 1)
            case "1week": return (7, 5, 1)
            case "1month": return (30, 21, 1)
            case "1year": return (365, 252, 1)
            default: break
            }
        }
        // A bare unit after "last"/"past" ("in the last quarter") is one of it.
        if tokens[i].kind == .word {
            guard i > 0, tokens[i - 1].isWord("last") else { return nil }
            switch tokens[i].text {
            case "week": return (7, 5, 1)
            case "month": return (30, 21, 1)
            case "quarter": return (90, 63, 1)
            case "year": return (365, 252, 1)
            default: return nil
            }
        }
        guard tokens[i].kind == .number, tokens[i].unit == .plain, tokens[i].value > 0, tokens[i].value < 10_000,
              let unit = word(i + 1) else { return nil }
        let n = tokens[i].value
        switch unit {
        case "day": return (Int(n), Int(n), 2)
        case "week": return (Int(n * 7), n == 52 ? 252 : Int(n * 5), 2)
        case "month": return (Int(n * 30), Int(n * 21), 2)
        case "quarter": return (Int(n * 90), Int(n * 63), 2)
        case "year": return (Int(n * 365), Int(n * 252), 2)
        default: return nil
        }
    }

    /// Tries each pattern at `i`; returns how many tokens it used.
    private func match(at i: Int, into draft: inout ParseDraft) -> Int? {
        let w = word(i)
        // Explicit "none".
        if w == "no", let next = word(i + 1) {
            switch next {
            case "stop": draft.stop = .none; return 2
            case "target": draft.target = .none; return 2
            case "hold": draft.hold = .none; return 2
            case "max" where word(i + 2) == "hold": draft.hold = .none; return 3
            default: break
            }
        }
        if w == "trailing" {
            draft.ask("Trailing stops aren't supported yet: the stop is a fixed percent below the entry. Use a fixed stop instead (for example \"8% stop\")?")
            var used = 1
            if word(i + 1) == "stop" { used += 1 }
            let j = skipLinks(from: i + used)
            if amount(j) != nil { used = j - i + 1 }
            return used
        }
        // Risk per trade: "risk 2% per trade", "1% risk per trade", "risk per trade 1%".
        if w == "risk" {
            if let value = percent(i + 1) {
                draft.riskPerTrade = value
                return 2 + trailingPerTrade(from: i + 2)
            }
            if word(i + 1) == "pertrade" {
                let j = skipLinks(from: i + 2)
                if let value = amount(j) { draft.riskPerTrade = value; return j - i + 1 }
            }
        }
        if let value = percent(i), word(i + 1) == "risk" {
            draft.riskPerTrade = value
            return 2 + trailingPerTrade(from: i + 2)
        }
        // Stop loss.
        if let value = percent(i), word(i + 1) == "stop" {
            draft.stop = .value(value)
            return 2
        }
        if w == "stop" {
            let j = skipLinks(from: i + 1)
            if let value = amount(j) { draft.stop = .value(value); return j - i + 1 + entryReference(after: j) }
        }
        // Take profit.
        if let value = percent(i), word(i + 1) == "target" || word(i + 1) == "gain" {
            if word(i + 1) == "gain", duration(at: skipLinks(from: i + 2)) != nil { return nil }
            draft.target = .value(value)
            return 2
        }
        if w == "target" {
            let j = skipLinks(from: i + 1)
            if let value = amount(j) { draft.target = .value(value); return j - i + 1 + entryReference(after: j) }
        }
        // In exit text, "up 20%" is the target and "down 8%" the stop, unless a window follows (a price move);
        // "5% below my entry" says the same about the entry price.
        if section == .exit || tokens.contains(where: { $0.isWord(in: Self.entryWords) }), w == "up" || w == "gain" || w == "down" {
            var j = i + 1
            if word(j) == "gt" || word(j) == "gte" { j += 1 }
            if let value = percent(j), duration(at: skipWindowWords(from: j + 1)) == nil {
                if w == "down" { draft.stop = .value(value) } else { draft.target = .value(value) }
                var used = j - i + 1
                if ["lt", "gt", "from"].contains(word(j + 1) ?? ""), Self.entryWords.contains(word(j + 2) ?? "") { used += 2 }
                else if Self.entryWords.contains(word(j + 1) ?? "") { used += 1 }
                return used
            }
        }
        if let value = percent(i), ["lt", "gt"].contains(word(i + 1) ?? ""), Self.entryWords.contains(word(i + 2) ?? "") {
            if word(i + 1) == "lt" { draft.stop = .value(value) } else { draft.target = .value(value) }
            return 3
        }
        // In exit text a signed percent is a target or a stop: "exit at +12% or -6%".
        if section == .exit, i < tokens.count, tokens[i].kind == .number, tokens[i].unit == .percent,
           tokens[i].original.hasPrefix("+") || tokens[i].value < 0, duration(at: skipWindowWords(from: i + 1)) == nil {
            if tokens[i].value < 0 { draft.stop = .value(abs(tokens[i].value)) } else { draft.target = .value(tokens[i].value) }
            return 1
        }
        // Holding limit.
        // "sell after 30 days"; in entry text "after a 3-day pullback" is a condition, not a holding limit.
        if w == "after", let d = duration(at: i + 1), section == .exit || i + 1 + d.length == tokens.count {
            draft.hold = .value(d.days)
            return 1 + d.length
        }
        // In exit text a bare duration ("or 10 days pass") is the holding limit.
        if section == .exit, i == 0, let d = duration(at: i), d.length == tokens.count {
            draft.hold = .value(d.days)
            return d.length
        }
        if w == "hold" || w == "max" {
            let j = skipLinks(from: i + 1)
            if let d = duration(at: j) {
                draft.hold = .value(d.days)
                return j - i + d.length
            }
        }
        if let d = duration(at: i) {
            var j = i + d.length
            if word(j) == "max" { j += 1 }
            if word(j) == "hold" || (word(j - 1) == "max" && j > i + d.length) {
                if word(j) == "hold" { j += 1 }
                draft.hold = .value(d.days)
                return j - i
            }
        }
        // Position size.
        if let value = percent(i) {
            if word(i + 1) == "positions" { draft.size = value; return 2 }
            if word(i + 1) == "pertrade" { draft.size = value; return 2 }
            if word(i + 1) == "portfolio" || (word(i + 1) == "of" && word(i + 2) == "portfolio") {
                let used = word(i + 1) == "of" ? 3 : 2
                draft.size = value
                return used + trailingPerTrade(from: i + used)
            }
            if word(i + 1) == "in", word(i + 2) == "pertrade" { draft.size = value; return 3 }
        }
        if w == "size" || (w == "positions" && word(i + 1) == "size") {
            let start = w == "size" ? i + 1 : i + 2
            let j = skipLinks(from: start)
            if let value = amount(j) {
                draft.size = value
                return j - i + 1 + trailingPortfolio(from: j + 1)
            }
        }
        if w == "positions", word(i + 1) == "of", let value = percent(i + 2) {
            draft.size = value
            return 3
        }
        // Timeframe.
        switch w {
        case "swing", "shortterm": draft.timeframe = .shortTerm; return 1
        case "mediumterm": draft.timeframe = .mediumTerm; return 1
        case "longterm": draft.timeframe = .longTerm; return 1
        case "timeframe":
            let j = skipLinks(from: i + 1)
            if let name = word(j), let timeframe = Timeframe(rawValue: name) ?? Self.timeframeWords[name] {
                draft.timeframe = timeframe
                return j - i + 1
            }
        default: break
        }
        return nil
    }

    /// The price a position was bought at, as written after "below"/"above"/"from" ("5% below my entry").
    static let entryWords: Set<String> = ["entryprice", "entry", "buy"]

    static let timeframeWords: [String: Timeframe] = ["swing": .shortTerm, "shortterm": .shortTerm,
                                                      "mediumterm": .mediumTerm, "longterm": .longTerm]

    /// "below entry", "above my buy price" after a stop or target: words that only restate the reference.
    private func entryReference(after j: Int) -> Int {
        ["lt", "gt", "from"].contains(word(j + 1) ?? "") && Self.entryWords.contains(word(j + 2) ?? "") ? 2 : 0
    }

    private func skipWindowWords(from i: Int) -> Int {
        var j = i
        while j < tokens.count, tokens[j].isWord(in: ["in", "gt", "last", "of"]) { j += 1 }
        return j
    }

    private func trailingPerTrade(from i: Int) -> Int {
        var j = i
        if word(j) == "of", word(j + 1) == "portfolio" { j += 2 } else if word(j) == "portfolio" { j += 1 }
        if word(j) == "pertrade" { j += 1 }
        return j - i
    }

    private func trailingPortfolio(from i: Int) -> Int {
        var j = i
        if word(j) == "of", word(j + 1) == "portfolio" { j += 2 } else if word(j) == "portfolio" { j += 1 }
        if word(j) == "pertrade" { j += 1 }
        return j - i
    }
}
