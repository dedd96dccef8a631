import Foundation
import StrategyCore

/// "paper trade this with $50k", "how is my paper account doing?", "stop paper trading Dip Buyer": the paper
/// account requests, read before the management commands so "stop" and "remove" are not taken for a pause or a delete.
extension OfflineIntentReader {
    func paperIntent(_ line: String, _ text: String) -> OfflineIntent? {
        guard Self.firstMatch(#"\bpaper\b"#, in: text) else { return nil }
        if Self.firstMatch(#"\b(?:stop|quit|end|cease|remove|detach|drop|take|no more|pull)\b.*\bpaper\b"#, in: text) {
            return .paperStop(paperReference(in: line))
        }
        if Self.firstMatch(#"\bhow(?:'s| is| are| has| have)?\b.*\bpaper\b|\bpaper\b.*\b(?:doing|performing|going|status)\b"#, in: text)
            || Self.firstMatch(#"^(?:please )?(?:show|see|check|view|display)\b(?: me)?(?: my| the)? paper(?: account| portfolio| trading)?$"#, in: text)
            || ["paper", "my paper account", "paper account", "paper account status"].contains(text) {
            return .paperStatus
        }
        let capital = Self.dollarAmount(in: line.lowercased())
        if let capital, Self.firstMatch(#"\b(?:open|start|create|set up|make)\b(?: me)? (?:a |an |one |another |new )*paper (?:account|portfolio)\b"#, in: text),
           paperReference(in: line) == .implicit, !Self.firstMatch(#"\b(?:this|it|that)\b"#, in: text) {
            return .paperOpen(capital: capital)
        }
        if Self.firstMatch(#"\bpaper[ -]?trad(?:e|ing)\b|\b(?:on|in|into|to) (?:a |my |the )?paper(?: account| portfolio)?\b"#, in: text) {
            return .paperTrade(paperReference(in: line), capital: capital)
        }
        return nil
    }

    /// A strategy the line names, or the name after "paper trading" ("stop paper trading Dip Buyer"), else "it".
    func paperReference(in line: String) -> StrategyReference {
        let found = reference(in: line)
        guard found == .implicit else { return found }
        guard let named = OfflineRequestDetails.groups(
            #"(?i)\bpaper[ -]?trad(?:e|ing)\s+(?:with\s+|on\s+)?(?!with\b)(.+?)(?:\s+with\s+.*)?[.!?]?\s*$"#, in: line),
            case let name = named[0].trimmingCharacters(in: .whitespaces),
            !name.isEmpty, !Self.pronouns.contains(name.lowercased()), Self.dollarAmount(in: name.lowercased()) == nil
        else { return .implicit }
        return .named(name)
    }

    /// "$50k", "$50,000", "50k", "1.5 million", "100000 dollars": dollars; nil when the line names no amount.
    static func dollarAmount(in text: String) -> Double? {
        let groups = OfflineRequestDetails.groups(#"\$\s?(\d[\d,]*(?:\.\d+)?)\s*(k|m|thousand|million)?\b"#, in: text)
            ?? OfflineRequestDetails.groups(#"\b(\d[\d,]*(?:\.\d+)?)\s*(k|m|thousand|million|dollars|usd)\b"#, in: text)
        guard let groups, let number = Double(groups[0].replacingOccurrences(of: ",", with: "")), number > 0 else { return nil }
        let unit = groups.count > 1 ? groups[1] : ""
        switch unit {
        case "k", "thousand": return number * 1_000
        case "m", "million": return number * 1_000_000
        default: return number
        }
    }
}
