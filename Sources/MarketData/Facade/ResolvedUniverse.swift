import Foundation

/// A universe name turned into tickers, each with the source that holds its prices.
public struct ResolvedUniverse: Codable, Hashable, Sendable {
    public struct Member: Codable, Hashable, Sendable {
        public var ticker: String
        public var source: String
    }

    /// What the person asked for ("sample", "AAPL,MSFT", an imported folder's name).
    public var name: String
    public var members: [Member]
    /// Caveats to show with results, such as the sample's survivorship bias.
    public var notes: [String]

    public var tickers: [String] { members.map(\.ticker) }
}

/// Edit distance, for "did you mean …?" on universes and tickers.
enum EditDistance {
    static func closest(to word: String, in candidates: [String], maxDistance: Int = 2) -> String? {
        let w = Array(word.lowercased())
        var best: (String, Int)?
        for c in candidates {
            let d = distance(w, Array(c.lowercased()))
            if d <= maxDistance, d < (best?.1 ?? .max) { best = (c, d) }
        }
        return best?.0
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
