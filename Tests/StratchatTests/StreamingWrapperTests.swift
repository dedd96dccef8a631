import AgentLoop
import Testing
import Tools
@testable import stratchat

@Suite("Assistant text fitted to the terminal")
struct StreamingWrapperTests {
    static let text = """
        Created "Insider Buying + RSI Oversold" (id 9667cfef, v1). Here is how I read it:
          Entry: insider buys (30d) >= 1 AND RSI(14) < 30 AND volume > 1,000,000 AND close > SMA(200)
        What I filled in because you didn't say: insider window 30 days by default; "insiders buying" read as at least one purchase in 30 days; RSI period 14 by default.
        A https://example.com/a/really/long/address/that/is/longer/than/any/line/of/the/terminal/at/all stays whole.
        Want me to backtest it?
        """

    static func wrap(_ text: String, width: Int, chunks: Int) -> String {
        var wrapper = StreamingWrapper(width: width)
        var out = ""
        let characters = Array(text)
        let size = max(1, characters.count / chunks)
        var start = 0
        while start < characters.count {
            out += wrapper.feed(String(characters[start..<min(characters.count, start + size)]))
            start += size
        }
        return out + wrapper.finish()
    }

    @Test("lines fit, words stay whole, line breaks and indents are kept", arguments: [40, 60, 80])
    func fits(width: Int) {
        let wrapped = Self.wrap(Self.text, width: width, chunks: 1)
        let lines = wrapped.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines where !line.contains("https://") {
            #expect(line.count <= width, "\(line.debugDescription) is wider than \(width)")
        }
        // The same words in the same order: only spaces became line breaks (and indents).
        #expect(wrapped.split(whereSeparator: \.isWhitespace) == Self.text.split(whereSeparator: \.isWhitespace))
        // Every line of the text still starts a line, with its indent and first word.
        for original in Self.text.split(separator: "\n") {
            let start = original.prefix { $0 == " " } + original.drop { $0 == " " }.prefix { $0 != " " }
            #expect(lines.contains { $0.hasPrefix(start) }, "\(start.debugDescription) starts a line")
        }
        // A continuation of the indented entry line is indented as the line is.
        let entry = lines.firstIndex { $0.hasPrefix("  Entry:") }
        #expect(entry != nil, "the entry line is kept")
        if let entry, width < 90 {
            #expect(lines[entry + 1].hasPrefix("  ") && !lines[entry + 1].hasPrefix("   "), "\(lines[entry + 1].debugDescription)")
        }
        #expect(lines.contains { $0.contains("https://example.com/a/really/long/address") && $0.hasSuffix("/all") })
    }

    @Test("the result does not depend on how the text arrives", arguments: [1, 3, 17, 400])
    func chunking(chunks: Int) {
        #expect(Self.wrap(Self.text, width: 50, chunks: chunks) == Self.wrap(Self.text, width: 50, chunks: 1))
    }

    @Test("text that fits is written unchanged")
    func unchanged() {
        let short = "Deleted \"Momentum\".\n  • one\n  • two\nDone."
        #expect(Self.wrap(short, width: 80, chunks: 5) == short)
    }

    @Test("bulleted lines continue under the bullet's text; colour codes take no columns")
    func bulletsAndColour() {
        let bullet = "  • insider_buy_count_30d: synthetic sample (embedded data set; generated, not real insider data)"
        #expect(Self.wrap(bullet, width: 60, chunks: 1)
            == "  • insider_buy_count_30d: synthetic sample (embedded data\n    set; generated, not real insider data)")
        let painted = RenderStyle(color: true).paint("+21.9%", .green) + " " + String(repeating: "x", count: 30)
        #expect(Self.wrap(painted, width: 40, chunks: 1) == painted, "37 visible columns fit in 40")
    }

    @Test("a tool's display: prose lines are fitted, drawn lines keep their shape")
    func toolDisplay() {
        let table = "┌────────┬" + String(repeating: "─", count: 80) + "┐"
        let ascii = "| ticker | " + String(repeating: "a ", count: 40) + "|"
        let prose = "  ! 3764 missing bars skipped in 521 tickers (A, AA, AAPL, ABC, ABT and 516 more); the data lacks 7 trading days"
        let fitted = StreamingWrapper.fit([table, ascii, prose].joined(separator: "\n"), width: 60)
        let lines = fitted.split(separator: "\n").map(String.init)
        #expect(lines[0] == table && lines[1] == ascii)
        #expect(lines.count == 4 && lines[2].count <= 60 && lines[3].hasPrefix("    "), "\(lines)")
    }

    @MainActor
    @Test("the turn printer wraps at the terminal's width, and not at all into a pipe")
    func printer() {
        let long = String(repeating: "word ", count: 40) + "end."
        for (width, broken) in [(60 as Int?, true), (nil, false)] {
            let console = RecordingConsole()
            var printer = TurnPrinter(console: console, style: OutputStyle(color: false, ascii: false, width: width))
            for (index, piece) in long.split(separator: " ").enumerated() {
                printer.show(.assistantTextDelta((index == 0 ? "" : " ") + piece))
            }
            printer.show(.turnEnded(TurnSummary(usage: TokenUsage(), sessionUsage: TokenUsage(), rounds: 1, outcome: .answered)))
            let lines = console.output.split(separator: "\n")
            #expect(console.output.hasSuffix("end.\n"))
            #expect(broken ? lines.count == 4 && lines.allSatisfy { $0.count <= 60 } : lines.count == 1, "\(console.output.debugDescription)")
        }
    }
}
