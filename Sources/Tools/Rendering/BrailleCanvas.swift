/// A grid of Unicode braille cells (U+2800 to U+28FF), each holding 2 × 4 dots, so a terminal line of
/// `columns` cells draws `2 × columns` points across and 4 down: a finer line than one glyph per cell.
///
/// Dots are numbered as in the Unicode standard; dot k sets bit k−1 of the code point's offset:
///
///     1 4        0x01 0x08
///     2 5        0x02 0x10
///     3 6        0x04 0x20
///     7 8        0x40 0x80
package struct BrailleCanvas: Hashable, Sendable {
    package let columns: Int
    package let rows: Int
    private var cells: [UInt8]

    package init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        cells = Array(repeating: 0, count: self.columns * self.rows)
    }

    /// Dot columns across (two per cell).
    package var pixelWidth: Int { columns * 2 }
    /// Dot rows down (four per cell).
    package var pixelHeight: Int { rows * 4 }

    /// The bit of a dot at (x, y) inside its cell, x in 0...1 from the left, y in 0...3 from the top.
    package static func bit(x: Int, y: Int) -> UInt8 {
        switch (x, y) {
        case (0, 3): 0x40
        case (1, 3): 0x80
        case (0, _): UInt8(1) << UInt8(y)
        default: UInt8(1) << UInt8(y + 3)
        }
    }

    /// Sets the dot at pixel (x, y), counted from the top left; points outside are ignored.
    package mutating func set(x: Int, y: Int) {
        guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return }
        cells[(y / 4) * columns + x / 2] |= Self.bit(x: x % 2, y: y % 4)
    }

    /// Sets every dot of column x from row y0 to row y1 (either order), to join one point to the next.
    package mutating func setVertical(x: Int, from y0: Int, to y1: Int) {
        for y in min(y0, y1)...max(y0, y1) { set(x: x, y: y) }
    }

    /// Whether any dot of the cell at (column, row) is set.
    package func isSet(column: Int, row: Int) -> Bool {
        cells[row * columns + column] != 0
    }

    /// The braille character of one cell; U+2800 (blank braille) when no dot is set.
    package func character(column: Int, row: Int) -> Character {
        Character(Unicode.Scalar(0x2800 + UInt32(cells[row * columns + column]))!)
    }
}
