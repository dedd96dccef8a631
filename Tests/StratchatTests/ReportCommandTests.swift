import Foundation
import Store
import StrategyCore
import Testing

/// `stratchat report ID -o FILE.html` against a real database in a temporary home.
@Suite("stratchat report")
struct ReportCommandTests {
    func seeded(_ stratchat: StratchatProcess) throws -> StoredStrategy {
        let text = """
            {"name": "RSI dip <b>", "timeframe": "short_term",
             "entry_conditions": [{"field": "rsi_14", "operator": "lt", "value": 35}], "entry_logic": "AND",
             "exit_conditions": [{"field": "rsi_14", "operator": "gt", "value": 60}], "exit_logic": "OR",
             "risk_parameters": {"stop_loss_pct": 8}}
            """
        let strategy = try #require(StrategyDocument.load(text: text).strategy)
        let store = try StratStore.open(at: stratchat.home.appendingPathComponent("stratchat.db").path)
        return try store.createStrategy(strategy, user: stratchat.user)
    }

    @Test("with no stored backtest it runs one, stores it, writes the file, and reuses it the next time")
    func writes() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let strategy = try seeded(stratchat)
        let file = stratchat.home.appendingPathComponent("report.html")
        let prefix = String(strategy.id.prefix(8))
        let first = try stratchat.run(["report", prefix, "-o", file.path], extraEnvironment: ["STRATCHAT_UNIVERSE": "AAPL,IBM,XOM"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("has no stored backtest; running one with the default settings"))
        #expect(first.stdout.contains("run just now with the default settings"))
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("RSI dip &lt;b&gt;"))
        #expect(html.contains("<table id=\"trades\""))

        let second = try stratchat.run(["report", "RSI dip <b>", "-o", file.path])
        #expect(second.status == 0)
        #expect(second.stdout.contains("(the latest stored)"))
        #expect(second.stderr.isEmpty)
    }

    @Test("an unknown strategy or an unwritable file exits 2 with the fix")
    func failures() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        _ = try seeded(stratchat)
        let unknown = try stratchat.run(["report", "RSI dop <b>", "-o", stratchat.home.appendingPathComponent("x.html").path])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean \"RSI dip <b>\"?"))
        let unwritable = try stratchat.run(["report", "RSI dip <b>", "-o", "/nonexistent-folder/x.html"])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("cannot write /nonexistent-folder/x.html"))
    }
}
