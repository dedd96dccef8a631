import Foundation
import Testing
import StrategyCore
@testable import Tools

@Suite("Terminal charts")
struct ChartTests {
    /// Dot numbering from the Unicode standard (Braille Patterns block, U+2800–U+28FF): dots 1-2-3 run
    /// down the left column (bits 0x01, 0x02, 0x04), 4-5-6 down the right (0x08, 0x10, 0x20), and
    /// dots 7 and 8 are the bottom row (0x40 left, 0x80 right).
    @Test("braille dots map to the code points the Unicode standard gives", arguments: [
        ([(0, 0)], "⠁"),          // dot 1, U+2801
        ([(1, 0)], "⠈"),          // dot 4, U+2808
        ([(0, 2)], "⠄"),          // dot 3, U+2804
        ([(1, 2)], "⠠"),          // dot 6, U+2820
        ([(0, 3)], "⡀"),          // dot 7, U+2840
        ([(1, 3)], "⢀"),          // dot 8, U+2880
        ([(0, 0), (0, 1), (0, 2), (0, 3)], "⡇"),  // dots 1237, U+2847
        ([(1, 0), (1, 1), (1, 2), (1, 3)], "⢸"),  // dots 4568, U+28B8
        ([(0, 0), (1, 1), (0, 2), (1, 3)], "⢕"),  // dots 1,5,3,8 = 0x01|0x10|0x04|0x80 = U+2895
    ] as [([(Int, Int)], Character)])
    func brailleDots(_ dots: [(Int, Int)], _ expected: Character) {
        var canvas = BrailleCanvas(columns: 1, rows: 1)
        for (x, y) in dots { canvas.set(x: x, y: y) }
        #expect(canvas.character(column: 0, row: 0) == expected)
    }

    @Test("a pixel lands in the cell that holds it; an empty cell is the blank braille pattern")
    func brailleCells() {
        var canvas = BrailleCanvas(columns: 3, rows: 2)
        canvas.set(x: 3, y: 5)       // cell (1, 1), dot at (1, 1) inside it: dot 5, U+2810
        canvas.set(x: 99, y: 0)      // outside: ignored
        #expect(canvas.character(column: 1, row: 1) == "⠐")
        #expect(canvas.character(column: 0, row: 0) == "\u{2800}")
        #expect(!canvas.isSet(column: 2, row: 0))
        canvas.setVertical(x: 0, from: 3, to: 0)
        #expect(canvas.character(column: 0, row: 0) == "⡇")
    }

    /// An equity curve small enough to work out by hand.
    static let handmade = StrategyBacktest(
        startDate: Day(iso: "2020-01-15")!, endDate: Day(iso: "2021-01-29")!, initialCapital: 100_000,
        equityCurve: [
            .init(date: Day(iso: "2020-01-15")!, equity: 101_000, cash: 0, positionsValue: 0),
            .init(date: Day(iso: "2020-01-31")!, equity: 102_000, cash: 0, positionsValue: 0),
            .init(date: Day(iso: "2020-02-28")!, equity: 95_880, cash: 0, positionsValue: 0),
            .init(date: Day(iso: "2021-01-29")!, equity: 105_468, cash: 0, positionsValue: 0),
        ],
        benchmarkCurve: [
            .init(date: Day(iso: "2020-01-15")!, equity: 50, cash: 0, positionsValue: 0),
            .init(date: Day(iso: "2020-02-28")!, equity: 45, cash: 0, positionsValue: 0),
            .init(date: Day(iso: "2021-01-29")!, equity: 55, cash: 0, positionsValue: 0),
        ],
        assumptions: .init(data: "hand-made", universe: "none", fill: "next_open", commissionPct: 0, slippageBps: 0,
                           stopTargetRule: "none", benchmark: "^GSPC"))

    @Test("monthly and yearly returns chain month-end equity, worked by hand")
    func monthlyReturns() throws {
        let years = EquitySeries(Self.handmade).monthlyReturns
        #expect(years.map(\.year) == [2020, 2021])
        // Jan 2020: 102,000 / 100,000 − 1 = +2%; Feb: 95,880 / 102,000 − 1 = −6%; 2020: 95,880 / 100,000 − 1 = −4.12%.
        #expect(abs(try #require(years[0].months[0]) - 2) < 1e-9)
        #expect(abs(try #require(years[0].months[1]) + 6) < 1e-9)
        #expect(years[0].months[2] == nil)
        #expect(abs(years[0].total + 4.12) < 1e-9)
        // Jan 2021: 105,468 / 95,880 − 1 = +10%, which is also the year.
        #expect(abs(try #require(years[1].months[0]) - 10) < 1e-9)
        #expect(abs(years[1].total - 10) < 1e-9)
    }

