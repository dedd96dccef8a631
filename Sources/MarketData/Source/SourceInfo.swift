import Foundation
import StrategyCore

/// What a source holds, per kind of data: how many tickers, which dates, real or synthetic.
public struct SourceInfo: Codable, Hashable, Sendable {
    /// One kind of data in a source.
    public struct Coverage: Codable, Hashable, Sendable {
        public var kind: DataKind
        public var tickerCount: Int
        public var first: Day?
        public var last: Day?
        public var isSynthetic: Bool
        /// "synthetic sample" for generated data; nil for real data.
        public var label: String?

        public init(kind: DataKind, tickerCount: Int, first: Day?, last: Day?, isSynthetic: Bool, label: String? = nil) {
            self.kind = kind
            self.tickerCount = tickerCount
            self.first = first
            self.last = last
            self.isSynthetic = isSynthetic
            self.label = label ?? (isSynthetic ? SyntheticAltData.label : nil)
        }
    }

    /// One named universe's size and the days its tickers' prices span.
    public struct UniverseSpan: Codable, Hashable, Sendable {
        public var name: String
        public var tickerCount: Int
        /// Earliest first bar and latest last bar of any member.
        public var first: Day?
        public var last: Day?
        /// Median first and last bar: the span most members share (the sample's MSFT reaches far wider).
        public var typicalFirst: Day?
        public var typicalLast: Day?

        public init(name: String, tickerCount: Int, first: Day?, last: Day?, typicalFirst: Day? = nil, typicalLast: Day? = nil) {
            self.name = name
            self.tickerCount = tickerCount
            self.first = first
            self.last = last
            self.typicalFirst = typicalFirst ?? first
            self.typicalLast = typicalLast ?? last
        }
    }

    public var name: String
    public var tickers: [String]
    public var coverage: [Coverage]
    /// Named ticker lists the source offers ("sample"), besides its tickers one by one.
    public var universes: [String: [String]]
    public var notes: [String]
    /// True for a live service that can fetch any listed symbol, so `tickers` lists only what it already holds.
    public var acceptsAnyTicker: Bool
    /// Sizes and date spans of `universes`, when the source knows them.
    public var universeSpans: [UniverseSpan]

    public init(name: String, tickers: [String], coverage: [Coverage], universes: [String: [String]] = [:],
                notes: [String] = [], acceptsAnyTicker: Bool = false, universeSpans: [UniverseSpan] = []) {
        self.universeSpans = universeSpans
        self.name = name
        self.tickers = tickers
        self.coverage = coverage
        self.universes = universes
        self.notes = notes
        self.acceptsAnyTicker = acceptsAnyTicker
    }

    public func coverage(of kind: DataKind) -> Coverage? { coverage.first { $0.kind == kind } }

    public func isSynthetic(_ kind: DataKind) -> Bool { coverage(of: kind)?.isSynthetic ?? false }

    public func holds(_ ticker: String) -> Bool { acceptsAnyTicker || tickers.contains(ticker) }
}
