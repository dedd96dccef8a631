import Foundation

extension OfflineResponder {
    /// "the same for the take profit" after "set the stop to 8%", "same for the exit" after "use the 20-day for
    /// the entry": the last edit of this conversation again, on the part the line names now. Nil when the line
    /// says something else, or the last edit named no part of that kind.
    func sameAgain(_ line: String) -> String? {
        guard let tail = OfflineRequestDetails.groups(
            #"(?i)^\s*(?:and\s+|also\s+|now\s+|ok(?:ay)?,?\s+|then\s+)?(?:do\s+)?(?:the\s+)?same\s+(?:goes\s+)?(?:for|with|on)\s+(?:the\s+)?(.+?)[.!]?\s*$"#,
            in: line)?.first,
            let previous = transcript.allExchanges.last(where: { $0.tool == .refineStrategy && $0.succeeded
                && $0.decoded(RefineStrategyResult.self).map { if case .refined(let refined) = $0 { refined.changed } else { false } } == true })?
                .arguments["refinement_description"]?.stringValue
        else { return nil }
        return Self.substitute(part: tail, in: previous)
    }

    /// The parts of a strategy an edit can name, by kind; the first name of each is the one written back.
    static let parts: [[[String]]] = [
        [["stop loss", "stop"], ["take profit", "profit target", "target"], ["max hold", "time limit", "holding period", "hold"],
         ["position size", "size"]],
        [["entry", "buy side", "buys"], ["exit", "sell side", "sells"]],
    ]

    /// `previous` with the part it named replaced by `part`, when both are of one kind. When the last edit named
    /// several parts of that kind ("remove the max hold and widen the stop"), which one is meant is unknown:
    /// the answer is an empty request, and the person is asked.
    static func substitute(part written: String, in previous: String) -> String? {
        func find(_ names: [String], in text: String) -> Range<String.Index>? {
            names.sorted { $0.count > $1.count }.lazy
                .compactMap { text.range(of: #"(?i)\b"# + NSRegularExpression.escapedPattern(for: $0) + #"\b"#, options: .regularExpression) }.first
        }
        for kind in parts {
            guard let wanted = kind.first(where: { find($0, in: written) != nil }) else { continue }
            let named = kind.filter { $0 != wanted && find($0, in: previous) != nil }
            guard let only = named.first else { return nil }
            guard named.count == 1, let range = find(only, in: previous) else { return "" }
            return previous.replacingCharacters(in: range, with: wanted[0])
        }
        return nil
    }
}
