import Foundation
import StrategyCore

/// One way to read a line (an edit of a strategy, a new strategy, a command) and how much of the line
/// that reading explains. The reader builds every reading a line allows and keeps the best.
struct OfflineReading: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case edit, create, command
    }

    var kind: Kind
    var intent: OfflineIntent
    var score: Int
}

extension OfflineIntentReader {
    /// Words that say "change the strategy we are talking about".
    static let editVerbs: Set<String> = [
        "tighten", "loosen", "widen", "narrow", "change", "set", "make", "use", "switch", "swap", "replace", "drop", "remove",
        "lose", "scrap", "ditch", "delete", "rid", "add", "require", "include", "raise", "lower", "bump", "increase",
        "decrease", "reduce", "put", "move", "adjust", "rename", "call", "name", "refine", "edit", "modify", "update", "tweak",
        "cut", "take", "exit", "sell", "hold", "keep",
    ]
    /// Words that point back at the strategy or rule in focus: "it", "that", "also", "only", "instead".
    static let anaphora: Set<String> = ["it", "that", "also", "only", "instead", "too", "but", "and", "rather", "same", "its", "well"]

    /// An edit of the strategy the line names, or of the one in focus ("it"): scored by the edit verbs, the risk and
    /// rule words the parser knows, and the words pointing back; filler scores nothing either way.
    func editReading(_ line: String, _ text: String, hasFocus: Bool) -> OfflineReading? {
        let named = knownName(in: line)
        var request = line
        if let named {
            // "tighten the stop on Dip Buyer to 6%": the parser gets the request without the name.
            request = request.replacingOccurrences(
                of: #"(?i)\s*(?:\b(?:on|for|of|in|from|to)\s+)?(?:the\s+)?(?:strategy\s+)?"# + NSRegularExpression.escapedPattern(for: named) + #"(?:'s)?(?:\s+strategy)?"#,
                with: " ", options: .regularExpression)
        }
        let words = Self.normalize(request).split(separator: " ").map(String.init)
        let vocabulary = StrategyTextParser.editVocabulary(in: request)
        let verb = words.contains(where: Self.editVerbs.contains)
        guard verb || vocabulary.risk + vocabulary.rules > 0 else { return nil }
        // A strategy in focus makes a bare rule ("price above the 50 day") as likely an edit as a new idea.
        var score = hasFocus ? 2 : 0
        if named != nil { score += 2 }
        if verb { score += 3 }
        score += 2 * vocabulary.risk + vocabulary.rules
        score += 2 * Set(words).intersection(Self.anaphora).count
        if let focusStrategy, named == nil || named == focus {
            score += Self.explained(by: StrategyTextParser().refine(focusStrategy, with: Self.refinement(request)))
        }
        let reference: StrategyReference = named.map { .named($0) } ?? .implicit
        return OfflineReading(kind: .edit, intent: .refine(reference, request: Self.refinement(request)), score: score)
    }

    /// What parsing the edit in full against the strategy in focus says about the vocabulary score: an edit
    /// that changes nothing and leaves words unplaced explains the line poorly (-2), one that leaves as many words
    /// unplaced as it makes changes explains it only in part (-1). An edit that places the line costs nothing, so
    /// a line that reads as well as a new strategy stays a close call, which is asked about.
    static func explained(by trial: RefineResult) -> Int {
        let unplaced = trial.unrecognized.count
        if trial.changes.isEmpty { return unplaced > 0 ? -2 : 0 }
        return unplaced >= trial.changes.count ? -1 : 0
    }

    /// A new strategy: said outright ("create a strategy: …", "new strategy"), or a rule written on its own
    /// ("buy when …"), or any line the parser reads as entry conditions.
    func createReading(_ line: String, _ text: String) -> OfflineReading? {
        if text.hasPrefix("entry:") || text.hasPrefix("entry :") { return OfflineReading(kind: .create, intent: create(line), score: 20) }
        if Self.firstMatch(Self.createCommand, in: text) || text.hasPrefix("new strategy") {
            return OfflineReading(kind: .create, intent: create(line), score: 20)
        }
        // "call it Momo: buy when …": a name with rules after it is a new strategy, not a rename.
        if let heading = Self.namedHeading(line), let strategy = StrategyTextParser().parse(heading.rules).strategy,
           !strategy.entryConditions.isEmpty {
            return OfflineReading(kind: .create, intent: create(line), score: 20)
        }
        if Self.firstMatch(#"^(?:buy|short|sell short|go long|long|enter|purchase|get in|i want to buy|i'd buy|when|if)\b"#, in: text) {
            return OfflineReading(kind: .create, intent: create(line), score: 9)
        }
        if Self.firstMatch(#"\bbuy (?:when|if|stocks|shares)\b"#, in: text) {
            return OfflineReading(kind: .create, intent: create(line), score: 3)
        }
        if let strategy = StrategyTextParser().parse(line).strategy, !strategy.entryConditions.isEmpty {
            return OfflineReading(kind: .create, intent: create(line), score: 3)
        }
        return nil
    }

    static let createCommand = #"^(?:please |can you |could you |let'?s |i want to |i'd like to |i would like to )?(?:create|make|build|design|write|set up|add|define|start)(?: me)? (?:a |an |one |another )?(?:new )?(?:trading )?strategy"#
}
