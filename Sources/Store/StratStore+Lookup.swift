import Basics
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
        let rules: [(StoredStrategy) -> Bool] = [
            { $0.id == reference },
            { needle.count >= 4 && $0.id.lowercased().hasPrefix(needle) },
            { $0.name.lowercased() == needle },
            { $0.name.lowercased().hasPrefix(needle) },
        ]
        for rule in rules {
            let matches = strategies.filter(rule)
            if matches.count == 1 { return .found(matches[0]) }
            if matches.count > 1 { return .ambiguous(matches) }
        }
        return .notFound(suggestion: EditDistance.closest(to: reference, in: strategies.map(\.name).sorted()))
    }
}
