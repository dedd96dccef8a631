import Foundation

/// A plain text table with box-drawing borders (or ASCII ones), numbers aligned right, and a fit to a width:
/// optional columns are dropped first (least important first, and the table says which), then the widest
/// cells are shortened with an ellipsis.
public struct TextTable: Hashable, Sendable {
    public enum Alignment: Hashable, Sendable {
        case left, right
        /// Right when every non-empty cell of the column reads as a number, else left.
        case automatic
    }

    public struct Column: Hashable, Sendable {
        public var title: String
        public var alignment: Alignment
        /// 0 keeps the column always; a higher number is dropped sooner when the table is too wide.
        public var dropPriority: Int

        public init(_ title: String, alignment: Alignment = .automatic, dropPriority: Int = 0) {
            self.title = title
            self.alignment = alignment
            self.dropPriority = dropPriority
        }
    }

    public var columns: [Column]
    public var rows: [[String]]

    public init(columns: [Column], rows: [[String]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// Titles only, every column automatic.
    public init(_ titles: [String], rows: [[String]] = []) {
        self.init(columns: titles.map { Column($0) }, rows: rows)
    }

    /// Renders the table, one line per row plus borders, each line ending in a newline.
    /// - Parameters:
    ///   - borders: the character set of the frame.
    ///   - maxWidth: the widest a line may be; optional columns are dropped, then columns shrink (widest first)
    ///     to fit, down to a few characters. A line under the table names dropped columns.
    public func render(borders: TableBorders = .unicode, maxWidth: Int? = nil) -> String {
        var kept = Array(columns.indices)
        let cells = rows.map { row in columns.indices.map { $0 < row.count ? Self.clean(row[$0]) : "" } }
        let titles = columns.map { Self.clean($0.title) }
        let natural = columns.indices.map { index in cells.reduce(titles[index].count) { max($0, $1[index].count) } }
        var dropped: [String] = []
        if let maxWidth {
            let droppable = columns.indices.filter { columns[$0].dropPriority > 0 }
                .sorted { (columns[$0].dropPriority, $0) > (columns[$1].dropPriority, $1) }
            for index in droppable where Self.frameWidth(kept.map { natural[$0] }) > maxWidth && kept.count > 1 {
                kept.removeAll { $0 == index }
                dropped.append(titles[index])
            }
        }
        let alignments = kept.map { resolvedAlignment(of: $0, cells: cells) }
        var widths = kept.map { natural[$0] }
        if let maxWidth { widths = Self.fit(widths, into: maxWidth) }

        var lines = [borders.rule(.top, widths: widths)]
        lines.append(borders.row(kept.map { titles[$0] }, widths: widths, alignments: alignments))
        lines.append(borders.rule(.middle, widths: widths))
        lines += cells.map { row in borders.row(kept.map { row[$0] }, widths: widths, alignments: alignments) }
        lines.append(borders.rule(.bottom, widths: widths))
        if !dropped.isEmpty {
            lines.append("(not shown to fit \(maxWidth ?? 0) columns: \(dropped.joined(separator: ", ")))")
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The alignment a column gets once `.automatic` is decided from its cells.
    private func resolvedAlignment(of column: Int, cells: [[String]]) -> Alignment {
        switch columns[column].alignment {
        case .left: return .left
        case .right: return .right
        case .automatic:
            let values = cells.map { $0[column] }.filter { !$0.isEmpty && $0 != "—" && $0 != "-" }
            return !values.isEmpty && values.allSatisfy(Self.looksNumeric) ? .right : .left
        }
    }

    /// Whether a cell reads as a number: `12`, `-3.5`, `+4.2%`, `$100,000`, `-$1,800`, `1.5x`, `28 d`.
    public static func looksNumeric(_ text: String) -> Bool {
        var core = Substring(text.trimmingCharacters(in: .whitespaces))
        if core.first == "+" || core.first == "-" || core.first == "−" { core = core.dropFirst() }
        if core.first == "$" { core = core.dropFirst() }
        if core.hasSuffix(" d") { core = core.dropLast(2) }
        if core.last == "%" || core.last == "x" { core = core.dropLast() }
        let digits = core.filter { $0 != "," }
        return !digits.isEmpty && Double(digits) != nil && digits.allSatisfy { $0.isNumber || $0 == "." }
    }

    /// The width of a frame around columns of these widths: "│ " before each cell, " " after it, and the closing "│".
    static func frameWidth(_ widths: [Int]) -> Int {
        widths.reduce(3 * widths.count + 1, +)
    }

    /// Shrinks the widest columns one character at a time until the frame fits, keeping each at least 3 wide.
    public static func fit(_ widths: [Int], into maxWidth: Int) -> [Int] {
        var widths = widths
        while frameWidth(widths) > maxWidth, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
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
public struct TableBorders: Hashable, Sendable {
    public enum Rule: Sendable { case top, middle, bottom }

    /// Eleven characters: horizontal, vertical, then left/cross/right for the top, middle and bottom rules.
    private let pieces: [Character]
    public let ellipsis: String

    public static let unicode = TableBorders(pieces: Array("─│┌┬┐├┼┤└┴┘"), ellipsis: "…")
    public static let ascii = TableBorders(pieces: Array("-|+++++++++"), ellipsis: "...")

    private var horizontal: String { String(pieces[0]) }
    private var vertical: String { String(pieces[1]) }

    public func rule(_ rule: Rule, widths: [Int]) -> String {
        let first = switch rule {
        case .top: 2
        case .middle: 5
        case .bottom: 8
        }
        return String(pieces[first])
            + widths.map { String(repeating: horizontal, count: $0 + 2) }.joined(separator: String(pieces[first + 1]))
            + String(pieces[first + 2])
    }

    public func row(_ cells: [String], widths: [Int], alignments: [TextTable.Alignment]) -> String {
        let padded = cells.indices.map { index in
            let text = shorten(cells[index], to: widths[index])
            let padding = String(repeating: " ", count: max(0, widths[index] - text.count))
            return alignments[index] == .right ? padding + text : text + padding
        }
        return "\(vertical) " + padded.joined(separator: " \(vertical) ") + " \(vertical)"
    }

    /// Cuts a cell to `width` characters, ending it with an ellipsis so the cut shows.
    public func shorten(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        let keep = max(0, width - ellipsis.count)
        return String(text.prefix(keep)) + ellipsis.prefix(width - keep)
    }
}