    @Test("drawdown runs from the peak and the benchmark is rebased to the capital, by hand")
    func drawdownAndBenchmark() throws {
        let series = EquitySeries(Self.handmade)
        // Peak 102,000, then 95,880: 6,120 / 102,000 = 6%; the new high of 105,468 ends it.
        #expect(series.drawdownPct.map { ($0 * 1e6).rounded() / 1e6 } == [0, 0, 6, 0])
        // Closes 50 → 45 → 55 on the capital of 100,000; 2020-01-31 has no close and carries 50.
        let bench = try #require(series.benchmark)
        #expect(bench.map { $0.rounded() } == [100_000, 100_000, 90_000, 110_000])
    }

    @Test("the heatmap writes the hand-worked numbers, with a dot for months not covered")
    func heatmapNumbers() {
        let lines = BacktestCharts.monthlyHeatmap(Self.handmade, style: RenderStyle(width: 120))
        #expect(lines[1].hasPrefix("Year    Jan    Feb    Mar"))
        #expect(lines[2] == "2020   +2.0   -6.0      ·      ·      ·      ·      ·      ·      ·      ·      ·      ·   -4.1")
        #expect(lines[3].hasPrefix("2021  +10.0      ·"))
        #expect(lines[3].hasSuffix("+10.0"))
        let narrow = BacktestCharts.monthlyHeatmap(Self.handmade, style: RenderStyle(width: 80, unicode: false))
        #expect(narrow[2] == "2020 +2.0 -6.0    .    .    .    .    .    .    .    .    .    . -4.1")
        #expect(narrow[3].hasPrefix("2021  +10    ."))
    }

    @Test("colour paints gains green, losses red, big moves bright, and never changes the text", arguments: [80, 120])
    func heatmapColour(width: Int) {
        let plain = BacktestCharts.monthlyHeatmap(Self.handmade, style: RenderStyle(width: width))
        let coloured = BacktestCharts.monthlyHeatmap(Self.handmade, style: RenderStyle(width: width, color: true))
        #expect(coloured.map(ANSI.strip) == plain)
        let sent = coloured.map { TerminalText.sanitize($0, keepingColor: true) }
        #expect(sent[2].contains("\u{1B}[32m+2"))
        #expect(sent[2].contains("\u{1B}[1;91m-6"))
        #expect(sent[3].contains("\u{1B}[1;92m+10"))
    }

    @Test("the equity chart fits the width, labels dollars with separators, and names its first and last dates",
          arguments: [(80, true), (120, true), (80, false), (120, false)])
    func equityChart(width: Int, unicode: Bool) {
        let style = RenderStyle(width: width, unicode: unicode, color: true)
        let lines = BacktestCharts.equity(Self.handmade, style: style)
        let plain = lines.map(ANSI.strip)
        #expect(plain.allSatisfy { $0.count <= width })
        #expect(plain.last?.hasSuffix("2021-01-29") == true)
        #expect(plain.last?.contains("2020-01-15") == true)
        // Values span 90,000 (the benchmark's low) to 110,000 over 10 rows: 20,000 / 9 = 2,222 a row, so the
        // round step is 2,500; the top row is 110,000 and the bottom 110,000 − 9 × 2,500 = 87,500.
        #expect(plain[1].hasPrefix("$110,000 ┤") || plain[1].hasPrefix("$110,000 +"))
        #expect(plain[6].contains("$97,500"))
        #expect(plain[10].contains("$87,500"))
        #expect(plain[0].contains("^GSPC buy and hold from $100,000: $110,000"))
        if !unicode { #expect(plain.joined().allSatisfy { $0.isASCII }) }
        #expect(plain.joined().contains(unicode ? "·" : "."))
    }

    @Test("the drawdown strip's deepest column is the full block, or 9 in ASCII")
    func drawdownStrip() {
        let strip = BacktestCharts.drawdown(Self.handmade, style: RenderStyle(width: 80))
        #expect(strip[0].contains("-6.0% ┤"))
        #expect(strip[0].contains("█"))
        #expect(!strip[0].contains("▁"))  // the only drawdown is the deepest one
        let ascii = BacktestCharts.drawdown(Self.handmade, style: RenderStyle(width: 80, unicode: false))
        #expect(ascii[0].contains("9"))
        #expect(ascii.joined().allSatisfy { $0.isASCII })
    }
}
