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
    /// A sweep of the strategy's numbers, as `optimize_strategy` grid entries.
    /// With `walkForward`, each train window's pick trades the next test window.
    case optimize(StrategyReference, grid: [String], walkForward: WalkForward.Options? = nil)
    /// "is this overfit?", "is it luck?": Monte Carlo, regimes and the deflated Sharpe; "keep 30% as a hold-out"
    /// reserves one first, "test it on the hold-out" opens it.
    case robustness(StrategyReference, holdout: String? = nil, open: Bool = false)
    /// "paper trade this with $50k": attach the strategy to the paper account, opening one with the capital if none.
    case paperTrade(StrategyReference, capital: Double?)
    /// "open a paper account with $100k": an account with no strategy yet.
    case paperOpen(capital: Double)
    /// "how is my paper account doing?"
    case paperStatus
    /// "stop paper trading Dip Buyer": detach the strategy from the paper account.
    case paperStop(StrategyReference)
    /// "yes", "sure", "go ahead": accepts what the last answer offered.
    case affirm
    /// "no", "not now".
    case decline
    case help
    case greeting
    case thanks
    /// A close call between two readings: ask one short question naming both.
    case clarify(String)
    case unknown

    /// Whether the intent works on one strategy (and so needs "it" resolved).
    var reference: StrategyReference? {
        switch self {
        case .backtest(let r), .signals(let r), .show(let r), .refine(let r, _), .setActive(let r, _), .delete(let r),
             .revert(let r, _), .optimize(let r, _, _), .robustness(let r, _, _), .paperTrade(let r, _), .paperStop(let r):
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

/// Maps a line to an intent by scoring its readings: a management command, an edit of the strategy in focus
/// or of one the line names, a new strategy. The reading that explains most of the line wins; a delete is
/// only read when the line names nothing but the strategy, so an edit is never taken for one.
struct OfflineIntentReader {
    /// Names of strategies the conversation has seen, so "backtest Insider RSI" finds its strategy.
    var knownNames: [String] = []
    /// The name of the strategy in focus (created, shown or changed last), if any: an edit reading needs one.
    var focus: String?
    /// The strategy in focus as the conversation last showed it, so an edit reading is parsed in full against it.
    var focusStrategy: TradingStrategy?
    var hasFocus: Bool { focus != nil }

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
        if let small = smallTalk(text) { return small }
        if let paper = paperIntent(line, text) { return paper }
        if let check = robustnessIntent(line, text) { return check }
        if let walk = walkForwardIntent(line, text) { return walk }
        if let sweep = optimizeIntent(line, text) { return sweep }
        let readings = [command(line, text).map { OfflineReading(kind: .command, intent: $0, score: 8) },
                        editReading(line, text, hasFocus: hasFocus), createReading(line, text)]
            .compactMap { $0 }.sorted { $0.score > $1.score }
        guard let best = readings.first else { return .unknown }
        if readings.count > 1, best.score - readings[1].score <= Self.closeCall, Set([best.kind, readings[1].kind]) == [.edit, .create],
           let edit = readings.first(where: { $0.kind == .edit }), let name = edit.intent.reference.flatMap(focusName) {
            return .clarify("Change \"\(name)\" or create a new strategy? Say \"change it: …\" or \"new strategy: …\".")
        }
        return best.intent
    }

    /// How near two readings' scores may be for the line to count as a close call, which is asked about.
    static let closeCall = 1

    /// "yes", "no", "help", "thanks", "hi": whole-line answers, read before anything else.
    func smallTalk(_ text: String) -> OfflineIntent? {
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
        return nil
    }

    /// The strategy name a reference means, for a question that names it.
    func focusName(_ reference: StrategyReference) -> String? {
        switch reference {
        case .named(let name): name
        case .implicit: focus
        }
    }

    /// A management command: delete, pause, resume, revert, compare, list, signals, backtest, show.
    func command(_ line: String, _ text: String) -> OfflineIntent? {
        let reference = reference(in: line)
        if Self.firstMatch(#"\b(?:delete|remove|get rid of|trash|discard|scrap|ditch)\b"#, in: text), namesOnlyTheStrategy(line) {
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
        return nil
    }

    /// Whether a line with a removing verb names only a strategy ("delete it", "remove Dip Buyer"), and no
    /// stop, target, limit or rule of one: then it may delete; otherwise it is an edit.
    func namesOnlyTheStrategy(_ line: String) -> Bool {
        var rest = line
        if let name = knownName(in: line) { rest = rest.replacingOccurrences(of: name, with: " ", options: .caseInsensitive) }
        let vocabulary = StrategyTextParser.editVocabulary(in: rest)
        return vocabulary.risk == 0 && vocabulary.rules == 0
            && !contains(Self.normalize(rest), ["rule", "condition", "filter", "limit", "requirement", "check", "one", "bit"])
            || Self.firstMatch(#"\b(?:that|this|the) one\b|\bthe strategy\b"#, in: Self.normalize(rest))
            && vocabulary.risk == 0 && vocabulary.rules == 0
    }

    // MARK: - Pieces

    /// The description without the command around it ("Create a strategy: …", "… and backtest it").
    func create(_ line: String) -> OfflineIntent {
        var description = line.trimmingCharacters(in: .whitespacesAndNewlines)
        var name: String?
        if let named = Self.namedHeading(description) {
            // "called Dip #3 (v2): buy when …": the name as written, the rules after the colon.
            name = named.name
            description = named.rules
        } else {
            if let named = OfflineRequestDetails.groups(#"(?i)\b(?:called|named)\s+"([^"]+)""#, in: description)
                ?? OfflineRequestDetails.groups(#"(?i)\b(?:called|named)\s+([A-Za-z0-9+ \-]+?)\s*(?::|,|\bthat\b|\bwhich\b|\bto\b|$)"#, in: description) {
                name = named[0].trimmingCharacters(in: .whitespaces)
            }
            let prefix = #"(?i)^(?:please |can you |could you |let'?s |i want to |i'd like to |i would like to )?(?:create|make|build|design|write|set up|add|define|start)(?: me)? (?:a |an |one |another )?(?:new )?(?:trading )?strategy(?: (?:called|named) (?:"[^"]+"|[A-Za-z0-9+ \-]+?)(?=:|,| that| which| to|$))?\s*(?::|,|-|that|which|where|to|for)?\s*"#
            description = description.replacingOccurrences(of: prefix, with: "", options: .regularExpression)
            description = description.replacingOccurrences(of: #"(?i)^new strategy\s*:?\s*"#, with: "", options: .regularExpression)
        }
        let backtestTail = #"(?i)[,;.]?\s*(?:and|then|,)?\s*(?:then\s+)?(?:backtest|back-test|test)\s+it\b.*$"#
        let thenBacktest = description.range(of: backtestTail, options: .regularExpression) != nil
        description = description.replacingOccurrences(of: backtestTail, with: "", options: .regularExpression)
        description = description.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ".,;")))
        return .create(description: description.isEmpty ? line : description, name: name, thenBacktest: thenBacktest)
    }

    /// "create a strategy called My 2nd RSI idea: buy when …", "call it <b>Dip</b>: …": the name up to the
    /// colon, taken as written (numbers, percents and markup in it are part of the name, never rules), and the
    /// rules after it. Nil when the line has no such heading.
    static func namedHeading(_ line: String) -> (name: String, rules: String)? {
        guard let parts = OfflineRequestDetails.groups(
            #"(?i)^(?:.{0,80}?\s)?(?:called|named|call it|name it)\s+["“]?(\S.{0,59}?)["”]?\s*:\s+(\S.*)$"#, in: line),
            !parts[0].contains(":")
        else { return nil }
        return (parts[0].trimmingCharacters(in: .whitespaces), parts[1])
    }

    /// The refinement request without fillers ("also", "now", "please", "can you").
    static func refinement(_ line: String) -> String {
        var text = line.trimmingCharacters(in: .whitespacesAndNewlines)
        let filler = #"(?i)^(?:ok(?:ay)?|so|oh|hmm+|um+|well|actually|also|now|and|but|then|please|can you|could you|let'?s|i want to|i'd like to|great|nice|cool|refine|edit|modify|update|tweak)[,:!]?\s+|^[:,\-–]\s*"#
        while let range = text.range(of: filler, options: .regularExpression) {
            text.removeSubrange(range)
        }
        return text.replacingOccurrences(of: #"\s{2,}"#, with: " ", options: .regularExpression)
            .trimmingCharacters(in: CharacterSet(charactersIn: " .!?"))
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
