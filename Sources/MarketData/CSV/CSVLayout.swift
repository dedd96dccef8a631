import Foundation
import StrategyCore

/// Which column holds what in one price CSV, recognised from its header (or its absence).
struct CSVLayout: Sendable {
    var date: Int
    var open: Int
    var high: Int
    var low: Int
    var close: Int
    var adjClose: Int?
    var volume: Int?
    var symbol: Int?
    /// A wide file of closes (`Date,AAPL,MSFT,…`): each column's index and ticker, one close-only series per column.
    var wide: [(index: Int, ticker: String)] = []
    /// Only a close (no open, high or low): the series is close-only.
    var closeOnly = false
    var hasHeader: Bool
    /// Fields in the header (or the first row without one); a row with another count is refused.
    var fieldCount: Int
    /// How the format is named in the report ("Yahoo", "Stooq bulk", …).
    var format: String

    var minimumFields: Int { [date, open, high, low, close, adjClose ?? 0, volume ?? 0, symbol ?? 0].max()! + 1 }

    /// Recognises a layout from the first line, or explains why not.
    ///
    /// The date column is found by name, or is the first column when its name is empty (pandas' default
    /// `to_csv()` writes its index unnamed: `,Open,High,Low,Close,Volume`).
    static func recognise(_ fields: [String]) -> CSVLayout? {
        let names = fields.map(normalise)
        func find(_ options: Set<String>) -> Int? { names.firstIndex { options.contains($0) } }
        let indexColumn = names.first.map { $0.isEmpty || $0 == "unnamed0" || $0 == "index" } ?? false
        if let date = find(["date", "day", "timestamp", "datetime"]) ?? (indexColumn ? 0 : nil) {
            let pandas = indexColumn && date == 0 ? "pandas to_csv, " : ""
            let adj = find(["adjclose", "adjustedclose", "adjusted"]), volume = find(["volume", "vol"])
            let symbol = find(["symbol", "ticker"])
            guard let close = find(["close"]) ?? adj else {
                return wideLayout(fields, names: names, date: date, pandas: pandas)
            }
            guard let open = find(["open"]), let high = find(["high"]), let low = find(["low"]) else {
                // Closes alone (`Date,Close` or `Date,Adj Close`): a close-only series.
                return CSVLayout(date: date, open: close, high: close, low: close, close: adj ?? close, adjClose: nil,
                                 volume: volume, symbol: symbol, closeOnly: true, hasHeader: true, fieldCount: fields.count,
                                 format: "\(pandas)closes only")
            }
            let bulk = fields.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("<") }
            let format = bulk ? "Stooq bulk" : symbol != nil ? "long format (Symbol column)"
                : adj != nil ? "Yahoo (Adj Close)" : "Date,Open,High,Low,Close,Volume (Stooq)"
            return CSVLayout(date: date, open: open, high: high, low: low, close: close, adjClose: adj, volume: volume,
                             symbol: symbol, hasHeader: true, fieldCount: fields.count, format: pandas + format)
        }
        // No header: a date in the first column, then open, high, low, close and optionally volume.
        guard fields.count >= 5, CSVLayout.day(fields[0]) != nil else { return nil }
        return CSVLayout(date: 0, open: 1, high: 2, low: 3, close: 4, adjClose: nil, volume: fields.count >= 6 ? 5 : nil,
                         symbol: nil, hasHeader: false, fieldCount: fields.count, format: "no header (dates in the first column)")
    }

    /// `Date,AAPL,MSFT,…`: every other column named like a ticker holds that ticker's closes.
    static func wideLayout(_ fields: [String], names: [String], date: Int, pandas: String) -> CSVLayout? {
        let known: Set<String> = ["open", "high", "low", "volume", "vol", "symbol", "ticker", "openint"]
        var columns: [(index: Int, ticker: String)] = []
        for (i, field) in fields.enumerated() where i != date {
            let ticker = normaliseTicker(field)
            guard !known.contains(names[i]), isValidTicker(ticker) else { return nil }
            columns.append((i, ticker))
        }
        guard !columns.isEmpty else { return nil }
        return CSVLayout(date: date, open: date, high: date, low: date, close: date, adjClose: nil, volume: nil, symbol: nil,
                         wide: columns, closeOnly: true, hasHeader: true, fieldCount: fields.count,
                         format: "\(pandas)wide closes (one column per ticker)")
    }

    /// The rule for a ticker: 1 to 12 ASCII letters, digits, `.`, `-`, `^` or `=` (`BRK.B`, `^GSPC`, `EURUSD=X`).
    static func isValidTicker(_ ticker: String) -> Bool {
        (1...12).contains(ticker.count) && ticker.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-^=".contains($0)) }
    }

    static let tickerRule = "a ticker is 1 to 12 letters, digits, '.', '-', '^' or '='"

    /// Lowercase, without `<>`, spaces, dots or underscores: "<TICKER>" → "ticker", "Adj Close" → "adjclose".
    static func normalise(_ name: String) -> String {
        String(name.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// ISO (`2024-01-31`, with or without a time after it), `M/D/YYYY` or `YYYYMMDD`.
    static func day(_ raw: String) -> Day? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.count >= 10, text.dropFirst(4).first == "-" {
            return Day(iso: text.prefix(10))
        }
        if text.count == 8, text.allSatisfy(\.isASCII), let n = Int(text) {
            return Day(year: n / 10_000, month: n / 100 % 100, day: n % 100)
        }
        let parts = text.split(separator: "/")
        if parts.count == 3, parts[2].count == 4, let m = Int(parts[0]), let d = Int(parts[1]), let y = Int(parts[2]) {
            return Day(year: y, month: m, day: d)
        }
        return nil
    }

    /// Splits one line on the delimiter, honouring double quotes.
    static func split(_ line: Substring, delimiter: Character) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        for ch in line {
            if ch == "\"" {
                quoted.toggle()
            } else if ch == delimiter && !quoted {
                fields.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(ch)
            }
        }
        fields.append(current.trimmingCharacters(in: .whitespaces))
        return fields
    }

    /// The delimiter of a first line: comma unless semicolons or tabs are clearly what separates it.
    static func delimiter(of line: Substring) -> Character {
        let counts: [(Character, Int)] = [(",", 0), (";", 0), ("\t", 0)].map { d, _ in (d, line.filter { $0 == d }.count) }
        return counts.max { $0.1 < $1.1 }.flatMap { $0.1 > 0 ? $0.0 : nil } ?? ","
    }

    /// A ticker from a file name: `aapl.us.txt` → `AAPL`, `aapl_us_d.csv` → `AAPL`, `BRK.B.csv` → `BRK.B`.
    /// A name that is not a ticker gives its first part (`ibm_yahoo.csv` → `IBM`), flagged as a guess;
    /// nothing usable gives an empty ticker.
    static func ticker(fromName name: String) -> (ticker: String, guessed: Bool) {
        var base = (name as NSString).lastPathComponent
        if base.lowercased().hasSuffix(".gz") { base = String(base.dropLast(3)) }
        for ext in [".csv", ".txt", ".tsv"] where base.lowercased().hasSuffix(ext) {
            base = String(base.dropLast(ext.count))
        }
        // Stooq's download names: `aapl_us_d` (daily), `spy_us_w` (weekly).
        let parts = base.split(separator: "_")
        if parts.count == 3, marketSuffixes.contains(parts[1].lowercased()), parts[2].count == 1 {
            base = String(parts[0])
        }
        let whole = normaliseTicker(base)
        // Longer than six characters is rare for a listed stock; say it was taken from the name.
        if isValidTicker(whole) { return (whole, whole.filter { $0 != "^" }.count > 6) }
        let first = normaliseTicker(String(base.split(whereSeparator: { $0 == "_" || $0 == " " }).first ?? ""))
        return isValidTicker(first) ? (first, true) : ("", true)
    }

    static let marketSuffixes: Set<String> = ["us", "uk", "de", "jp", "hk", "pl", "hu", "f"]

    static func normaliseTicker(_ raw: String) -> String {
        var t = raw.trimmingCharacters(in: .whitespaces)
        if let dot = t.lastIndex(of: "."), marketSuffixes.contains(t[t.index(after: dot)...].lowercased()) {
            t = String(t[..<dot])
        }
        return t.uppercased()
    }
}
