import Foundation
import StrategyCore

/// What a person's line asks for, as the offline model understands it.
enum OfflineIntent: Hashable, Sendable {
    case create(description: String, name: String?, thenBacktest: Bool)
    case backtest(StrategyReference)
    case signals(StrategyReference)
    case compare
    case list(activeOnly: Bool)
    case show(StrategyReference)
    case refine(StrategyReference, request: String)
    case setActive(StrategyReference, active: Bool)
    case delete(StrategyReference)
    case revert(StrategyReference, version: Int?)
    /// "yes", "sure", "go ahead": accepts what the last answer offered.
    case affirm
    /// "no", "not now".
    case decline
    case help
    case greeting
    case thanks
    case unknown

    /// Whether the intent works on one strategy (and so needs "it" resolved).
    var reference: StrategyReference? {
        switch self {
        case .backtest(let r), .signals(let r), .show(let r), .refine(let r, _), .setActive(let r, _), .delete(let r),
             .revert(let r, _):
            r
        default:
            nil
        }
    }
}

/// Which strategy a line means: one it names, or "it" (the one created or mentioned last).
enum StrategyReference: Hashable, Sendable {
    case implicit
    case named(String)
}

/// Maps a line to an intent with word patterns, most specific first: managing verbs (delete, pause, revert)
/// before the broad ones (show, refine), and descriptions of a rule last, with the text parser as the
/// final judge of whether a line describes a strategy.
struct OfflineIntentReader {
    /// Names of strategies the conversation has seen, so "backtest Insider RSI" finds its strategy.
    var knownNames: [String] = []

    static let affirmations: Set<String> = [
        "yes", "y", "yeah", "yep", "yup", "sure", "ok", "okay", "please", "please do", "go ahead", "do it", "yes please",
        "sounds good", "of course", "absolutely", "go for it", "let's do it", "lets do it", "run it", "yes do it", "why not",
    ]
    /// Words that mean "the one we are talking about".
    static let pronouns: Set<String> = ["it", "that", "that one", "this", "this one", "them", "one", "the one", "again", "it again",
                                        "details", "its details", "the details", "rules", "its rules", "the rules", "version history",
                                        "strategy", "that strategy", "this strategy", "the last one", "the new one", "it in full",
                                        "the latest one", "the new version", "its versions", "its history"]
    static let declines: Set<String> = ["no", "n", "nope", "nah", "not now", "no thanks", "no thank you", "later", "skip", "cancel"]

