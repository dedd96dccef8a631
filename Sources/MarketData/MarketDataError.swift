import Foundation

/// Everything that can go wrong while finding, reading or importing market data.
package enum MarketDataError: Error, Hashable, Sendable, LocalizedError {
    /// The embedded data set is missing from the program's resources.
    case embeddedResourceMissing
    /// The embedded data set's bytes do not follow the documented format.
    case embeddedCorrupt(String)
    /// A universe name that no source knows.
    case unknownUniverse(String, suggestion: String?)
    /// Tickers asked for that no source holds.
    case unknownTickers([String], source: String)
    /// A universe that needs a key or a source that is not configured.
    case sourceUnavailable(String, fix: String)
    /// A file or folder that cannot be read.
    case unreadable(path: String, reason: String)
    /// A CSV file with no valid row; `reason` says why.
    case nothingValid(file: String, reason: String)
    /// A CSV layout that matches none of the accepted formats.
    case unrecognisedFormat(file: String, header: String)
    /// The bar storage refused a write.
    case storageFailed(String)

    package var errorDescription: String? {
        switch self {
        case .embeddedResourceMissing:
            "The embedded data set (embedded.bin) is missing from the program's resources. Rebuild the program; if it persists, regenerate it with `python3 scripts/embedded/build.py` (see data/README.md)."
        case .embeddedCorrupt(let detail):
            "The embedded data set is damaged (\(detail)). Regenerate it with `python3 scripts/embedded/build.py` and rebuild."
        case .unknownUniverse(let name, let suggestion):
            "No universe or ticker called \"\(name)\"." + (suggestion.map { " Did you mean \"\($0)\"?" } ?? "")
                + " Use \"sample\", \"MSFT\", a list like \"AAPL,MSFT\", or the name of an imported folder (see `stratchat data info`)."
        case .unknownTickers(let tickers, let source):
            "\(source) holds no data for \(tickers.joined(separator: ", ")). Check the spelling, or import a CSV with `stratchat data import PATH`."
        case .sourceUnavailable(let what, let fix):
            "\(what) is not available. \(fix)"
        case .unreadable(let path, let reason):
            "Cannot read \(path): \(reason). Check the path and its permissions."
        case .nothingValid(let file, let reason):
            "\(file) has no valid rows (\(reason)); nothing was imported from it. Fix the file and import it again."
        case .unrecognisedFormat(let file, let header):
            "\(file) is not a recognised price CSV (first line: \"\(header.prefix(80))\"). Use Yahoo (Date,Open,High,Low,Close,Adj Close,Volume), Stooq, a long format with a Symbol column, or dates in the first column."
        case .storageFailed(let detail):
            "Could not store the imported bars: \(detail). Check that the database is writable."
        }
    }
}
