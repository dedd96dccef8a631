import Foundation

/// One stretch of a description between connectors ("and", "or", ",", "when", sentence ends), with the
/// part of the strategy it belongs to once the buy/sell words around it are known.
struct TextClause: Sendable {
    var tokens: [TextToken]
    var join: ClauseJoin
    var sentence: Int
    var section: StrategySection?
    /// The clause spoke for the short side ("short when …").
    var short = false
    /// Written inside brackets with "and"/"or" of its own ("(A or B)").
    var grouped = false
    /// The first words of the text ended by a colon ("Reddit momentum: buy when …"); a name when they hold no rule.
    var isTitle = false
}

/// Splits normalised tokens into clauses and assigns each to entry or exit from the buy and sell words:
/// a leading marker ("sell when …") governs what follows, a trailing one ("when RSI < 30, buy") what came before it.
enum ClauseSplitter {
    static let actors: Set<String> = ["insider", "csuite", "analyst", "no", "reddit"]
    static let markers: Set<String> = ["buy", "sell", "short", "entry"]

    static func split(_ tokens: [TextToken]) -> [TextClause] {
        var raw: [TextClause] = []
        var current: [TextToken] = []
        var join = ClauseJoin.sentence
        var sentence = 0
        var depth = 0
        /// The boundary that followed each clause ("when" makes a bare marker lead).
        var followers: [String] = []
        var titleClause: Int?
        var grouped = false
        func close(_ boundary: String) {
            raw.append(TextClause(tokens: current, join: join, sentence: sentence, grouped: grouped))
            grouped = false
            followers.append(boundary)
            current = []
        }
        for (index, token) in tokens.enumerated() {
            if token.isSymbol("(") { depth += 1; continue }
            if token.isSymbol(")") { depth = max(0, depth - 1); continue }
            if depth > 0 {
                if token.isWord("or") || token.isWord("and") { grouped = true } else { current.append(token) }
                continue
            }
            if token.kind == .symbol, [".", ";", "!", "?"].contains(token.text)
                || (token.text == ":" && current.last.map(isRiskWord) != true) {
                if token.text == ":", sentence == 0, raw.isEmpty { titleClause = raw.count }
                close(token.text)
                sentence += 1
                join = .sentence
                continue
            }
            let boundary: ClauseJoin?
            switch (token.kind, token.text) {
            case (.symbol, ","), (.word, "when"), (.word, "then"): boundary = .neutral
            case (.word, "and"), (.word, "with"): boundary = .and
            case (.word, "or"): boundary = .or
            default: boundary = nil
            }
            guard let boundary else { current.append(token); continue }
            // "between 30 and 50" keeps its "and".
            if token.isWord("and"), current.last?.isNumber == true,
               let between = current.lastIndex(where: { $0.isWord("between") }),
               current[between...].filter(\.isNumber).count == 1 {
                continue
            }
            // "CEO or CFO", "insiders or": joined nouns of one subject stay together.
            if token.isWord("or") || token.isWord("and"), let last = current.last, last.isWord(in: ["csuite"]),
               index + 1 < tokens.count, tokens[index + 1].isWord(in: ["csuite"]) {
                continue
            }
            if current.isEmpty {
                if join != .sentence, boundary != .neutral { join = boundary }
                continue
            }
            close(token.text)
            join = boundary
        }
        if !current.isEmpty { close("") }
        if let titleClause, titleClause < raw.count { raw[titleClause].isTitle = true }
        // "rsi<30 buy rsi>70 sell": one stretch with several markers becomes one clause per marker.
        var pieces: [TextClause] = []
        var pieceFollowers: [String] = []
        for (clause, follower) in zip(raw, followers) {
            let parts = splitAtMarkers(clause)
            pieces += parts
            pieceFollowers += Array(repeating: "", count: parts.count - 1) + [follower]
        }
        return assignSections(pieces, followers: pieceFollowers)
    }

    /// A risk word keeps its colon ("Position size: 5%"); any other colon ends a heading.
    static func isRiskWord(_ token: TextToken) -> Bool {
        token.isWord(in: ["size", "positions", "target", "stop", "risk", "hold", "max", "timeframe"])
    }

