/// Levenshtein distance and "did you mean …?" lookups, shared by field names, slash commands, tickers,
/// tool and provider names, config keys and strategy names, so every suggestion in the program behaves
/// the same way.
package enum EditDistance {
    /// The number of single-character insertions, deletions and substitutions that turn `a` into `b`.
    package static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate nearest to `word` (case-insensitive), or nil when none is within `maxDistance`.
    ///
    /// Ties go to the candidate listed first, so callers control the preference by ordering.
    /// `maxDistance` defaults to a third of the word's length (at least 2), which accepts typos
    /// without suggesting something unrelated.
    package static func closest(to word: String, in candidates: some Sequence<String>, maxDistance: Int? = nil) -> String? {
        let needle = word.lowercased()
        let limit = maxDistance ?? max(2, needle.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let d = distance(needle, candidate.lowercased())
            if d <= limit, d < (best?.distance ?? Int.max) {
                best = (candidate, d)
            }
        }
        return best?.candidate
    }
}
