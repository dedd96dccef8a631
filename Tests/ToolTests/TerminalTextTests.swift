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

    @Test("our own colour becomes codes when colour is on and vanishes when it is off; the same codes spelt in outside text are shown as text")
    func ownColour() {
        let painted = RenderStyle(unicode: true, color: true).paint("+4.2%", .green)
        #expect(TerminalText.sanitize(painted, keepingColor: true) == "\u{1B}[32m+4.2%\u{1B}[0m")
        #expect(TerminalText.sanitize(painted, keepingColor: false) == "+4.2%")
        #expect(ANSI.strip(painted) == "+4.2%")
        // A strategy name holding our exact code is outside text: it never passes as colour.
        let forged = "\u{1B}[32mGreen name\u{1B}[0m"
        #expect(TerminalText.sanitize(forged, keepingColor: true) == "\\x1b[32mGreen name\\x1b[0m")
        #expect(TerminalText.sanitize(painted + " " + forged, keepingColor: true)
            == "\u{1B}[32m+4.2%\u{1B}[0m \\x1b[32mGreen name\\x1b[0m")
        // Nor does a cursor move or an SGR code that is not ours.
        #expect(TerminalText.sanitize("\u{1B}[5A\u{1B}[38;5;1m", keepingColor: true) == "\\x1b[5A\\x1b[38;5;1m")
        // Private-use characters like those our marks are made of are only characters.
        let lookalike = "\u{F0000}\u{F0001}\u{F0002}\u{F0004}x"
        #expect(TerminalText.sanitize(lookalike, keepingColor: true) == lookalike)
        #expect(ANSI.strip(lookalike) == lookalike)
    }

    @Test("a table measures a cell after escaping it, so its columns stay in line")
    func tableWidths() {
        let table = TextTable(["name", "id"], rows: [["Evil\u{1B}[2J\u{1B}]0;x\u{07}", "1"], ["Plain", "2"]])
        let lines = table.render(borders: .unicode).split(separator: "\n")
        #expect(Set(lines.map(\.count)).count == 1, "every line as wide: \(lines)")
        #expect(lines.allSatisfy { !$0.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" } })
    }
}
