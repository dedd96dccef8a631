import Foundation
import StrategyCore

/// Reads one price CSV into per-ticker rows, reporting bad rows by line and keeping the valid ones.
///
/// Pure: text in, parsed rows and problems out; `DataImporter` does the files and the storing.
package enum CSVImporter {
    /// How an import treats tickers and prices.
    package struct Options: Hashable, Sendable {
        /// Overrides the ticker from the Symbol column or the file name.
        package var ticker: String?
        /// Keeps open, high, low and close as they are even when an Adj Close column is present.
        package var raw: Bool
        /// The imported set's name; default: the folder's name, or "csv" for a single file.
        package var source: String?

        package init(ticker: String? = nil, raw: Bool = false, source: String? = nil) {
            self.ticker = ticker
            self.raw = raw
            self.source = source
        }
    }

    /// One valid bar and the line it came from.
    struct Row: Hashable, Sendable {
        var day: Day
        var open, high, low, close, volume: Double
        var line: Int
    }

    /// What one file yielded.
    struct ParsedFile: Sendable {
        var file: String
        var format: String
        var rows: [String: [Row]] = [:]
        var adjusted = false
        var problems: [ImportReport.RowProblem] = []
        var notes: [String] = []
        /// Why nothing was taken from the file, when nothing was.
        var refusal: String?
    }

    static func parse(text: String, file: String, options: Options) -> ParsedFile {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .enumerated().map { (number: $0.offset + 1, text: $0.element.trimmingCharacters(in: .whitespacesAndNewlines)) }
        if let first = lines.first, first.text.hasPrefix("\u{FEFF}") { lines[0].text.removeFirst() }
        lines.removeAll { $0.text.isEmpty }
        guard let first = lines.first else {
            return ParsedFile(file: file, format: "empty", refusal: "the file is empty")
        }
        let delimiter = CSVLayout.delimiter(of: Substring(first.text))
        guard let layout = CSVLayout.recognise(CSVLayout.split(Substring(first.text), delimiter: delimiter)) else {
            return ParsedFile(file: file, format: "unknown",
                              refusal: "not a recognised price CSV: the first line \"\(first.text.prefix(80))\" names no Date, Open, High, Low and Close columns and does not start with a date")
        }
        var out = ParsedFile(file: file, format: layout.format)
        out.adjusted = layout.adjClose != nil && !options.raw
        if layout.adjClose != nil && options.raw { out.notes.append("\(file): Adj Close ignored, prices kept raw as asked") }
        if layout.volume == nil { out.notes.append("\(file): no volume column; volume is 0") }
        let fileTicker = options.ticker.map(CSVLayout.normaliseTicker) ?? CSVLayout.ticker(fromName: file)
        var dataLines = 0
        for (number, text) in lines.dropFirst(layout.hasHeader ? 1 : 0) {
            dataLines += 1
            let fields = CSVLayout.split(Substring(text), delimiter: delimiter)
            switch row(fields, layout, adjust: out.adjusted, line: number) {
            case .failure(let problem):
                out.problems.append(.init(file: file, line: number, message: problem.message))
            case .success(let row):
                let ticker = options.ticker.map(CSVLayout.normaliseTicker)
                    ?? layout.symbol.map { CSVLayout.normaliseTicker(fields[$0]) } ?? fileTicker
                if ticker.isEmpty {
                    out.problems.append(.init(file: file, line: number, message: "empty symbol"))
                } else {
                    out.rows[ticker, default: []].append(row)
                }
            }
        }
        for ticker in out.rows.keys.sorted() {
            out.rows[ticker] = ordered(out.rows[ticker]!, ticker: ticker, file: file, problems: &out.problems, notes: &out.notes)
        }
        if out.rows.isEmpty {
            out.refusal = dataLines == 0 ? "no data rows after the header"
                : "none of its \(dataLines) rows is valid; first problem: line \(out.problems[0].line): \(out.problems[0].message)"
        }
        return out
    }

    struct Problem: Error { var message: String }

    /// Parses and checks one row: numbers, non-negative prices, high not below low.
    static func row(_ f: [String], _ layout: CSVLayout, adjust: Bool, line: Int) -> Result<Row, Problem> {
        guard f.count >= layout.minimumFields else {
            return .failure(Problem(message: "expected at least \(layout.minimumFields) columns, found \(f.count)"))
        }
        guard let day = CSVLayout.day(f[layout.date]) else {
            return .failure(Problem(message: "unparsable date \"\(f[layout.date])\" (use YYYY-MM-DD, M/D/YYYY or YYYYMMDD)"))
        }
        var values: [Double] = []
        let columns: [(String, Int?)] = [("Open", layout.open), ("High", layout.high), ("Low", layout.low),
                                         ("Close", layout.close), ("Adj Close", layout.adjClose), ("Volume", layout.volume)]
        for (name, index) in columns {
            guard let index else { values.append(name == "Volume" ? 0 : .nan); continue }
            guard let v = Double(f[index]), v.isFinite else {
                return .failure(Problem(message: "unparsable number \"\(f[index])\" in \(name)"))
            }
            if v < 0 { return .failure(Problem(message: "negative \(name == "Volume" ? "volume" : "price") \(f[index]) in \(name)")) }
            values.append(v)
        }
        var (open, high, low, close) = (values[0], values[1], values[2], values[3])
        if high < low { return .failure(Problem(message: "high \(f[layout.high]) is below low \(f[layout.low])")) }
        if adjust, close > 0 {
            let factor = values[4] / close
            (open, high, low, close) = (open * factor, high * factor, low * factor, values[4])
        }
        return .success(Row(day: day, open: open, high: high, low: low, close: close, volume: values[5], line: line))
    }

    /// Puts rows in date order: a newest-first file is read reversed; other out-of-order rows are
    /// reported and sorted into place; a repeated date keeps its first row and reports the others.
    static func ordered(_ rows: [Row], ticker: String, file: String, problems: inout [ImportReport.RowProblem],
                        notes: inout [String]) -> [Row] {
        var rows = rows
        let pairs = zip(rows, rows.dropFirst())
        if rows.count > 1, pairs.allSatisfy({ $0.day > $1.day }) {
            notes.append("\(file): \(ticker) rows are newest first; read in reverse")
            rows.reverse()
        } else {
            for (previous, row) in pairs where row.day < previous.day {
                problems.append(.init(file: file, line: row.line,
                                      message: "unsorted date \(row.day.iso) after \(previous.day.iso) (line \(previous.line)); sorted into place"))
            }
        }
        var seen: [Day: Int] = [:]
        var kept: [Row] = []
        for row in rows {
            if let firstLine = seen[row.day] {
                problems.append(.init(file: file, line: row.line,
                                      message: "duplicate date \(row.day.iso) for \(ticker) (first at line \(firstLine)); kept the first"))
            } else {
                seen[row.day] = row.line
                kept.append(row)
            }
        }
        return kept.sorted { $0.day < $1.day }
    }
}
