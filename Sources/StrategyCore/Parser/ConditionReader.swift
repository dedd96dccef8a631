import Foundation

/// The condition grammar for one clause: finds a subject (an indicator or data field), a comparison and what it
/// is compared with, in whatever order a trader writes them, plus the idioms of the trade ("oversold",
/// "golden cross", "new 52-week high"). Insider, Reddit and analyst phrases have their own readers.
struct ConditionReader {
    /// A field as mentioned, before context resolves it.
    enum Operand: Hashable {
        case field(Field)
        /// "its 20-day average": a volume average after volume, else a price average.
        case average(Int?)
        /// "the signal line": the MACD signal of the subject's MACD.
        case signal
        /// "it": the previous subject.
        case pronoun
    }

    enum Comparison: Hashable {
        case op(ConditionOperator)
        /// "crosses" with no direction.
        case crossAny
        /// "hits", "reaches", "touches", "at".
        case hits
        case turnsPositive, turnsNegative
        case positive, negative
        /// "near", "close to": no threshold given.
        case near
    }

    var tokens: [TextToken]
    let section: StrategySection
    let join: ClauseJoin
    let clause: Int
    var i = 0
    /// Tokens the grammar used; the rest are reported when unknown.
    var used = Set<Int>()
    /// Words with a number the grammar read but could not turn into a rule ("for 2 consecutive days").
    var leftover: String?
    /// How many conditions this clause emitted (a repeat of one already read counts).
    var emitted = 0
    /// The right-hand field of the condition just emitted, for chains ("price > SMA(20) > SMA(50)").
    var chainFrom: Operand?

    init(tokens: [TextToken], section: StrategySection, join: ClauseJoin, clause: Int) {
        self.tokens = tokens.filter { !($0.isSymbol("(") || $0.isSymbol(")")) }
        self.section = section
        self.join = join
        self.clause = clause
    }

    func word(_ index: Int) -> String? {
        index >= 0 && index < tokens.count && tokens[index].kind == .word ? tokens[index].text : nil
    }

    func number(_ index: Int) -> TextToken? {
        index >= 0 && index < tokens.count && tokens[index].kind == .number ? tokens[index] : nil
    }

    func has(_ words: Set<String>) -> Bool { tokens.contains { $0.isWord(in: words) } }

    /// Reads every condition in the clause into the draft; returns whether any was read.
    mutating func read(into draft: inout ParseDraft) -> Bool {
        emitted = 0
        if has(["earnings"]) {
            draft.ask("Earnings results aren't in the data stratchat has (no earnings or estimates field). Which price, volume, insider, Reddit or fundamental rule should stand in for it?")
            markAll(["earnings"])
        }
        if has(["ath"]) {
            draft.ask("All-time highs need the whole price history, which no field keeps. Would a 52-week high (close > high_252) do?")
            markAll(["ath"])
        }
        if has(["barsize"]) {
            let written = tokens.first { $0.isWord("barsize") }?.original ?? "weekly"
            draft.ask("Bars are daily: \"\(written)\" bars aren't supported yet. Use the daily chart (for a weekly look, a longer period such as RSI(70) or the 10-week average as sma_50)?")
            markAll(["barsize"])
        }
        if has(["insider", "csuite"]) {
            readInsider(into: &draft)
        } else if has(["reddit", "mentions", "sentiment", "trending", "rank"])
                    || (has(["top"]) && tokens.contains(where: \.isNumber)) {
            readReddit(into: &draft)
        } else if has(["upgrade", "downgrade", "analyst"]) && !has(["rating"]) {
            readAnalyst(into: &draft)
        } else {
            readGeneric(into: &draft)
        }
        reportUnknown(into: &draft)
        // A rule read twice ("Oversold: buy when RSI(14) < 30") was still read.
        return emitted > 0
    }

    mutating func markAll(_ words: Set<String>) {
        for (index, token) in tokens.enumerated() where token.isWord(in: words) { used.insert(index) }
    }

    /// Unknown words the grammar did not use.
    func reportUnknown(into draft: inout ParseDraft) {
        for (index, token) in tokens.enumerated() where !token.known && !used.contains(index) {
            if !draft.unrecognized.contains(token.original) { draft.unrecognized.append(token.original) }
        }
    }

    /// The words of the clause as written, for questions.
    var text: String { tokens.map(\.original).joined(separator: " ") }

    mutating func emit(_ condition: Condition, into draft: inout ParseDraft) {
        emitted += 1
        draft.add(condition, to: section, join: join, clause: clause)
    }
}
