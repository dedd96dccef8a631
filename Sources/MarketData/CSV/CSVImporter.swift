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
        /// The file holds closes only (a wide file, or `Date,Close`).
        var closeOnly = false
        var problems: [ImportReport.RowProblem] = []
        var notes: [String] = []
        var warnings: [String] = []
        /// Why nothing was taken from the file, when nothing was.
        var refusal: String?
    }

    /// A price more than this many times the day before (or less than its inverse) is refused: no split is that large.
    static let maximumDailyFactor = 1_000.0

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
                              refusal: "not a recognised price CSV: the first line (\(TextExcerpt.escaped(first.text))) names no Date, Open, High, Low and Close columns, no ticker columns, and does not start with a date")
        }
        var out = ParsedFile(file: file, format: layout.format)
        out.adjusted = layout.adjClose != nil && !options.raw
        out.closeOnly = layout.closeOnly
        if layout.adjClose != nil && options.raw { out.notes.append("\(file): Adj Close ignored, prices kept raw as asked") }
        if layout.volume == nil && !layout.closeOnly { out.notes.append("\(file): no volume column; volume is 0") }
        if layout.closeOnly {
            out.notes.append("\(file): closes only (no open, high, low or volume); a backtest fills orders on them at the next close and checks stops and targets on closes")
        }
        var fileTicker = ""
        if let given = options.ticker {
            fileTicker = CSVLayout.normaliseTicker(given)
            guard CSVLayout.isValidTicker(fileTicker) else {
                out.refusal = "the ticker \(TextExcerpt.escaped(given)) was refused: \(CSVLayout.tickerRule)"
                return out
            }
        } else if layout.symbol == nil && layout.wide.isEmpty {
            let named = CSVLayout.ticker(fromName: file)
            guard !named.ticker.isEmpty else {
                out.refusal = "no Symbol column, and the file name gives no ticker (\(CSVLayout.tickerRule)); import it with --ticker SYMBOL"
                return out
            }
            fileTicker = named.ticker
            if named.guessed {
                out.warnings.append("\(file): ticker \(fileTicker) was taken from the file name, which does not look like a ticker; if it is wrong, import again with --ticker SYMBOL")
            }
        }
        var dataLines = 0
        for (number, text) in lines.dropFirst(layout.hasHeader ? 1 : 0) {
            dataLines += 1
            let fields = CSVLayout.split(Substring(text), delimiter: delimiter)
            guard fields.count == layout.fieldCount else {
                let against = layout.hasHeader ? "the header has" : "the first row has"
                out.problems.append(.init(file: file, line: number,
                                          message: "\(fields.count) fields where \(against) \(layout.fieldCount); correct or delete the row"))
                continue
            }
            if !layout.wide.isEmpty {
                wideRow(fields, layout, line: number, into: &out)
                continue
            }
            switch row(fields, layout, adjust: out.adjusted, line: number) {
            case .failure(let problem):
                out.problems.append(.init(file: file, line: number, message: problem.message))
            case .success(let row):
                let ticker = options.ticker != nil ? fileTicker : layout.symbol.map { CSVLayout.normaliseTicker(fields[$0]) } ?? fileTicker
                if ticker.isEmpty {
                    out.problems.append(.init(file: file, line: number, message: "empty symbol"))
                } else if !CSVLayout.isValidTicker(ticker) {
                    out.problems.append(.init(file: file, line: number,
                                              message: "ticker \(TextExcerpt.escaped(ticker)) refused: \(CSVLayout.tickerRule)"))
                } else {
                    out.rows[ticker, default: []].append(row)
                }
            }
        }
        var sortedLines = Set<Int>()
        for ticker in out.rows.keys.sorted() {
            let (rows, unsorted) = ordered(out.rows[ticker]!, ticker: ticker, file: file, problems: &out.problems, notes: &out.notes)
            sortedLines.formUnion(unsorted)
            out.rows[ticker] = withoutJumps(rows, ticker: ticker, file: file, problems: &out.problems)
            if out.rows[ticker]!.isEmpty { out.rows[ticker] = nil }
        }
        if !sortedLines.isEmpty {
            out.notes.append("\(file): sorted \(sortedLines.count) row\(sortedLines.count == 1 ? "" : "s") into date order")
        }
        if out.rows.isEmpty {
            out.refusal = dataLines == 0 ? "no data rows after the header"
                : "none of its \(dataLines) rows is valid; first problem: line \(out.problems[0].line): \(out.problems[0].message)"
        }
        return out
    }

    struct Problem: Error { var message: String }

    /// One row of a wide file: a close-only bar for each ticker column with a value (an empty cell is a day
    /// before the ticker listed, or after it stopped).
    static func wideRow(_ fields: [String], _ layout: CSVLayout, line: Int, into out: inout ParsedFile) {
        guard let day = CSVLayout.day(fields[layout.date]) else {
            out.problems.append(.init(file: out.file, line: line, message: unparsableDate(fields[layout.date])))
            return
        }
        for (index, ticker) in layout.wide where !fields[index].isEmpty {
            switch price(fields[index], name: ticker) {
            case .failure(let problem):
                out.problems.append(.init(file: out.file, line: line, message: problem.message))
            case .success(let close):
                out.rows[ticker, default: []].append(Row(day: day, open: close, high: close, low: close, close: close, volume: 0, line: line))
            }
        }
    }

    static func unparsableDate(_ text: String) -> String {
        "unparsable date \(TextExcerpt.escaped(text)) (use YYYY-MM-DD, M/D/YYYY or YYYYMMDD)"
    }

    /// A price cell: a finite number above zero.
    static func price(_ text: String, name: String) -> Result<Double, Problem> {
        guard let v = Double(text), v.isFinite else {
            return .failure(Problem(message: "unparsable number \(TextExcerpt.escaped(text)) in \(name)"))
        }
        guard v > 0 else {
            return .failure(Problem(message: "price \(text) in \(name) is not above zero; correct or delete the row"))
        }
        return .success(v)
    }

    /// Parses and checks one row: numbers, prices above zero, high not below low, prices within a factor of 1,000.
    static func row(_ f: [String], _ layout: CSVLayout, adjust: Bool, line: Int) -> Result<Row, Problem> {
        guard f.count >= layout.minimumFields else {
            return .failure(Problem(message: "expected at least \(layout.minimumFields) columns, found \(f.count)"))
        }
        guard let day = CSVLayout.day(f[layout.date]) else {
            return .failure(Problem(message: unparsableDate(f[layout.date])))
        }
        var values: [Double] = []
        let columns: [(String, Int?)] = [("Open", layout.open), ("High", layout.high), ("Low", layout.low),
                                         ("Close", layout.close), ("Adj Close", layout.adjClose)]
        for (name, index) in columns {
            guard let index else { values.append(.nan); continue }
            switch price(f[index], name: name) {
            case .failure(let problem): return .failure(problem)
            case .success(let v): values.append(v)
            }
        }
        var volume = 0.0
        if let index = layout.volume, !layout.closeOnly || !f[index].isEmpty {
            guard let v = Double(f[index]), v.isFinite else {
                return .failure(Problem(message: "unparsable number \(TextExcerpt.escaped(f[index])) in Volume"))
            }
            if v < 0 { return .failure(Problem(message: "negative volume \(f[index]) in Volume")) }
            volume = v
        }
        var (open, high, low, close) = (values[0], values[1], values[2], values[3])
        if high < low { return .failure(Problem(message: "high \(f[layout.high]) is below low \(f[layout.low])")) }
        let prices = [open, high, low, close]
        if prices.max()! / prices.min()! > maximumDailyFactor {
            return .failure(Problem(message: "prices in the row differ by more than \(Int(maximumDailyFactor)) times (\(prices.min()!) to \(prices.max()!)); correct or delete the row"))
        }
        if adjust {
            let factor = values[4] / close
            (open, high, low, close) = (open * factor, high * factor, low * factor, values[4])
        }
        return .success(Row(day: day, open: open, high: high, low: low, close: close, volume: volume, line: line))
    }

    /// Drops rows whose prices jump by more than `maximumDailyFactor` from the previous kept close, each reported
    /// with its line: no split is that large, so the value is a typo or a corrupt field.
    static func withoutJumps(_ rows: [Row], ticker: String, file: String, problems: inout [ImportReport.RowProblem]) -> [Row] {
        var kept: [Row] = []
        kept.reserveCapacity(rows.count)
        for row in rows {
            if let previous = kept.last {
                let factor = [row.open, row.high, row.low, row.close].map { $0 / previous.close }
                if let worst = factor.first(where: { $0 > maximumDailyFactor || $0 < 1 / maximumDailyFactor }) {
                    let direction = worst > 1 ? "more than \(Int(maximumDailyFactor)) times" : "less than 1/\(Int(maximumDailyFactor)) of"
                    problems.append(.init(file: file, line: row.line,
                                          message: "\(ticker) price on \(row.day.iso) is \(direction) the close of \(previous.day.iso) (\(previous.close)), which no split explains; correct or delete the row"))
                    continue
                }
            }
            kept.append(row)
        }
        return kept
    }

    /// Puts rows in date order: a newest-first file is read reversed; other out-of-order rows are
    /// sorted into place and returned by line; a repeated date keeps its first row and reports the others.
    static func ordered(_ rows: [Row], ticker: String, file: String, problems: inout [ImportReport.RowProblem],
                        notes: inout [String]) -> (rows: [Row], unsortedLines: [Int]) {
        var rows = rows
        let pairs = zip(rows, rows.dropFirst())
        var unsorted: [Int] = []
        if rows.count > 1, pairs.allSatisfy({ $0.day > $1.day }) {
            notes.append("\(file): \(ticker) rows are newest first; read in reverse")
            rows.reverse()
        } else {
            // Rows out of date order are sorted into place; that is no problem, and one note says how many.
            unsorted = pairs.filter { $1.day < $0.day }.map(\.1.line)
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
        return (kept.sorted { $0.day < $1.day }, unsorted)
    }
}
