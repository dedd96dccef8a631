import Foundation
import StrategyCore

/// The price data shipped inside the program, so the default works with no key and no network.
///
/// Built by `scripts/embedded/build.py` from public files listed in data/README.md; decoded from one
/// binary resource (`Embedded/embedded.bin`) into columnar `PriceSeries`.
package struct EmbeddedDataSet: Sendable {
    /// One source file the set was built from, with its licence.
    package struct SourceFile: Codable, Hashable, Sendable {
        package var id: String
        package var file: String
        package var package: String
        package var licence: String
        package var adjusted: Bool
        package var volumeMultiplier: Double
        package var note: String
    }

    /// What the set knows about one ticker without decoding its bars.
    package struct SeriesInfo: Codable, Hashable, Sendable {
        package var ticker: String
        package var name: String?
        package var sector: String?
        package var industry: String?
        /// The `SourceFile.id` the series came from.
        package var source: String
        package var count: Int
        package var first: String
        package var last: String
        var hasAdjClose: Bool
        var volumeMultiplier: Double
        var offset: Int
        var length: Int
    }

    struct Header: Codable {
        var version: Int
        var sources: [SourceFile]
        var universes: [String: [String]]
        var notes: [String]
        var series: [SeriesInfo]
    }

    package let sources: [SourceFile]
    /// Named ticker lists: "sample", "MSFT", "^GSPC", "^IXIC".
    package let universes: [String: [String]]
    /// Build notes, among them which file won where two held the same ticker.
    package let notes: [String]
    /// One entry per ticker, sorted by ticker.
    package let seriesInfo: [SeriesInfo]
    /// Bars by ticker; volumes are in shares.
    package let series: [String: PriceSeries]

    /// The resource's location in the program bundle, when it is there.
    package static var resourceURL: URL? {
        Bundle.module.url(forResource: "embedded", withExtension: "bin", subdirectory: "Embedded")
            ?? Bundle.module.url(forResource: "embedded", withExtension: "bin")
    }

    /// Reads and decodes the embedded resource (tens of milliseconds; keep the result rather than reloading).
    package static func load() throws -> EmbeddedDataSet {
        guard let url = resourceURL else { throw MarketDataError.embeddedResourceMissing }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw MarketDataError.embeddedCorrupt("cannot read \(url.path): \(error.localizedDescription)")
        }
        return try decode(data)
    }

    /// The set loaded once per process and shared; a failure is kept and rethrown to every caller.
    package static func shared() throws -> EmbeddedDataSet {
        try cached.get()
    }

    private static let cached: Result<EmbeddedDataSet, MarketDataError> = {
        do {
            return .success(try load())
        } catch let error as MarketDataError {
            return .failure(error)
        } catch {
            return .failure(.embeddedCorrupt(error.localizedDescription))
        }
    }()

    /// Decodes the documented format (magic, version, JSON header, varint column blocks).
    package static func decode(_ data: Data) throws -> EmbeddedDataSet {
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
    package var tickers: [String] { seriesInfo.map(\.ticker) }

    package func info(for ticker: String) -> SeriesInfo? {
        seriesInfo.first { $0.ticker == ticker }
    }
}