    /// Index of a buy/sell word that marks a section. After an actor ("insiders buy", "CEO buys") it is their
    /// trade, and inside a clause about insiders only a word at its start can be the strategy's own.
    static func markerIndex(in tokens: [TextToken]) -> Int? {
        for (index, token) in tokens.enumerated() where token.isWord(in: markers) {
            if index > 0, tokens[index - 1].kind == .word, actors.contains(tokens[index - 1].text) { continue }
            if isEntryPrice(tokens, index) { continue }
            if tokens.contains(where: { $0.isWord(in: ["insider", "csuite"]) }), token.text != "entry", index > 0 { continue }
            return index
        }
        return nil
    }

    /// Splits a clause holding several buy/sell words: when it ends with one, each marker closes the words
    /// before it; otherwise each opens the words after it.
    static func splitAtMarkers(_ clause: TextClause) -> [TextClause] {
        let tokens = clause.tokens
        let positions = tokens.indices.filter { index in
            tokens[index].isWord(in: markers) && !isEntryPrice(tokens, index)
                && !(index > 0 && tokens[index - 1].kind == .word && actors.contains(tokens[index - 1].text))
                && !(index > 0 && tokens[..<index].contains { $0.isWord(in: ["insider", "csuite"]) }
                     && !tokens[..<index].contains { $0.isWord(in: markers) })
        }
        guard positions.count > 1 else { return [clause] }
        var cuts: [Int]
        if positions.last == tokens.count - 1 {
            cuts = positions.dropLast().map { $0 + 1 }
        } else {
            cuts = positions.filter { $0 > 0 }
        }
        cuts = cuts.filter { $0 > 0 && $0 < tokens.count }
        var parts: [TextClause] = []
        var start = 0
        for cut in cuts + [tokens.count] where cut > start {
            var part = clause
            part.tokens = Array(tokens[start..<cut])
            if start > 0 { part.join = .neutral; part.isTitle = false }
            parts.append(part)
            start = cut
        }
        return parts
    }

    /// "5% below my entry", "10% above the buy": the price bought at, not a marker.
    static func isEntryPrice(_ tokens: [TextToken], _ index: Int) -> Bool {
        index > 0 && tokens[index].isWord(in: ["entry", "buy"]) && tokens[index - 1].isWord(in: ["lt", "gt", "from"])
    }

    static func section(of marker: TextToken) -> (StrategySection, Bool) {
        switch marker.text {
        case "sell": (.exit, false)
        case "short": (.entry, true)
        default: (.entry, false)
        }
    }

    static func assignSections(_ raw: [TextClause], followers: [String]) -> [TextClause] {
        var clauses: [TextClause] = []
        var current: StrategySection?
        var short = false
        var lastMarked = -1
        var sentenceStart: [Int: Int] = [:]
        for (position, var clause) in raw.enumerated() {
            if sentenceStart[clause.sentence] == nil { sentenceStart[clause.sentence] = clauses.count }
            guard let index = markerIndex(in: clause.tokens) else {
                clause.section = current
                clause.short = short
                clauses.append(clause)
                continue
            }
            let marker = clause.tokens[index]
            let (section, isShort) = self.section(of: marker)
            let before = Array(clause.tokens[..<index])
            let after = Array(clause.tokens[(index + 1)...])
            let follower = followers[position]
            let sentenceStartsHere = (sentenceStart[clause.sentence] ?? 0) == clauses.count && before.isEmpty
            let leads = !after.isEmpty || ["when", "with", ":"].contains(follower) || sentenceStartsHere
            if leads {
                if !before.isEmpty {
                    clauses.append(TextClause(tokens: before, join: clause.join, sentence: clause.sentence, section: current, short: short))
                }
                current = section
                short = isShort || (short && section == .exit)
                clauses.append(TextClause(tokens: after, join: before.isEmpty ? clause.join : .neutral, sentence: clause.sentence,
                                          section: section, short: short))
                lastMarked = clauses.count - 1
            } else {
                // A trailing marker: what came since the last marker in this sentence belongs to it.
                if !before.isEmpty {
                    clauses.append(TextClause(tokens: before, join: clause.join, sentence: clause.sentence, section: section))
                }
                let from = max(lastMarked + 1, sentenceStart[clause.sentence] ?? 0)
                for k in from..<clauses.count {
                    clauses[k].section = section
                    clauses[k].short = isShort
                }
                current = section
                short = isShort
                lastMarked = clauses.count - 1
            }
        }
        return clauses
    }
}
