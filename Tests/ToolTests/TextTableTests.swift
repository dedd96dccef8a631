import Testing
import Tools

/// Expected tables below are written out by hand from the rules: a frame of `│`/`─` (or `|`/`-`/`+`),
/// one space of padding each side of a cell, numbers right-aligned, text left-aligned.
@Suite("Text tables")
struct TextTableTests {
    let table = TextTable(
        columns: [.init("name"), .init("trades"), .init("return")],
        rows: [["RSI dip", "12", "+4.5%"], ["Breakout", "3", "-10.25%"]]
    )

    @Test("box-drawing frame with numbers aligned right")
    func unicode() {
        #expect(table.render() == """
            ┌──────────┬────────┬─────────┐
            │ name     │ trades │  return │
            ├──────────┼────────┼─────────┤
            │ RSI dip  │     12 │   +4.5% │
            │ Breakout │      3 │ -10.25% │
            └──────────┴────────┴─────────┘

            """)
    }

    @Test("ASCII frame for terminals without box-drawing characters")
    func ascii() {
        #expect(table.render(borders: .ascii) == """
            +----------+--------+---------+
            | name     | trades |  return |
            +----------+--------+---------+
            | RSI dip  |     12 |   +4.5% |
            | Breakout |      3 | -10.25% |
            +----------+--------+---------+

            """)
    }

    @Test("a table wider than the terminal shrinks its widest column and marks the cut")
    func fitsWidth() {
        let wide = TextTable(columns: [.init("id"), .init("name")],
                             rows: [["1", "Insider buying with oversold RSI"]])
        let rendered = wide.render(maxWidth: 24)
        #expect(rendered == """
            ┌────┬─────────────────┐
            │ id │ name            │
            ├────┼─────────────────┤
            │  1 │ Insider buying… │
            └────┴─────────────────┘

            """)
        #expect(rendered.split(separator: "\n").allSatisfy { $0.count <= 24 })
    }

    @Test("explicit alignment wins over what the cells look like; short rows are padded")
    func explicitAlignment() {
        let table = TextTable(columns: [.init("v", alignment: .left), .init("w", alignment: .right)],
                              rows: [["10"], ["2", "x"]])
        #expect(table.render(borders: .ascii) == """
            +----+---+
            | v  | w |
            +----+---+
            | 10 |   |
            | 2  | x |
            +----+---+

            """)
    }

    @Test("numbers are recognised with signs, currency, percent and thousands separators",
          arguments: [("12", true), ("-3.5", true), ("+4.2%", true), ("$100,000", true), ("1.5x", true),
                      ("abc", false), ("", false), ("12 days", false), ("-", false), ("2026-11-26", false),
                      (" 12 ", true), ("\u{00A0}7\t", true), ("12\n", false)])
    func numeric(text: String, isNumber: Bool) {
        #expect(TextTable.looksNumeric(text) == isNumber)
    }
}
