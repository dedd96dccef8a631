import Foundation
import StrategyCore

/// The price data shipped inside the program, so the default works with no key and no network.
///
/// Built by `scripts/embedded/build.py` from public files listed in data/README.md; decoded from one
/// binary resource (`Embedded/embedded.bin`) into columnar `PriceSeries`.
public struct EmbeddedDataSet: Sendable {
    /// One source file the set was built from, with its licence.
    public struct SourceFile: Codable, Hashable, Sendable {
        public var id: String
        public var file: String
        public var package: String
        public var licence: String
        public var adjusted: Bool
        public var volumeMultiplier: Double
        public var note: String
    }

    /// What the set knows about one ticker without decoding its bars.
    public struct SeriesInfo: Codable, Hashable, Sendable {
        public var ticker: String
        public var name: String?
        public var sector: String?
        public var industry: String?
        /// The `SourceFile.id` the series came from.
        public var source: String
        public var count: Int
        public var first: String
        public var last: String
        var hasAdjClose: Bool
        var volumeMultiplier: Double
        var offset: Int
        var length: Int
        /// True when the series has closes only (its block holds one column).
        public var closeOnly: Bool?
        /// For a series stitched from several files: which file each run of bars came from and how it was scaled.
        public var pieces: [Piece]?
    }

    /// One run of a stitched series' bars from one file, scaled by `factor` to meet the next file.
    public struct Piece: Codable, Hashable, Sendable {
        public var source: String
        /// Index of the piece's first bar in the series, and its bar count.
        public var from: Int
        public var count: Int
        public var first: String
        public var last: String
        public var factor: Double
        public var closeOnly: Bool
        public var adjClose: Bool
    }

    struct Header: Codable {
        var version: Int
        var sources: [SourceFile]
        var universes: [String: [String]]
        var notes: [String]
        var series: [SeriesInfo]
    }

    public let sources: [SourceFile]
    /// Named ticker lists: "sample", "MSFT", "^GSPC", "^IXIC".
    public let universes: [String: [String]]
    /// Build notes, among them which file won where two held the same ticker.
    public let notes: [String]
    /// One entry per ticker, sorted by ticker.
    public let seriesInfo: [SeriesInfo]
    /// Bars by ticker; volumes are in shares.
    public let series: [String: PriceSeries]

    /// The two sets shipped: the 2009-2010 cross-section and the long history of 26 large stocks.
    public enum Resource: String, Sendable, CaseIterable {
        case crossSection = "embedded"
        case longHistory = "long-history"
    }

    /// The resource's location in the program bundle, when it is there.
    public static func resourceURL(_ resource: Resource = .crossSection) -> URL? {
        Bundle.module.url(forResource: resource.rawValue, withExtension: "bin", subdirectory: "Embedded")
            ?? Bundle.module.url(forResource: resource.rawValue, withExtension: "bin")
    }

    /// Reads and decodes an embedded resource (tens of milliseconds; keep the result rather than reloading).
    public static func load(_ resource: Resource = .crossSection) throws -> EmbeddedDataSet {
        guard let url = resourceURL(resource) else { throw MarketDataError.embeddedResourceMissing }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw MarketDataError.embeddedCorrupt("cannot read \(url.path): \(error.localizedDescription)")
        }
        return try decode(data)
    }

    /// The set loaded once per process and shared; a failure is kept and rethrown to every caller.
    public static func shared(_ resource: Resource = .crossSection) throws -> EmbeddedDataSet {
        switch resource {
        case .crossSection: try cached.get()
        case .longHistory: try cachedLong.get()
        }
    }

    private static let cached = loadKeepingError(.crossSection)
    private static let cachedLong = loadKeepingError(.longHistory)

    private static func loadKeepingError(_ resource: Resource) -> Result<EmbeddedDataSet, MarketDataError> {
        do {
            return .success(try load(resource))
        } catch let error as MarketDataError {
            return .failure(error)
        } catch {
            return .failure(.embeddedCorrupt(error.localizedDescription))
        }
    }

    /// Decodes the documented format (magic, version, JSON header, varint column blocks).
    public static func decode(_ data: Data) throws -> EmbeddedDataSet {
        try EmbeddedFormat.decode(data)
    }

    init(sources: [SourceFile], universes: [String: [String]], notes: [String], seriesInfo: [SeriesInfo],
         series: [String: PriceSeries]) {
        self.sources = sources
        self.universes = universes
        self.notes = notes
        self.seriesInfo = seriesInfo
        self.series = series
    }

    /// All tickers, sorted.
    public var tickers: [String] { seriesInfo.map(\.ticker) }

    public func info(for ticker: String) -> SeriesInfo? {
        seriesInfo.first { $0.ticker == ticker }
    }
}
