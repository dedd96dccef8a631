/// The characters a table frame is drawn with.
struct TableBorders: Hashable, Sendable {
    enum Rule { case top, middle, bottom }

    /// Eleven characters: horizontal, vertical, then left/cross/right for the top, middle and bottom rules.
    private let pieces: [Character]
    let ellipsis: String

    static let unicode = TableBorders(pieces: Array("─│┌┬┐├┼┤└┴┘"), ellipsis: "…")
    static let ascii = TableBorders(pieces: Array("-|+++++++++"), ellipsis: "...")

    private var horizontal: String { String(pieces[0]) }
    private var vertical: String { String(pieces[1]) }

    func rule(_ rule: Rule, widths: [Int]) -> String {
        let first = switch rule {
        case .top: 2
        case .middle: 5
        case .bottom: 8
        }
        return String(pieces[first])
            + widths.map { String(repeating: horizontal, count: $0 + 2) }.joined(separator: String(pieces[first + 1]))
            + String(pieces[first + 2])
    }

    func row(_ cells: [String], widths: [Int], alignments: [TextTable.Alignment]) -> String {
        let padded = cells.indices.map { index in
            let text = shorten(cells[index], to: widths[index])
            let padding = String(repeating: " ", count: widths[index] - text.count)
            return alignments[index] == .right ? padding + text : text + padding
        }
        return "\(vertical) " + padded.joined(separator: " \(vertical) ") + " \(vertical)"
    }

    /// Cuts a cell to `width` characters, ending it with an ellipsis so the cut shows.
    func shorten(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        let keep = max(0, width - ellipsis.count)
        return String(text.prefix(keep)) + ellipsis.prefix(width - keep)
    }
}
