import Foundation

/// A plain text table with box-drawing borders (or ASCII ones), numbers aligned right, and a fit to a width:
/// optional columns are dropped first (least important first, and the table says which), then the widest
/// cells are shortened with an ellipsis.
package struct TextTable: Hashable, Sendable {
    package enum Alignment: Hashable, Sendable {
        case left, right
        /// Right when every non-empty cell of the column reads as a number, else left.
        case automatic
    }

    package struct Column: Hashable, Sendable {
        package var title: String
        package var alignment: Alignment
        /// 0 keeps the column always; a higher number is dropped sooner when the table is too wide.
        package var dropPriority: Int
        /// Returns and P&L: with colour on, a cell starting "+" is green and one starting "-" red.
        package var colorsBySign: Bool
        /// Long text (reasons, notes): when the column must narrow, its cells wrap onto more lines
        /// instead of being cut, and it narrows before the other columns do.
        package var wraps: Bool

        package init(_ title: String, alignment: Alignment = .automatic, dropPriority: Int = 0,
                    colorsBySign: Bool = false, wraps: Bool = false) {
            self.title = title
            self.alignment = alignment
            self.dropPriority = dropPriority
            self.colorsBySign = colorsBySign
            self.wraps = wraps
        }
    }

    package var columns: [Column]
    package var rows: [[String]]
    /// When set, sign colouring applies only to these row indexes (a metrics table where only some rows
    /// are returns); nil colours every row of a `colorsBySign` column.
    package var signColoredRows: Set<Int>?

    package init(columns: [Column], rows: [[String]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// Titles only, every column automatic.
    package init(_ titles: [String], rows: [[String]] = []) {
        self.init(columns: titles.map { Column($0) }, rows: rows)
    }

    /// Renders the table, one line per row plus borders, each line ending in a newline.
    /// - Parameters:
    ///   - borders: the character set of the frame.
    ///   - maxWidth: the widest a line may be; optional columns are dropped, then columns shrink (wrapping
    ///     columns first, then the widest) to fit, down to a few characters. A line under the table names
    ///     dropped columns.
    package func render(borders: TableBorders = .unicode, maxWidth: Int? = nil) -> String {
        render(borders: borders, maxWidth: maxWidth, color: false)
    }

    /// Renders the table in a terminal style: its frame characters, its width and its colour.
    package func render(style: RenderStyle) -> String {
        render(borders: style.borders, maxWidth: style.width, color: style.color)
    }

    private func render(borders: TableBorders, maxWidth: Int?, color: Bool) -> String {
        var kept = Array(columns.indices)
        let cells = rows.map { row in columns.indices.map { $0 < row.count ? Self.clean(row[$0]) : "" } }
        let titles = columns.map { Self.clean($0.title) }
        let natural = columns.indices.map { index in cells.reduce(titles[index].count) { max($0, $1[index].count) } }
        var dropped: [String] = []
        if let maxWidth {
            let droppable = columns.indices.filter { columns[$0].dropPriority > 0 }
                .sorted { (columns[$0].dropPriority, $0) > (columns[$1].dropPriority, $1) }
            // A wrapping column can narrow to its floor before anything is dropped for it.
            let needed = columns.indices.map { columns[$0].wraps ? min(natural[$0], max(Self.wrapFloor, titles[$0].count)) : natural[$0] }
            for index in droppable where Self.frameWidth(kept.map { needed[$0] }) > maxWidth && kept.count > 1 {
                kept.removeAll { $0 == index }
                dropped.append(titles[index])
            }
        }
        let alignments = kept.map { resolvedAlignment(of: $0, cells: cells) }
        var widths = kept.map { natural[$0] }
        if let maxWidth {
            widths = Self.fit(widths, into: maxWidth, wrapping: kept.map { columns[$0].wraps })
        }
        let style = RenderStyle(unicode: true, color: color)

        var lines = [borders.rule(.top, widths: widths)]
        let header = borders.row(kept.map { titles[$0] }, widths: widths, alignments: alignments)
        lines.append(color ? style.paint(header, .bold) : header)
        lines.append(borders.rule(.middle, widths: widths))
        for (rowIndex, row) in cells.enumerated() {
            let pieces = kept.indices.map { k -> [String] in
                columns[kept[k]].wraps ? Self.wrap(row[kept[k]], width: widths[k]) : [row[kept[k]]]
            }
            let paints = kept.map { column -> ANSI in
                guard color, columns[column].colorsBySign, signColoredRows?.contains(rowIndex) ?? true else { return .none }
                return ANSI.forSign(of: row[column])
            }
            let height = pieces.map(\.count).max() ?? 1
            for line in 0..<height {
                let texts = pieces.map { line < $0.count ? $0[line] : "" }
                lines.append(borders.row(texts, widths: widths, alignments: alignments, paints: paints))
            }
        }
        lines.append(borders.rule(.bottom, widths: widths))
        if !dropped.isEmpty {
            lines.append(style.paint("(not shown to fit \(maxWidth ?? 0) columns: \(dropped.joined(separator: ", ")))", .dim))
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// Splits text into lines of at most `width` characters at spaces; a word longer than a line is cut.
    package static func wrap(_ text: String, width: Int) -> [String] {
        guard text.count > width, width > 0 else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            var word = word
            while word.count > width {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.isEmpty ? [""] : lines
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
    package static func looksNumeric(_ text: String) -> Bool {
        var core = Substring(text)
        // Spaces and tabs, as Foundation's `.whitespaces` trims them, without bridging each cell.
        let blank = { (c: Character) in c.isWhitespace && !c.isNewline }
        while core.first.map(blank) == true { core = core.dropFirst() }
        while core.last.map(blank) == true { core = core.dropLast() }
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
    package static func fit(_ widths: [Int], into maxWidth: Int) -> [Int] {
        fit(widths, into: maxWidth, wrapping: widths.map { _ in false })
    }

    /// The narrowest a wrapping column is made before other columns shrink or are dropped.
    static let wrapFloor = 16

    /// Like `fit`, but wrapping columns give up width first (down to `wrapFloor`), since their text
    /// stays whole on more lines.
    static func fit(_ widths: [Int], into maxWidth: Int, wrapping: [Bool]) -> [Int] {
        var widths = widths
        while frameWidth(widths) > maxWidth,
              let widest = widths.indices.filter({ wrapping[$0] && widths[$0] > wrapFloor }).max(by: { widths[$0] < widths[$1] }) {
            widths[widest] -= 1
        }
        while frameWidth(widths) > maxWidth, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
              widths[widest] > 3 {
            widths[widest] -= 1
        }
        return widths
    }

    /// Line breaks and tabs inside a cell would break the frame; they become spaces. Other control
    /// characters show as escapes (`\x1b`) before the width is measured, as the terminal will show them.
    private static func clean(_ text: String) -> String {
        // Most cells are printable ASCII, which needs nothing done.
        if text.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) { return text }
        return TerminalText.escaped(String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 }))
    }
}

/// The characters a table frame is drawn with.
package struct TableBorders: Hashable, Sendable {
    package enum Rule: Sendable { case top, middle, bottom }

    /// Eleven characters: horizontal, vertical, then left/cross/right for the top, middle and bottom rules.
    private let pieces: [Character]
    package let ellipsis: String

    package static let unicode = TableBorders(pieces: Array("─│┌┬┐├┼┤└┴┘"), ellipsis: "…")
    package static let ascii = TableBorders(pieces: Array("-|+++++++++"), ellipsis: "...")

    private var horizontal: String { String(pieces[0]) }
    private var vertical: String { String(pieces[1]) }

    package func rule(_ rule: Rule, widths: [Int]) -> String {
        let first = switch rule {
        case .top: 2
        case .middle: 5
        case .bottom: 8
        }
        return String(pieces[first])
            + widths.map { String(repeating: horizontal, count: $0 + 2) }.joined(separator: String(pieces[first + 1]))
            + String(pieces[first + 2])
    }

    package func row(_ cells: [String], widths: [Int], alignments: [TextTable.Alignment]) -> String {
        row(cells, widths: widths, alignments: alignments, paints: cells.map { _ in .none })
    }

    /// A row whose cells are painted after padding, so colour codes never count toward a width.
    package func row(_ cells: [String], widths: [Int], alignments: [TextTable.Alignment], paints: [ANSI]) -> String {
        let style = RenderStyle(color: true)
        let padded = cells.indices.map { index in
            let shown = shorten(cells[index], to: widths[index])
            let padding = String(repeating: " ", count: max(0, widths[index] - shown.count))
            let text = style.paint(shown, paints[index])
            return alignments[index] == .right ? padding + text : text + padding
        }
        return "\(vertical) " + padded.joined(separator: " \(vertical) ") + " \(vertical)"
    }

    /// Cuts a cell to `width` characters, ending it with an ellipsis so the cut shows.
    package func shorten(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        let keep = max(0, width - ellipsis.count)
        return String(text.prefix(keep)) + ellipsis.prefix(width - keep)
    }
}
