import Foundation
import StrategyCore

/// Which column holds what in one price CSV, recognised from its header (or its absence).
struct CSVLayout: Hashable, Sendable {
    var date: Int
    var open: Int
    var high: Int
    var low: Int
    var close: Int
    var adjClose: Int?
    var volume: Int?
    var symbol: Int?
    var hasHeader: Bool
    /// How the format is named in the report ("Yahoo", "Stooq bulk", …).
    var format: String

    var minimumFields: Int { [date, open, high, low, close, adjClose ?? 0, volume ?? 0, symbol ?? 0].max()! + 1 }

    /// Recognises a layout from the first line, or explains why not.
    static func recognise(_ fields: [String]) -> CSVLayout? {
        let names = fields.map(normalise)
        func find(_ options: Set<String>) -> Int? { names.firstIndex { options.contains($0) } }
        if let date = find(["date", "day", "timestamp", "datetime"]) {
            guard let open = find(["open"]), let high = find(["high"]), let low = find(["low"]),
                  let close = find(["close"]) else { return nil }
            let adj = find(["adjclose", "adjustedclose"]), volume = find(["volume", "vol"])
            let symbol = find(["symbol", "ticker"])
            let bulk = fields.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("<") }
            let format = bulk ? "Stooq bulk" : symbol != nil ? "long format (Symbol column)"
                : adj != nil ? "Yahoo (Adj Close)" : "Date,Open,High,Low,Close,Volume (Stooq)"
            return CSVLayout(date: date, open: open, high: high, low: low, close: close, adjClose: adj, volume: volume,
                             symbol: symbol, hasHeader: true, format: format)
        }
        // No header: a date in the first column, then open, high, low, close and optionally volume.
        guard fields.count >= 5, CSVLayout.day(fields[0]) != nil else { return nil }
        return CSVLayout(date: 0, open: 1, high: 2, low: 3, close: 4, adjClose: nil, volume: fields.count >= 6 ? 5 : nil,
                         symbol: nil, hasHeader: false, format: "no header (dates in the first column)")
    }

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
    static func ticker(fromName name: String) -> String {
        var base = (name as NSString).lastPathComponent
        for ext in [".csv", ".txt", ".tsv"] where base.lowercased().hasSuffix(ext) {
            base = String(base.dropLast(ext.count))
        }
        // Stooq's download names: `aapl_us_d` (daily), `spy_us_w` (weekly).
        let parts = base.split(separator: "_")
        if parts.count == 3, marketSuffixes.contains(parts[1].lowercased()), parts[2].count == 1 {
            base = String(parts[0])
        }
        return normaliseTicker(base)
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
