import AgentLoop
import Foundation
import Testing
import TestSupport
import Store
@testable import StrategyCore
@testable import Tools

/// Every table and chart of a backtest, drawn from one engine run over the embedded data (RSI dip on
/// AAPL, IBM and XOM), at 80 and 120 columns, with and without colour. ANSI codes stay in the golden text,
/// so a change of colour shows as a diff. Re-record with `STRATCHAT_RECORD_GOLDEN=1`.
@Suite("Rendered tables and charts match their golden files")
struct RenderGoldenTests {
    static let styles: [(Int, Bool)] = [(80, false), (80, true), (120, false), (120, true)]

    /// The stored backtest of the RSI dip strategy, and the strategy itself.
    static func fixedBacktest() async throws -> (StoredStrategy, StrategyBacktest) {
        let fixture = try ToolFixture()
        let strategy = try fixture.add(Samples.rsiDip)
        let output = try await fixture.call("backtest_strategy", ["strategy_id": .string(strategy.id), "tickers": ["AAPL", "IBM", "XOM"]])
        #expect(!output.isError)
        let backtest = try #require(try fixture.store.latestBacktest(strategyId: strategy.id, user: ToolFixture.user))
        return (strategy, backtest)
    }

    static func name(_ what: String, _ width: Int, _ color: Bool) -> String {
        "\(what)_\(width)_\(color ? "color" : "plain").txt"
    }

    @Test("metrics and trades tables, equity chart, drawdown strip and heatmap", arguments: styles)
    func backtestPieces(width: Int, color: Bool) async throws {
        let (_, backtest) = try await Self.fixedBacktest()
        let style = RenderStyle(width: width, unicode: true, color: color)
        #expect(backtest.trades.count > 2)
        #expect(!backtest.benchmarkCurve.isEmpty)
        let trades = Array(backtest.trades.prefix(6)).enumerated().map { ("\($0.offset + 1)", $0.element) }
        let pieces: [(String, String)] = [
            ("metrics", BacktestPresenter.metricsTable(backtest).render(style: style)),
            ("trades", BacktestPresenter.tradesTable(trades).render(style: style)),
            ("equity", BacktestCharts.equity(backtest, style: style).joined(separator: "\n") + "\n"),
            ("drawdown", BacktestCharts.drawdown(backtest, style: style).joined(separator: "\n") + "\n"),
            ("heatmap", BacktestCharts.monthlyHeatmap(backtest, style: style).joined(separator: "\n") + "\n"),
        ]
        for (what, text) in pieces {
            let visible = ANSI.strip(text).split(separator: "\n")
            #expect(visible.allSatisfy { $0.count <= width }, "\(what) is wider than \(width)")
            let sent = TerminalText.sanitize(text, keepingColor: true)
            #expect(sent.contains("\u{1B}[") == color, "\(what): colour codes only when colour is on")
            try goldenFiles.check(sent, Self.name(what, width, color))
        }
    }

