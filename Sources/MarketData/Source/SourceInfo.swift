import Foundation
import StrategyCore

/// What a source holds, per kind of data: how many tickers, which dates, real or synthetic.
package struct SourceInfo: Codable, Hashable, Sendable {
    /// One kind of data in a source.
    package struct Coverage: Codable, Hashable, Sendable {
        package var kind: DataKind
        package var tickerCount: Int
        package var first: Day?
        package var last: Day?
        package var isSynthetic: Bool
        /// "synthetic sample" for generated data; nil for real data.
        package var label: String?

        package init(kind: DataKind, tickerCount: Int, first: Day?, last: Day?, isSynthetic: Bool, label: String? = nil) {
            self.kind = kind
            self.tickerCount = tickerCount
            self.first = first
            self.last = last
            self.isSynthetic = isSynthetic
            self.label = label ?? (isSynthetic ? SyntheticAltData.label : nil)
        }
    }

    /// One named universe's size and the days its tickers' prices span.
    package struct UniverseSpan: Codable, Hashable, Sendable {
        package var name: String
        package var tickerCount: Int
        /// Earliest first bar and latest last bar of any member.
        package var first: Day?
        package var last: Day?
        /// Median first and last bar: the span most members share (the sample's MSFT reaches far wider).
        package var typicalFirst: Day?
        package var typicalLast: Day?

        package init(name: String, tickerCount: Int, first: Day?, last: Day?, typicalFirst: Day? = nil, typicalLast: Day? = nil) {
            self.name = name
            self.tickerCount = tickerCount
            self.first = first
            self.last = last
            self.typicalFirst = typicalFirst ?? first
            self.typicalLast = typicalLast ?? last
        }
    }

    package var name: String
    package var tickers: [String]
    package var coverage: [Coverage]
    /// Named ticker lists the source offers ("sample"), besides its tickers one by one.
    package var universes: [String: [String]]
    package var notes: [String]
    /// True for a live service that can fetch any listed symbol, so `tickers` lists only what it already holds.
    package var acceptsAnyTicker: Bool
    /// Sizes and date spans of `universes`, when the source knows them.
    package var universeSpans: [UniverseSpan]

    package init(name: String, tickers: [String], coverage: [Coverage], universes: [String: [String]] = [:],
                notes: [String] = [], acceptsAnyTicker: Bool = false, universeSpans: [UniverseSpan] = []) {
        self.universeSpans = universeSpans
        self.name = name
        self.tickers = tickers
        self.coverage = coverage
        self.universes = universes
        self.notes = notes
        self.acceptsAnyTicker = acceptsAnyTicker
    }

    package func coverage(of kind: DataKind) -> Coverage? { coverage.first { $0.kind == kind } }

    package func isSynthetic(_ kind: DataKind) -> Bool { coverage(of: kind)?.isSynthetic ?? false }

    package func holds(_ ticker: String) -> Bool { acceptsAnyTicker || tickers.contains(ticker) }
}
