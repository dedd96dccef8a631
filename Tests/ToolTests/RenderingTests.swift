import Foundation
import Testing
import TestSupport
@testable import Tools

@Suite("Text tables and number formatting")
struct RenderingTests {
    @Test("numbers read with separators, signs and units", arguments: [
        (NumberText.percent(34.2), "+34.2%"),
        (NumberText.percent(-8.44), "-8.4%"),
        (NumberText.percent(0.04), "0.0%"),
        (NumberText.percent(62, signed: false), "62.0%"),
        (NumberText.dollars(100_000), "$100,000"),
        (NumberText.dollars(-1_800), "-$1,800"),
        (NumberText.dollars(4_200, signed: true), "+$4,200"),
        (NumberText.dollars(-0.4, signed: true), "$0"),
        (NumberText.price(242.5), "$242.50"),
        (NumberText.grouped(1_234_567.891, decimals: 2), "1,234,567.89"),
        (NumberText.grouped(-999.5, decimals: 0), "-1,000"),
        (NumberText.signed(1_234.56), "+1,234.6"),
        (NumberText.fieldValue(28.314), "28.31"),
        (NumberText.fieldValue(1_250_000), "1,250,000"),
        (NumberText.fieldValue(0.04213), "0.0421"),
        (NumberText.ratio(nil), "—"),
    ])
    func formats(_ pair: (String, String)) {
        #expect(pair.0 == pair.1)
    }

    static let sample = TextTable(
        columns: [.init("Strategy"), .init("Return"), .init("Capital"), .init("Notes", dropPriority: 1)],
        rows: [
            ["Insider + RSI Oversold", "+18.2%", "$100,000", "tracks insider buying and oversold RSI"],
            ["MA Golden Cross", "-3.5%", "$5,000", "—"],
        ])

    @Test("numeric columns align right and text columns left")
    func alignment() {
        let lines = Self.sample.render().split(separator: "\n").map(String.init)
        #expect(lines[3] == "│ Insider + RSI Oversold │ +18.2% │ $100,000 │ tracks insider buying and oversold RSI │")
        #expect(lines[4] == "│ MA Golden Cross        │  -3.5% │   $5,000 │ —                                      │")
        #expect(lines.allSatisfy { $0.count == lines[0].count })
    }

    @Test("a narrow width drops the optional column first, says so, then shortens cells")
    func fitsWidth() {
        let text = Self.sample.render(maxWidth: 50)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(!lines[1].contains("Notes"))
        #expect(lines.last == "(not shown to fit 50 columns: Notes)")
        #expect(lines.dropLast().allSatisfy { $0.count <= 50 })
        let tight = Self.sample.render(maxWidth: 30).split(separator: "\n").map(String.init)
        #expect(tight.dropLast().allSatisfy { $0.count <= 30 })
        #expect(tight[3].contains("…"))
    }

    @Test("ASCII borders for terminals without UTF-8")
    func asciiBorders() {
        let text = Self.sample.render(borders: .ascii)
        #expect(text.hasPrefix("+-"))
        #expect(text.allSatisfy { $0.isASCII || $0 == "—" })
    }

    @Test("a cell with a line break stays on one line")
    func cleansCells() {
        let text = TextTable(["A"], rows: [["one\ntwo"]]).render()
        #expect(text.contains("│ one two │"))
    }

    @Test("every tool's rendered tables match the golden files at 60, 80, 100 and 120 columns, plain and in colour",
          arguments: [(60, false), (80, false), (80, true), (100, false), (120, false), (120, true)])
    func golden(width: Int, color: Bool) async throws {
        let fixture = try ToolFixture(width: width, color: color)
        let suffix = color ? "\(width)_color" : "\(width)"
        var paused = Samples.insiderRSI
        paused.name = "Insider + RSI Oversold"
        let first = try fixture.add(Samples.rsiDip)
        let second = try fixture.add(paused)
        try fixture.store.setActive(id: second.id, user: ToolFixture.user, active: false)
        let backtest = try await fixture.call("backtest_strategy", ["strategy_id": .string(first.id), "tickers": ["AAPL", "IBM", "XOM"]])
        try goldenFiles.check(backtest.display ?? "", "backtest_strategy_\(suffix).txt")
        let insider = try await fixture.call("backtest_strategy", ["strategy_id": .string(second.id), "tickers": ["AAPL", "IBM", "XOM"]])
        try goldenFiles.check(insider.display ?? "", "backtest_synthetic_\(suffix).txt")
        let signals = try await fixture.call("get_strategy_signals", ["strategy_id": .string(first.id), "universe": "AAPL,IBM,XOM,GE,F,BAC,C,JPM"])
        try goldenFiles.check(signals.display ?? "", "get_strategy_signals_\(suffix).txt")
        let list = try await fixture.call("list_user_strategies", ["active_only": false])
        try goldenFiles.check(list.display ?? "", "list_user_strategies_\(suffix).txt")
        let shown = try await fixture.call("get_strategy", ["strategy_id": "RSI dip"])
        try goldenFiles.check(shown.display ?? "", "get_strategy_\(suffix).txt")
    }
}

/// `Tests/ToolTests/Golden/`.
let goldenFiles = GoldenFolder(beside: #filePath)
