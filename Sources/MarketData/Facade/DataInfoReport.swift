import Foundation
import StrategyCore

/// What each source holds: tickers, date ranges per kind, real or synthetic, and its notes.
///
/// Structured for `--json` and the model; `rendered()` is the person's table for `stratchat data info`.
public struct DataInfoReport: Codable, Hashable, Sendable {
    public struct Source: Codable, Hashable, Sendable {
        public var name: String
        public var tickerCount: Int
        /// Up to 12 tickers, to show without flooding the screen.
        public var tickerPreview: [String]
        /// Universe name and its size.
        public var universes: [String: Int]
        public var coverage: [SourceInfo.Coverage]
        public var notes: [String]
    }

    public var sources: [Source]

    public init(sources: [SourceInfo]) {
        self.sources = sources.map { info in
            Source(name: info.name, tickerCount: info.tickers.count, tickerPreview: Array(info.tickers.prefix(12)),
                   universes: info.universes.mapValues(\.count), coverage: info.coverage, notes: info.notes)
        }
    }

    public func rendered() -> String {
        var lines: [String] = []
        for source in sources {
            let universes = source.universes.keys.sorted().map { "\($0) (\(source.universes[$0]!))" }
            lines.append("\(source.name): \(source.tickerCount) tickers"
                         + (universes.isEmpty ? "" : "; universes: " + universes.joined(separator: ", ")))
            for c in source.coverage {
                let range = c.first.map { "\($0.iso) … \(c.last?.iso ?? "?")" } ?? "no data"
                let kind = c.kind.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
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
