import Foundation
import Testing
import StrategyCore
@testable import Tools

@Suite("HTML report")
struct ReportTests {
    static func report() async throws -> (StoredStrategy, StrategyBacktest, String) {
        let (strategy, backtest) = try await RenderGoldenTests.fixedBacktest()
        let html = HTMLReport.render(strategy: strategy, backtest: backtest, generatedAt: ToolFixture.clock)
        return (strategy, backtest, html)
    }

    /// The text between the first `start` and the `end` after it.
    static func between(_ html: String, _ start: String, _ end: String) -> String? {
        guard let open = html.range(of: start), let close = html.range(of: end, range: open.upperBound..<html.endIndex) else { return nil }
        return String(html[open.upperBound..<close.lowerBound])
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test("one document with two SVG charts, the metrics, monthly returns and every trade")
    func structure() async throws {
        let (strategy, backtest, html) = try await Self.report()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(Self.count("<svg ", in: html) == 2)
        #expect(Self.count("</svg>", in: html) == 2)
        #expect(html.contains("<polyline class=\"equity\""))
        #expect(html.contains("<polyline class=\"benchmark\""))
        #expect(html.contains("<polygon class=\"drawdown\""))
        #expect(html.contains(">\(backtest.startDate.iso)</text>") && html.contains(">\(backtest.endDate.iso)</text>"))
        let metrics = try #require(Self.between(html, "<table id=\"metrics\"", "</table>"))
        #expect(Self.count("<tr>", in: metrics) == BacktestPresenter.metricsTable(backtest).rows.count + 1)
        #expect(metrics.contains("Sharpe / Sortino / Calmar"))
        let monthly = try #require(Self.between(html, "<table id=\"monthly\"", "</table>"))
        #expect(Self.count("<tr>", in: monthly) == EquitySeries(backtest).monthlyReturns.count + 1)
        let trades = try #require(Self.between(html, "<table id=\"trades\"", "</table>"))
        let body = try #require(Self.between(trades, "<tbody>", "</tbody>"))
        #expect(backtest.trades.count > 2)
        #expect(Self.count("<tr>", in: body) == backtest.trades.count)
        for line in strategy.plainDescription { #expect(html.contains(HTMLReport.escape(line))) }
        for line in BacktestPresenter.assumptionLines(backtest) { #expect(html.contains(HTMLReport.escape(line))) }
        #expect(html.contains("generated 2026-11-26 12:00:00 UTC"))
        #expect(!html.contains("<script"))
    }

    @Test("the JSON block reads back as the same strategy")
    func jsonRoundTrip() async throws {
        let (strategy, _, html) = try await Self.report()
        let block = try #require(Self.between(html, "<pre id=\"strategy-json\"><code>", "</code></pre>"))
        let decoded = try StrategyJSON.decoder.decode(TradingStrategy.self, from: Data(Self.unescape(block).utf8))
        #expect(decoded == strategy.definition)
    }

    @Test("nothing in the file points outside it")
    func noExternalReferences() async throws {
        let (_, _, html) = try await Self.report()
        let patterns = [
            #"https?://"#,                        // any absolute web address, xmlns included
            #"(src|href|action)\s*=\s*["']?//"#,  // protocol-relative addresses
            #"(src|href)\s*="#,                   // no linked resource of any kind
            #"@import"#,
            #"url\(\s*["']?(?!#)"#,               // CSS url() other than a same-document fragment
            #"<link\b"#, #"<script\b"#, #"<iframe\b"#, #"<img\b"#,
        ]
        for pattern in patterns {
            let regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
            let range = NSRange(html.startIndex..., in: html)
            #expect(regex.firstMatch(in: html, range: range) == nil, "found \(pattern)")
        }
    }

    @Test("text from the strategy is escaped, and synthetic data is labelled")
    func escapesAndLabels() async throws {
        var (strategy, backtest) = try await RenderGoldenTests.fixedBacktest()
        strategy.name = "<script>alert('x')</script> & \"quotes\""
        backtest.assumptions.data = "prices: embedded; alternative data: synthetic sample (insider buys)"
        let html = HTMLReport.render(strategy: strategy, backtest: backtest, generatedAt: ToolFixture.clock)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"))
        #expect(html.contains("<p class=\"synthetic\"><strong>Synthetic sample data.</strong>"))
        let (_, _, real) = try await Self.report()
        #expect(!real.contains("class=\"synthetic\""))
    }

    @Test("the header shows the version the backtest ran, and names the latest beside it when it is newer")
    func versionRun() async throws {
        let (stored, backtest) = try await RenderGoldenTests.fixedBacktest()
        let strategy = StoredStrategy(id: stored.id, version: 2, definition: stored.definition)
        let older = HTMLReport.render(strategy: strategy, backtest: backtest, latestVersion: 3, generatedAt: ToolFixture.clock)
        #expect(older.contains("<span class=\"version\">v2 · the latest version is v3</span>"))
        #expect(older.contains("<title>\(strategy.name) v2 (latest v3): backtest"))
        let current = HTMLReport.render(strategy: strategy, backtest: backtest, latestVersion: 2, generatedAt: ToolFixture.clock)
        #expect(current.contains("<span class=\"version\">v2</span>"))
        #expect(!current.contains("latest"))
    }

    @Test("a backtest without trades or benchmark still makes a whole report")
    func empty() {
        let html = HTMLReport.render(strategy: StoredStrategy(id: "handmade", version: 1, definition: Samples.rsiDip), backtest: ChartTests.handmade, generatedAt: ToolFixture.clock)
        #expect(html.contains("No closed trades."))
        #expect(html.contains("<polyline class=\"benchmark\""))
        #expect(html.hasSuffix("</html>\n"))
    }
}
