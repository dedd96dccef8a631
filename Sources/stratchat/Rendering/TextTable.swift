import Foundation

/// A plain text table with box-drawing borders (or ASCII ones), numbers aligned right, and cells shortened
/// with an ellipsis when the table would be wider than the terminal.
struct TextTable: Hashable, Sendable {
    enum Alignment: Hashable, Sendable {
        case left, right
        /// Right when every non-empty cell of the column reads as a number, else left.
        case automatic
    }

    struct Column: Hashable, Sendable {
        var title: String
        var alignment: Alignment

        init(_ title: String, alignment: Alignment = .automatic) {
            self.title = title
            self.alignment = alignment
        }
    }

    var columns: [Column]
    var rows: [[String]]

    init(columns: [Column], rows: [[String]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// Renders the table, one line per row plus borders, each line ending in a newline.
    /// - Parameters:
    ///   - borders: the character set of the frame.
    ///   - maxWidth: the widest a line may be; columns shrink (widest first) to fit, down to a few characters.
    func render(borders: TableBorders = .unicode, maxWidth: Int? = nil) -> String {
        let cells = rows.map { row in (0..<columns.count).map { $0 < row.count ? Self.clean(row[$0]) : "" } }
        let titles = columns.map { Self.clean($0.title) }
        let alignments = columns.indices.map { resolvedAlignment(of: $0, cells: cells) }
        var widths = columns.indices.map { index in
            cells.reduce(titles[index].count) { max($0, $1[index].count) }
        }
        if let maxWidth { widths = Self.fit(widths, into: maxWidth) }

        var lines = [borders.rule(.top, widths: widths)]
        lines.append(borders.row(titles, widths: widths, alignments: alignments))
        lines.append(borders.rule(.middle, widths: widths))
        lines += cells.map { borders.row($0, widths: widths, alignments: alignments) }
        lines.append(borders.rule(.bottom, widths: widths))
        return lines.map { $0 + "\n" }.joined()
    }

    /// The alignment a column gets once `.automatic` is decided from its cells.
    private func resolvedAlignment(of column: Int, cells: [[String]]) -> Alignment {
        switch columns[column].alignment {
        case .left: return .left
        case .right: return .right
        case .automatic:
            let values = cells.map { $0[column] }.filter { !$0.isEmpty }
            return !values.isEmpty && values.allSatisfy(Self.looksNumeric) ? .right : .left
        }
    }

    /// Whether a cell reads as a number: `12`, `-3.5`, `+4.2%`, `$100,000`, `1.5x`.
    static func looksNumeric(_ text: String) -> Bool {
        var core = Substring(text.trimmingCharacters(in: .whitespaces))
        if core.first == "+" || core.first == "-" || core.first == "−" { core = core.dropFirst() }
        if core.first == "$" { core = core.dropFirst() }
        if core.last == "%" || core.last == "x" { core = core.dropLast() }
        let digits = core.filter { $0 != "," }
        return !digits.isEmpty && Double(digits) != nil && digits.allSatisfy { $0.isNumber || $0 == "." }
    }

    /// Shrinks the widest columns one character at a time until the frame fits, keeping each at least 3 wide.
    static func fit(_ widths: [Int], into maxWidth: Int) -> [Int] {
        var widths = widths
        let frame = 3 * widths.count + 1  // "│ " before each cell, " " after it, and the closing "│"
        while widths.reduce(frame, +) > maxWidth, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
              widths[widest] > 3 {
            widths[widest] -= 1
        }
        return widths
    }

    /// Line breaks and tabs inside a cell would break the frame; they become spaces.
    private static func clean(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}

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
