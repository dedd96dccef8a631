import Foundation
import StrategyCore

/// Imports a CSV file or a folder of them into bar storage, one series per ticker.
///
/// Importing a ticker again into the same source replaces its rows, and the report says how many.
package struct DataImporter: Sendable {
    package let storage: any BarStorage

    package init(storage: any BarStorage) {
        self.storage = storage
    }

    /// Imports `path` (a file, or a folder searched recursively for .csv, .txt and .tsv files, gzipped or not).
    ///
    /// Throws when the path cannot be read or when no file yields a valid row; otherwise bad rows and
    /// refused files are in the report and everything valid is stored.
    package func importPath(_ path: String, options: CSVImporter.Options = .init()) throws -> ImportReport {
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw MarketDataError.unreadable(path: path, reason: "no such file or folder")
        }
        let files: [(url: URL, display: String)]
        if isFolder.boolValue {
            files = try Self.csvFiles(in: url)
            guard !files.isEmpty else { throw MarketDataError.unreadable(path: path, reason: "the folder holds no .csv, .txt or .tsv files (or .gz of them)") }
        } else {
            files = [(url, url.lastPathComponent)]
        }
        let source = options.source ?? (isFolder.boolValue ? url.lastPathComponent : "csv")
        var parsed: [CSVImporter.ParsedFile] = []
        for file in files {
            let bytes: Data
            do {
                bytes = try Data(contentsOf: file.url)
            } catch {
                throw MarketDataError.unreadable(path: file.url.path, reason: error.localizedDescription)
            }
            switch Self.text(of: bytes) {
            case .success(let text):
                parsed.append(CSVImporter.parse(text: text, file: file.display, options: options))
            case .failure(let refusal):
                parsed.append(CSVImporter.ParsedFile(file: file.display, format: "unreadable", refusal: refusal.reason))
            }
        }
        return try store(parsed, source: source, path: path)
    }

    /// A file's text: gzip is decompressed (whatever the name), UTF-8 is read, else Latin-1. Bytes that are not
    /// text are refused with a short escaped excerpt, never echoed as they are.
    static func text(of data: Data) -> Result<String, Gzip.GzipError> {
        var bytes = data
        if Gzip.isCompressed(data) {
            switch Gzip.decompress(data) {
            case .success(let plain): bytes = plain
            case .failure(let error): return .failure(Gzip.GzipError(reason: "a gzip file that cannot be read: \(error.reason)"))
            }
        }
        let head = bytes.prefix(4096)
        if head.contains(0) {
            let excerpt = TextExcerpt.escaped(String(decoding: head.prefix(24), as: UTF8.self), limit: 24)
            return .failure(Gzip.GzipError(reason: "not a text file (it starts with \(excerpt)); export the prices as CSV"))
        }
        return .success(String(data: bytes, encoding: .utf8) ?? String(bytes.map { Character(Unicode.Scalar($0)) }))
    }

    /// Imports already-read text, as if from a file named `file` (for callers that have the bytes).
    package func importText(_ text: String, file: String, options: CSVImporter.Options = .init()) throws -> ImportReport {
        try store([CSVImporter.parse(text: text, file: file, options: options)], source: options.source ?? "csv", path: file)
    }

    private func store(_ parsed: [CSVImporter.ParsedFile], source: String, path: String) throws -> ImportReport {
        var report = ImportReport(source: source, perTicker: [], problems: parsed.flatMap(\.problems), refused: [],
                                  formats: [:], notes: parsed.flatMap(\.notes), warnings: parsed.flatMap(\.warnings))
        // Gather each ticker's rows across files, remembering which file each came from.
        var rowsByTicker: [String: [(file: String, row: CSVImporter.Row)]] = [:]
        var adjustedByTicker: [String: Bool] = [:]
        var closeOnlyByTicker: [String: Bool] = [:]
        for file in parsed {
            report.formats[file.file] = file.format
            if let refusal = file.refusal {
                report.refused.append(.init(file: file.file, reason: refusal))
                continue
            }
            for (ticker, rows) in file.rows {
                rowsByTicker[ticker, default: []] += rows.map { (file.file, $0) }
                adjustedByTicker[ticker] = (adjustedByTicker[ticker] ?? true) && file.adjusted
                closeOnlyByTicker[ticker] = (closeOnlyByTicker[ticker] ?? true) && file.closeOnly
            }
        }
        guard !rowsByTicker.isEmpty else {
            let reasons = report.refused.map { "\($0.file): \($0.reason)" }.joined(separator: "; ")
            throw MarketDataError.nothingValid(file: path, reason: reasons.isEmpty ? "no rows" : reasons)
        }
        var prepared: [(series: PriceSeries, adjusted: Bool, files: [String])] = []
        for ticker in rowsByTicker.keys.sorted() {
            let rows = rowsByTicker[ticker]!
            let files = Array(Set(rows.map(\.file))).sorted()
            if files.count > 1 {
                report.notes.append("\(ticker) appears in \(files.joined(separator: ", ")); their rows were merged by date")
            }
            let closeOnly = closeOnlyByTicker[ticker] ?? false
            var series = PriceSeries(ticker: ticker)
            series.reserveCapacity(rows.count)
            var firstSeen: [Day: (String, Int)] = [:]
            // Stable sort by day keeps file order among equal days, so the first file's row wins.
            for (file, row) in rows.enumerated().sorted(by: { ($0.element.row.day, $0.offset) < ($1.element.row.day, $1.offset) }).map(\.element) {
                if let (firstFile, firstLine) = firstSeen[row.day] {
                    report.problems.append(.init(file: file, line: row.line,
                                                 message: "duplicate date \(row.day.iso) for \(ticker) (already in \(firstFile) line \(firstLine)); kept the first"))
                    continue
                }
                firstSeen[row.day] = (file, row.line)
                series.append(day: row.day, open: row.open, high: row.high, low: row.low, close: row.close, volume: row.volume,
                              closeOnly: closeOnly)
            }
            prepared.append((series, adjustedByTicker[ticker] ?? false, files))
        }
        // Rows a re-import replaces: everything stored for the ticker in this source. Then one all-or-nothing write.
        let before: [String: Int]
        do {
            before = Dictionary(try storage.storedSummaries().filter { $0.source == source }.map { ($0.ticker, $0.count) },
                                uniquingKeysWith: +)
            _ = try storage.replaceBars(source: source, series: prepared.map(\.series))
        } catch let error as MarketDataError {
            throw error
        } catch {
            throw MarketDataError.storageFailed(error.localizedDescription)
        }
        for (series, adjusted, files) in prepared {
            report.perTicker.append(.init(ticker: series.ticker, rows: series.count, replacedRows: before[series.ticker] ?? 0,
                                          adjusted: adjusted, first: series.firstDay!, last: series.lastDay!, files: files,
                                          closeOnly: series.closeOnlyCount == series.count))
        }
        return report
    }

    static func csvFiles(in folder: URL) throws -> [(url: URL, display: String)] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw MarketDataError.unreadable(path: folder.path, reason: "cannot list the folder")
        }
        let base = folder.standardizedFileURL.path
        var out: [(URL, String)] = []
        for case let url as URL in enumerator {
            var ext = url.pathExtension.lowercased()
            if ext == "gz" { ext = url.deletingPathExtension().pathExtension.lowercased() }
            guard ["csv", "txt", "tsv"].contains(ext), (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            var display = url.standardizedFileURL.path
            if display.hasPrefix(base + "/") { display.removeFirst(base.count + 1) }
            out.append((url, display))
        }
        return out.sorted { $0.1 < $1.1 }
    }
}
