import Foundation
import StrategyCore

/// Finding a strategy from what a person typed: an id, the start of an id, or a name.
extension StratStore {
    /// Resolves `text` among the user's strategies, trying in turn: the exact id, a unique id
    /// prefix, the exact name (ignoring case), then a name prefix (ignoring case).
    ///
    /// The first rule that matches anything decides, so an exact name beats a longer name that
    /// starts with it. Several matches under one rule are ambiguous; none at all suggests the
    /// closest name when it is within a typo's distance.
    package func resolveStrategyReference(_ text: String, user: String) throws -> StrategyLookup {
        let reference = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reference.isEmpty else { return .notFound(suggestion: nil) }
        let strategies = try listStrategies(user: user)
        let needle = reference.lowercased()
        let rules: [(TradingStrategy) -> Bool] = [
            { $0.id == reference },
            { needle.count >= 4 && ($0.id ?? "").lowercased().hasPrefix(needle) },
            { $0.name.lowercased() == needle },
            { $0.name.lowercased().hasPrefix(needle) },
        ]
        for rule in rules {
            let matches = strategies.filter(rule)
            if matches.count == 1 { return .found(matches[0]) }
            if matches.count > 1 { return .ambiguous(matches) }
        }
        return .notFound(suggestion: Self.closestName(to: needle, in: strategies.map(\.name)))
    }

    /// The name nearest to `text` by edit distance, when the distance is small enough to be a typo
    /// (at most a third of the name's length, and at least 2).
    static func closestName(to text: String, in names: [String]) -> String? {
        let scored = names.map { (name: $0, distance: editDistance(text, $0.lowercased())) }
        guard let best = scored.min(by: { ($0.distance, $0.name) < ($1.distance, $1.name) }) else { return nil }
        return best.distance <= max(2, best.name.count / 3) ? best.name : nil
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
