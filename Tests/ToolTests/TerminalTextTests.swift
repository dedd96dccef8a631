import Testing
import Tools

@Suite("Text for the terminal: outside controls made visible, our colours kept")
struct TerminalTextTests {
    @Test("C0, DEL and C1 controls become visible escapes; newline and tab stay", arguments: [
        ("a\u{1B}]0;pwned\u{07}b", "a\\x1b]0;pwned\\x07b"),
        ("\u{1B}[2J", "\\x1b[2J"),
        ("x\u{9B}31my", "x\\x9b31my"),
        ("bell\u{07}\u{00}\u{7F}", "bell\\x07\\x00\\x7f"),
        ("line\r\nnext\ttab", "line\\x0d\nnext\ttab"),
        ("plain é ✓", "plain é ✓"),
    ])
    func escapes(input: String, expected: String) {
        #expect(TerminalText.sanitize(input, keepingColor: true) == expected)
        #expect(TerminalText.escaped(input) == expected)
    }

    @Test("stratchat's own colour codes pass when colour is on, and are shown as text when it is off")
    func ownColour() {
        let painted = RenderStyle(unicode: true, color: true).paint("+4.2%", .green)
        #expect(TerminalText.sanitize(painted, keepingColor: true) == painted)
        #expect(TerminalText.sanitize(painted, keepingColor: false) == "\\x1b[32m+4.2%\\x1b[0m")
        // Only the exact forms we write: a cursor move or a title is never ours.
        #expect(TerminalText.sanitize("\u{1B}[5A\u{1B}[38;5;1m", keepingColor: true) == "\\x1b[5A\\x1b[38;5;1m")
    }

    @Test("a table measures a cell after escaping it, so its columns stay in line")
    func tableWidths() {
        let table = TextTable(["name", "id"], rows: [["Evil\u{1B}[2J\u{1B}]0;x\u{07}", "1"], ["Plain", "2"]])
        let lines = table.render(borders: .unicode).split(separator: "\n")
        #expect(Set(lines.map(\.count)).count == 1, "every line as wide: \(lines)")
        #expect(lines.allSatisfy { !$0.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" } })
    }
}