    @Test("the leaderboard table", arguments: styles)
    func leaderboard(width: Int, color: Bool) async throws {
        let (strategy, backtest) = try await Self.fixedBacktest()
        let rows = [
            LeaderboardRow(
                rank: 1, strategyId: strategy.id, name: strategy.name, signals: 14, actualTrades: 4, hypotheticalTrades: 9,
                winRatePct: 75, winRateSource: "actual", actualReturnPct: 6.25, hypotheticalReturnPct: 3.5,
                paperTrades: 5, paperReturnPct: -1.5,
                backtestReturnPct: backtest.totalReturnPct, backtestSharpe: backtest.sharpeRatio, status: "active",
                decay: BinomialTest.decay(wins: 3, trades: 4, backtestWinRatePct: backtest.winRate),
                paperDecay: BinomialTest.decay(wins: 1, trades: 5, backtestWinRatePct: backtest.winRate)),
            LeaderboardRow(
                rank: 2, strategyId: "b", name: "Insider + RSI Oversold, tracked since spring with a long name", signals: 3,
                actualTrades: 0, hypotheticalTrades: 3, winRatePct: 100.0 / 3, winRateSource: "hypothetical",
                actualReturnPct: nil, hypotheticalReturnPct: -2.75, paperTrades: 0, paperReturnPct: nil,
                backtestReturnPct: nil, backtestSharpe: nil, status: "paused", decay: nil, paperDecay: nil),
        ]
        let table = LeaderboardTable(window: .month, from: nil, to: backtest.endDate, rows: rows, insight: "")
        let text = LeaderboardPresenter.table(table).render(style: RenderStyle(width: width, color: color))
        #expect(ANSI.strip(text).split(separator: "\n").allSatisfy { $0.count <= width })
        // The long name wraps onto a second line rather than pushing the return columns out.
        #expect(text.contains("Insider + RSI"))
        #expect(!text.contains("…"))
        let sent = TerminalText.sanitize(text, keepingColor: true)
        if color {
            // 6.25 and -2.75 print with one decimal; either rounding is a fair reading of the half.
            #expect(sent.contains("\u{1B}[32m+6.2%") || sent.contains("\u{1B}[32m+6.3%"))
            if width >= 120 { #expect(sent.contains("\u{1B}[31m-2.8%") || sent.contains("\u{1B}[31m-2.7%")) }
        }
        try goldenFiles.check(sent, Self.name("leaderboard", width, color))
    }

    @Test("at 80 columns the trades table drops the exit reason and says so")
    func dropsAndSays() async throws {
        let (_, backtest) = try await Self.fixedBacktest()
        let trades = backtest.trades.map { ("Trade with a long label", $0) }
        let text = BacktestPresenter.tradesTable(trades).render(style: RenderStyle(width: 80))
        #expect(text.hasSuffix("(not shown to fit 80 columns: Exit reason)\n"))
        #expect(!text.contains("Exit reason │"))
    }

    @Test("a wrapping column keeps its words on more lines instead of cutting them")
    func wraps() {
        let table = TextTable(columns: [.init("#"), .init("Why", wraps: true)],
                              rows: [["1", String(repeating: "rsi below thirty and volume rising ", count: 4)]])
        let lines = table.render(style: RenderStyle(width: 80)).split(separator: "\n")
        #expect(lines.count > 5)
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(!lines.joined().contains("…"))
    }

    @Test("sign colours come from the first word of a figure", arguments: [
        ("+4.2%", ANSI.green), ("+$1,200", .green), ("+34.2% (+$34,200)", .green), ("-3.5%", .red), ("-$800", .red),
        ("-0.6% (111 days)", .red), ("0.0%", .none), ("—", .none), ("Active", .none), ("62.5% (5 of 8)", .none),
    ])
    func signs(_ text: String, _ expected: ANSI) {
        #expect(ANSI.forSign(of: text) == expected)
        let painted = RenderStyle(color: true).paintBySign(text)
        #expect(ANSI.strip(painted) == text)
        #expect((painted != text) == (expected != .none))
    }

    @Test("the style follows NO_COLOR, the terminal, the flags and the locale", arguments: [
        ([:], true, false, false, true, true),                                    // no locale set: keep Unicode
        (["LANG": "C"], true, false, false, true, false),                         // the C locale: ASCII
        (["LANG": "en_US.ISO-8859-1"], true, false, false, true, false),
        (["LANG": "en_US.UTF-8"], true, false, false, true, true),
        (["LANG": "en_US.UTF-8", "NO_COLOR": "1"], true, false, false, false, true),
        (["LANG": "en_US.UTF-8", "NO_COLOR": ""], true, false, false, true, true),     // empty NO_COLOR does not count
        (["LANG": "en_US.UTF-8"], false, false, false, false, true),                   // a pipe
        (["LANG": "en_US.UTF-8"], true, true, false, false, true),                     // --no-color
        (["LANG": "en_US.UTF-8"], true, false, true, true, false),                     // --ascii
        (["LANG": "en_US.UTF-8", "LC_ALL": "C"], true, false, false, true, false),    // LC_ALL wins
        (["LC_CTYPE": "de_DE.utf8"], true, false, false, true, true),
    ] as [([String: String], Bool, Bool, Bool, Bool, Bool)])
    func detect(_ environment: [String: String], _ terminal: Bool, _ noColor: Bool, _ ascii: Bool,
                _ expectColor: Bool, _ expectUnicode: Bool) {
        let style = RenderStyle.detect(environment: environment, stdoutIsTerminal: terminal, noColorFlag: noColor,
                                       asciiFlag: ascii, terminalWidth: 60)
        #expect(style.color == expectColor)
        #expect(style.unicode == expectUnicode)
        #expect(style.width == 80)
    }
}
