import Foundation

/// A plain fixed-width table for signal, portfolio and leaderboard output: a header, a rule, rows.
/// Numbers are right-aligned, text left-aligned.
struct SignalTable {
    var headers: [String]
    var rows: [[String]]
    /// Columns to right-align.
    var numeric: Set<Int>

    func render() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
                return numeric.contains(i) ? pad + c : c + pad
            }.joined(separator: " | ").trimmingCharacters(in: .whitespaces)
        }
        var out = [line(headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "-|-")]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}
