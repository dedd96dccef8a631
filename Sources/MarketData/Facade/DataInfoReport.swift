import Foundation
import StrategyCore

/// What each source holds: tickers, date ranges per kind, real or synthetic, and its notes.
///
/// Structured for `--json` and the model; `rendered()` is the person's table for `stratchat data info`.
package struct DataInfoReport: Codable, Hashable, Sendable {
    package struct Source: Codable, Hashable, Sendable {
        package var name: String
        package var tickerCount: Int
        /// Up to 12 tickers, to show without flooding the screen.
        package var tickerPreview: [String]
        /// Universe name and its size.
        package var universes: [String: Int]
        /// Universe sizes with the days their prices span, when the source knows them.
        package var universeSpans: [SourceInfo.UniverseSpan]
        package var coverage: [SourceInfo.Coverage]
        package var notes: [String]
    }

    package var sources: [Source]

    package init(sources: [SourceInfo]) {
        self.sources = sources.map { info in
            Source(name: info.name, tickerCount: info.tickers.count, tickerPreview: Array(info.tickers.prefix(12)),
                   universes: info.universes.mapValues(\.count), universeSpans: info.universeSpans,
                   coverage: info.coverage, notes: info.notes)
        }
    }

    package func rendered() -> String {
        var lines: [String] = []
        for source in sources {
            let spanned = Set(source.universeSpans.map(\.name))
            let universes = source.universes.keys.sorted().filter { !spanned.contains($0) }.map { "\($0) (\(source.universes[$0]!))" }
            lines.append("\(source.name): \(source.tickerCount) tickers"
                         + (universes.isEmpty ? "" : "; universes: " + universes.joined(separator: ", ")))
            for u in source.universeSpans {
                var range = u.typicalFirst.map { "\($0.iso) … \(u.typicalLast?.iso ?? "?")" } ?? "no data"
                if u.first != u.typicalFirst || u.last != u.typicalLast, let first = u.first, let last = u.last {
                    range += " (some members \(first.iso) … \(last.iso))"
                }
                let name = "universe \(u.name)".padding(toLength: 18, withPad: " ", startingAt: 0)
                let count = "\(u.tickerCount) ticker\(u.tickerCount == 1 ? "" : "s")".padding(toLength: 13, withPad: " ", startingAt: 0)
                lines.append("  \(name)\(count)\(range)")
            }
            for c in source.coverage {
                let range = c.first.map { "\($0.iso) … \(c.last?.iso ?? "?")" } ?? "no data"
                let kind = c.kind.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
                let count = "\(c.tickerCount) tickers".padding(toLength: 13, withPad: " ", startingAt: 0)
                lines.append("  \(kind)\(count)\(range.padding(toLength: 26, withPad: " ", startingAt: 0))"
                             + (c.isSynthetic ? (c.label ?? SyntheticAltData.label) : "real"))
            }
            if source.tickerCount > 0 {
                lines.append("  tickers: " + source.tickerPreview.joined(separator: " ")
                             + (source.tickerCount > source.tickerPreview.count ? " …" : ""))
            }
            for note in source.notes { lines.append("  note: \(note)") }
        }
        return lines.joined(separator: "\n")
    }
}
