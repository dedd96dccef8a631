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

    /// Imports `path` (a file, or a folder searched recursively for .csv, .txt and .tsv files).
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
            guard !files.isEmpty else { throw MarketDataError.unreadable(path: path, reason: "the folder holds no .csv, .txt or .tsv files") }
        } else {
            files = [(url, url.lastPathComponent)]
        }
        let source = options.source ?? (isFolder.boolValue ? url.lastPathComponent : "csv")
        var parsed: [CSVImporter.ParsedFile] = []
        for file in files {
            let text: String
            do {
                text = try String(contentsOf: file.url, encoding: .utf8)
            } catch {
                guard let latin = try? String(contentsOf: file.url, encoding: .isoLatin1) else {
                    throw MarketDataError.unreadable(path: file.url.path, reason: error.localizedDescription)
                }
                text = latin
            }
            parsed.append(CSVImporter.parse(text: text, file: file.display, options: options))
        }
        return try store(parsed, source: source, path: path)
    }

    /// Imports already-read text, as if from a file named `file` (for callers that have the bytes).
    package func importText(_ text: String, file: String, options: CSVImporter.Options = .init()) throws -> ImportReport {
        try store([CSVImporter.parse(text: text, file: file, options: options)], source: options.source ?? "csv", path: file)
    }

    private func store(_ parsed: [CSVImporter.ParsedFile], source: String, path: String) throws -> ImportReport {
        var report = ImportReport(source: source, perTicker: [], problems: parsed.flatMap(\.problems), refused: [],
                                  formats: [:], notes: parsed.flatMap(\.notes))
        // Gather each ticker's rows across files, remembering which file each came from.
        var rowsByTicker: [String: [(file: String, row: CSVImporter.Row)]] = [:]
        var adjustedByTicker: [String: Bool] = [:]
        for file in parsed {
            report.formats[file.file] = file.format
            if let refusal = file.refusal {
                report.refused.append(.init(file: file.file, reason: refusal))
                continue
            }
            for (ticker, rows) in file.rows {
                rowsByTicker[ticker, default: []] += rows.map { (file.file, $0) }
                adjustedByTicker[ticker] = (adjustedByTicker[ticker] ?? true) && file.adjusted
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
                series.append(day: row.day, open: row.open, high: row.high, low: row.low, close: row.close, volume: row.volume)
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
                                          adjusted: adjusted, first: series.firstDay!, last: series.lastDay!, files: files))
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
            let ext = url.pathExtension.lowercased()
            guard ["csv", "txt", "tsv"].contains(ext), (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            var display = url.standardizedFileURL.path
            if display.hasPrefix(base + "/") { display.removeFirst(base.count + 1) }
            out.append((url, display))
        }
        return out.sorted { $0.1 < $1.1 }
    }
}
