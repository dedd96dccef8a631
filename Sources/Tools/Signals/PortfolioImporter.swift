import Foundation
import Store
import StrategyCore

/// Reads the person's own trades from a CSV (`stratchat portfolio import FILE.csv`).
///
/// Columns, by header name in any order: `date` (YYYY-MM-DD), `ticker`, `side` (buy or sell),
/// `shares`, `price`, and optionally `fees`. Good rows are kept, bad rows reported by line number,
/// and re-importing the same file replaces its earlier rows.
package struct PortfolioImporter: Sendable {
    /// A row that could not be read, by its line in the file (the header is line 1).
    package struct Problem: Codable, Hashable, Sendable {
        package var line: Int
        package var message: String
    }

    package struct Report: Codable, Hashable, Sendable {
        package var file: String
        package var imported: Int
        package var replaced: Int
        package var problems: [Problem]

        package func render() -> String {
            var out = ["Imported \(imported) trade\(imported == 1 ? "" : "s") from \(file)" + (replaced > 0 ? " (replacing \(replaced) from an earlier import)" : "")]
            out += problems.map { "line \($0.line): \($0.message)" }
            return out.joined(separator: "\n")
        }
    }

    package static let requiredColumns = ["date", "ticker", "side", "shares", "price"]

    package init() {}

    /// Parses CSV text; `source` names the file in each trade.
    package func parse(_ text: String, source: String) -> (trades: [PortfolioTrade], problems: [Problem]) {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var header: [String: Int] = [:]
        var trades: [PortfolioTrade] = []
        var problems: [Problem] = []
        var headerLine = 0
        for (k, raw) in lines.enumerated() {
            let lineNumber = k + 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            if headerLine == 0 {
                headerLine = lineNumber
                for (i, name) in cells.enumerated() { header[name.lowercased()] = i }
                let missing = Self.requiredColumns.filter { header[$0] == nil }
                if !missing.isEmpty {
                    problems.append(Problem(line: lineNumber, message: "the header lacks \(missing.joined(separator: ", ")); expected date,ticker,side,shares,price[,fees]"))
                    return ([], problems)
                }
                continue
            }
            func cell(_ name: String) -> String? {
                header[name].flatMap { $0 < cells.count ? cells[$0] : nil }
            }
            guard let dateText = cell("date"), let day = Day(iso: dateText) else {
                problems.append(Problem(line: lineNumber, message: "the date \"\(cell("date") ?? "")\" is not YYYY-MM-DD"))
                continue
            }
            let ticker = (cell("ticker") ?? "").uppercased()
            guard !ticker.isEmpty else {
                problems.append(Problem(line: lineNumber, message: "no ticker"))
                continue
            }
            guard let side = PortfolioTrade.Side(rawValue: (cell("side") ?? "").lowercased()) else {
                problems.append(Problem(line: lineNumber, message: "the side \"\(cell("side") ?? "")\" is not buy or sell"))
                continue
            }
            guard let shares = Double(cell("shares") ?? ""), shares.isFinite, shares > 0 else {
                problems.append(Problem(line: lineNumber, message: "the share count \"\(cell("shares") ?? "")\" is not a number above zero"))
                continue
            }
            guard let price = Double(cell("price") ?? ""), price.isFinite, price > 0 else {
                problems.append(Problem(line: lineNumber, message: "the price \"\(cell("price") ?? "")\" is not a number above zero"))
                continue
            }
            var fees = 0.0
            if let text = cell("fees"), !text.isEmpty {
                guard let f = Double(text), f.isFinite, f >= 0 else {
                    problems.append(Problem(line: lineNumber, message: "the fees \"\(text)\" are not a number of zero or more"))
                    continue
                }
                fees = f
            }
            trades.append(PortfolioTrade(date: day, ticker: ticker, side: side, shares: shares, price: price, fees: fees, source: source))
        }
        if headerLine == 0 { problems.append(Problem(line: 1, message: "the file is empty")) }
        return (trades, problems)
    }

    /// Reads a file and stores its good rows for the user, replacing an earlier import of the same file name.
    package func importFile(at path: String, user: String, store: StratStore) throws -> Report {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SignalError.unreadableFile(path: path, reason: "it cannot be opened as UTF-8 text")
        }
        let source = (path as NSString).lastPathComponent
        let (trades, problems) = parse(text, source: source)
        guard !trades.isEmpty else { throw SignalError.nothingImported(file: source, problems: problems.count) }
        let replaced = try store.replacePortfolioTrades(trades, user: user, source: source).removed
        return Report(file: source, imported: trades.count, replaced: replaced, problems: problems)
    }
}
