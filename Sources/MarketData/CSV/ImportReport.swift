import Foundation
import StrategyCore

/// What an import did: per ticker rows stored and replaced, bad rows by file and line, refused files.
package struct ImportReport: Codable, Hashable, Sendable {
    package struct TickerResult: Codable, Hashable, Sendable {
        package var ticker: String
        /// Bars stored now.
        package var rows: Int
        /// Bars of the same ticker and source that the import replaced (0 on a first import).
        package var replacedRows: Int
        /// True when open, high, low and close were scaled by Adj Close / Close.
        package var adjusted: Bool
        package var first: Day
        package var last: Day
        package var files: [String]
    }

    /// One bad row, skipped (or for unsorted rows, sorted into place) with the reason.
    package struct RowProblem: Codable, Hashable, Sendable {
        package var file: String
        package var line: Int
        package var message: String

        package init(file: String, line: Int, message: String) {
            self.file = file
            self.line = line
            self.message = message
        }
    }

    /// A file nothing was taken from.
    package struct Refusal: Codable, Hashable, Sendable {
        package var file: String
        package var reason: String
    }

    /// The imported set's name, usable as a universe.
    package var source: String
    package var perTicker: [TickerResult]
    package var problems: [RowProblem]
    package var refused: [Refusal]
    /// Formats recognised, by file.
    package var formats: [String: String]
    package var notes: [String]

    package var totalRows: Int { perTicker.reduce(0) { $0 + $1.rows } }

    package func rendered() -> String {
        var lines = ["Imported into \"\(source)\": \(perTicker.count) ticker\(perTicker.count == 1 ? "" : "s"), \(totalRows) rows."]
        for t in perTicker {
            let prices = t.adjusted ? "adjusted by Adj Close / Close" : "prices as in the file"
            let replaced = t.replacedRows > 0 ? "; replaced \(t.replacedRows) earlier rows" : ""
            lines.append("  \(t.ticker.padding(toLength: 8, withPad: " ", startingAt: 0))\(t.rows) rows  \(t.first.iso) … \(t.last.iso)  \(prices)\(replaced)")
        }
        if !problems.isEmpty {
            lines.append("Problems (\(problems.count)):")
            for p in problems.prefix(50) { lines.append("  \(p.file) line \(p.line): \(p.message)") }
            if problems.count > 50 { lines.append("  … and \(problems.count - 50) more") }
        }
        if !refused.isEmpty {
            lines.append("Refused files:")
            for r in refused { lines.append("  \(r.file): \(r.reason)") }
        }
        for note in notes { lines.append("Note: \(note)") }
        return lines.joined(separator: "\n")
    }
}
