import Foundation
import Testing

/// `/report` through a pipe: one HTML file for the strategy's latest backtest.
@Suite("/report through a pipe")
struct SlashReportTests {
    @Test("writes one self-contained HTML file, running a backtest first when there is none")
    func writes() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let file = stratchat.home.appendingPathComponent("dip report.html").path
        let noSpaces = stratchat.home.appendingPathComponent("dip.html").path
        let result = try stratchat.run(
            input: "/new buy when rsi_14 is below 30, sell when rsi_14 is above 70\n/report \(noSpaces)\n/report\n/report RSI(14) \(file)x\n",
            extraEnvironment: ["STRATCHAT_TEST_SEED": "5"])
        #expect(result.stdout.contains("has no backtest yet; running one with the default settings…\nWrote \(noSpaces): \"RSI(14)\" v1, backtest "))
        let html = try String(contentsOfFile: noSpaces, encoding: .utf8)
        #expect(html.contains("<html"))
        #expect(html.contains("RSI(14)"))
        #expect(!html.contains("src=\"http"), "no external script or image")
        #expect(!html.contains("href=\"http"), "no external stylesheet or link")
        #expect(result.stderr == """
            error: Name the HTML file to write: /report ID FILE.html, e.g. /report a1b2c3d4 dip.html
            error: Name the HTML file to write: /report ID FILE.html, e.g. /report a1b2c3d4 dip.html

            """)
    }
}