    func read(_ line: String) -> OfflineIntent {
        let text = Self.normalize(line)
        guard !text.isEmpty else { return .help }
        let words = Set(text.split(separator: " ").map(String.init))
        if Self.affirmations.contains(text) || Self.startsWithAffirmation(text) { return .affirm }
        if Self.declines.contains(text) { return .decline }
        if text == "help" || text == "?" || contains(text, ["what can you do", "how does this work", "how do i", "what do you do",
                                                             "what can i say", "commands"]) {
            return .help
        }
        if words.count <= 4, Self.firstMatch(#"^(?:ok |okay )?(?:thanks|thank you|thank u|thx|cheers|great|perfect|nice|awesome|cool)\b"#, in: text),
           !contains(text, ["backtest", "signal", "strategy"]) {
            return .thanks
        }
        if words.count <= 4, words.contains(where: { ["hi", "hello", "hey", "morning", "evening", "yo", "howdy"].contains($0) }) {
            return .greeting
        }
        if text.hasPrefix("entry:") || text.hasPrefix("entry :") { return create(line) }
        if Self.firstMatch(#"^(?:please |can you |could you |let'?s |i want to |i'd like to |i would like to )?(?:create|make|build|design|write|set up|add|define|start)(?: me)? (?:a |an |one |another )?(?:new )?(?:trading )?strategy"#, in: text)
            || text.hasPrefix("new strategy") {
            return create(line)
        }
        if Self.firstMatch(#"^(?:buy|short|sell short|go long|long|enter|purchase|get in|i want to buy|i'd buy|when|if)\b"#, in: text)
            || Self.firstMatch(#"\bbuy (?:when|if|stocks|shares)\b"#, in: text) {
            return create(line)
        }
        let reference = reference(in: line)
        if words.contains("delete") || (Self.firstMatch(#"\b(?:remove|get rid of|trash|discard)\b"#, in: text)
            && !contains(text, ["rule", "condition", "filter", "stop", "target", "limit", "requirement", "check"])) {
            return .delete(commandReference(in: line))
        }
        if Self.firstMatch(#"\b(?:unpause|resume|reactivate|re-activate|enable|turn (?:it )?on|switch (?:it )?on|activate)\b"#, in: text) {
            return .setActive(commandReference(in: line), active: true)
        }
        if Self.firstMatch(#"\b(?:pause|deactivate|disable|turn (?:it )?off|switch (?:it )?off|stop scanning|mute)\b"#, in: text) {
            return .setActive(commandReference(in: line), active: false)
        }
        if Self.firstMatch(#"\b(?:revert|roll ?back|undo|restore|go back to (?:version|v\d))"#, in: text) {
            let version = OfflineRequestDetails.groups(#"(?:version |v)(\d+)"#, in: text).flatMap { Int($0[0]) }
            return .revert(reference, version: version)
        }
        if Self.firstMatch(#"\b(?:compare|comparison|leaderboard|rank|ranking|side by side)\b"#, in: text)
            || Self.firstMatch(#"which (?:of my )?(?:strategy|strategies|one)\b.*\b(?:best|worst|performing|doing|winning)"#, in: text)
            || Self.firstMatch(#"how (?:are|is) (?:all )?my strategies (?:doing|performing)"#, in: text) {
            return .compare
        }
        if Self.firstMatch(#"\b(?:list|show|see|what are|what|which)\b.*\bstrategies\b"#, in: text) || text == "my strategies"
            || text == "strategies" {
            return .list(activeOnly: !contains(text, ["all", "paused", "inactive", "every"]))
        }
        if Self.firstMatch(#"\b(?:signals?|scan|setups?|alerts?|opportunities|what (?:should i|to) buy|buy today|trigger(?:ing|s|ed)? today)\b"#, in: text) {
            return .signals(reference)
        }
        if Self.firstMatch(#"\b(?:backtest|back-test|back test|test it|test that|test this|test the|how would .{1,40} have (?:done|performed|worked)|how did .{1,40} do|run it on|try it on|simulate)\b"#, in: text) {
            return .backtest(reference)
        }
        if Self.firstMatch(#"^(?:please )?(?:show|describe|display|view|explain|details|what is|what's|whats|tell me about|open)\b"#, in: text)
            && !contains(text, ["add", "change", "instead"]) {
            return .show(commandReference(in: line))
        }
        if case .named(let name) = reference, knownName(in: line) == name {
            // "tighten the stop on Dip Buyer to 6%": the parser gets the request without the name.
            let request = line.replacingOccurrences(
                of: #"(?i)\s*(?:\b(?:on|for|of|in)\s+)?(?:the\s+)?(?:strategy\s+)?"# + NSRegularExpression.escapedPattern(for: name) + #"(?:'s)?(?:\s+strategy)?"#,
                with: "", options: .regularExpression)
            if Self.firstMatch(#"\b(?:tighten|loosen|widen|add|drop|change|make it|instead|set|increase|decrease|raise|lower|replace|exit after|sell after|stop loss|take profit|position size)\b"#, in: Self.normalize(request)) {
                return .refine(reference, request: Self.refinement(request))
            }
        }
        if Self.firstMatch(#"\b(?:tighten|loosen|widen|add|drop|remove|change|make it|use|instead|set|increase|decrease|raise|lower|replace|switch|modify|update|edit|require|only buy|exit after|sell after|hold for|stop loss|take profit|position size|size|also)\b"#, in: text) {
            return .refine(reference, request: Self.refinement(line))
        }
        let parsed = StrategyTextParser().parse(line)
        if let strategy = parsed.strategy, !strategy.entryConditions.isEmpty { return create(line) }
        return .unknown
    }

    // MARK: - Pieces

    /// The description without the command around it ("Create a strategy: …", "… and backtest it").
    func create(_ line: String) -> OfflineIntent {
        var description = line.trimmingCharacters(in: .whitespacesAndNewlines)
        var name: String?
        if let named = OfflineRequestDetails.groups(#"(?i)\b(?:called|named)\s+"([^"]+)""#, in: description)
            ?? OfflineRequestDetails.groups(#"(?i)\b(?:called|named)\s+([A-Za-z0-9+ \-]+?)\s*(?::|,|\bthat\b|\bwhich\b|\bto\b|$)"#, in: description) {
            name = named[0].trimmingCharacters(in: .whitespaces)
        }
        let prefix = #"(?i)^(?:please |can you |could you |let'?s |i want to |i'd like to |i would like to )?(?:create|make|build|design|write|set up|add|define|start)(?: me)? (?:a |an |one |another )?(?:new )?(?:trading )?strategy(?: (?:called|named) (?:"[^"]+"|[A-Za-z0-9+ \-]+?)(?=:|,| that| which| to|$))?\s*(?::|,|-|that|which|where|to|for)?\s*"#
        description = description.replacingOccurrences(of: prefix, with: "", options: .regularExpression)
        description = description.replacingOccurrences(of: #"(?i)^new strategy\s*:?\s*"#, with: "", options: .regularExpression)
        let backtestTail = #"(?i)[,;.]?\s*(?:and|then|,)?\s*(?:then\s+)?(?:backtest|back-test|test)\s+it\b.*$"#
        let thenBacktest = description.range(of: backtestTail, options: .regularExpression) != nil
        description = description.replacingOccurrences(of: backtestTail, with: "", options: .regularExpression)
        description = description.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ".,;")))
        return .create(description: description.isEmpty ? line : description, name: name, thenBacktest: thenBacktest)
    }

    /// The refinement request without fillers ("also", "now", "please", "can you").
    static func refinement(_ line: String) -> String {
        var text = line.trimmingCharacters(in: .whitespacesAndNewlines)
        let filler = #"(?i)^(?:ok(?:ay)?|also|now|and|then|please|can you|could you|let'?s|i want to|i'd like to|great|nice|cool)[,!]?\s+"#
        while let range = text.range(of: filler, options: .regularExpression) {
            text.removeSubrange(range)
        }
        return text.trimmingCharacters(in: CharacterSet(charactersIn: " .!?"))
    }

    /// A strategy the line names (a known name, a quoted name, or an id prefix), else "it".
    func reference(in line: String) -> StrategyReference {
        if let name = knownName(in: line) { return .named(name) }
        if let quoted = OfflineRequestDetails.groups(#""([^"]{2,})""#, in: line) { return .named(quoted[0]) }
        if let id = OfflineRequestDetails.groups(#"\b(?:id|strategy)\s+([0-9a-f]{6,}(?:-[0-9a-f-]+)?)\b"#, in: line.lowercased()) {
            return .named(id[0])
        }
        return .implicit
    }

    /// `reference(in:)`, plus a name the conversation has not seen after a short command ("show Dip Buyr",
    /// "pause momentum"); the tool looks it up and suggests the closest name.
    func commandReference(in line: String) -> StrategyReference {
        let found = reference(in: line)
        guard found == .implicit else { return found }
        if let named = OfflineRequestDetails.groups(#"(?i)^\s*(?:please\s+)?(?:show|describe|pause|resume|unpause|delete)\s+(?:me\s+)?(?:the\s+|my\s+)?(?:strategy\s+)?(.+?)(?:\s+strategy)?[.!?]?\s*$"#, in: line),
           !Self.pronouns.contains(named[0].lowercased()),
           !Self.firstMatch(#"^(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)\s+(?:one|strategy)$|^(?:number\s+|no\.\s*|#)\d+$"#, in: named[0].lowercased()) {
            return .named(named[0])
        }
        return .implicit
    }

    /// The longest known strategy name the line holds as whole words ("backtest Dip Buyer"); names shorter
    /// than four letters are skipped, so a strategy called "RSI" does not capture "drop the RSI rule".
    func knownName(in line: String) -> String? {
        knownNames.filter { name in
            name.count >= 4 && line.range(of: #"(?i)(?<![A-Za-z0-9])"# + NSRegularExpression.escapedPattern(for: name) + #"(?![A-Za-z0-9])"#,
                                          options: .regularExpression) != nil
        }.max { $0.count < $1.count }
    }

    static func normalize(_ line: String) -> String {
        let lower = line.lowercased().replacingOccurrences(of: "’", with: "'")
        let kept = lower.map { $0.isLetter || $0.isNumber || " %.$-:'?".contains($0) ? $0 : " " }
        return String(kept).split(separator: " ").joined(separator: " ")
            .trimmingCharacters(in: CharacterSet(charactersIn: " .!"))
    }

    static func startsWithAffirmation(_ text: String) -> Bool {
        let head = text.split(separator: " ").prefix(2).joined(separator: " ")
        return ["yes", "yeah", "yep", "sure", "ok", "okay", "yes please", "go ahead"].contains { head == $0 || head.hasPrefix($0 + " ") }
            && Self.firstMatch(#"^(?:yes|yeah|yep|sure|ok|okay|go ahead)\b(?: please)?,? (?:on|for|from|since|with|in|over|using|but|and)\b"#, in: text)
    }

    func contains(_ text: String, _ phrases: [String]) -> Bool {
        phrases.contains { text.contains($0) }
    }

    static func firstMatch(_ pattern: String, in text: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }
}
