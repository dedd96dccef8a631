import AgentLoop
import Foundation
import MCP
@testable import MCPServer
import Store
import StrategyCore
import Testing
import Tools

@Suite("MCP resources and prompts")
struct MCPResourceTests {
    @Test("each strategy is a JSON resource with its versions, and its latest backtest an HTML report")
    func resources() async throws {
        let fixture = try await MCPFixture()
        defer { Task { await fixture.close() } }
        let id = try await fixture.createRSIDip()
        _ = try await fixture.call(ToolName.refineStrategy.rawValue, ["strategy_id": .string(id), "refinement_description": "set the stop loss to 8%"])
        let backtest = try await fixture.call(ToolName.backtestStrategy.rawValue, ["strategy_id": .string(id), "tickers": ["AAPL"]])
        let backtestId = try #require(backtest.structuredContent?.objectValue?["backtest_id"]?.stringValue)

        let (templates, _) = try await fixture.client.listResourceTemplates()
        #expect(templates.map(\.uriTemplate) == ["stratchat://strategies/{id}", "stratchat://backtests/{id}/report.html"])
        let (resources, _) = try await fixture.client.listResources()
        #expect(resources.map(\.uri) == ["stratchat://strategies/\(id)", "stratchat://backtests/\(backtestId)/report.html"])

        let strategy = try #require(try await fixture.client.readResource(uri: "stratchat://strategies/\(id)").first)
        #expect(strategy.mimeType == "application/json")
        let document = try AgentJSON.parse(try #require(strategy.text))
        #expect(document["strategy"]?["name"]?.stringValue == "RSI dip")
        #expect(document["versions"]?.arrayValue?.count == 2)
        #expect(document["versions"]?.arrayValue?.last?["note"]?.stringValue == "set the stop loss to 8%")
        #expect(document["latest_backtest_report"]?.stringValue == "stratchat://backtests/\(backtestId)/report.html")
        // A stored definition reads back as the strategy it is.
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decoded = try decoder.decode(TradingStrategy.self, from: Data((document["strategy"]?.compactText ?? "").utf8))
        #expect(decoded.riskParameters.stopLossPct == 8)

        let report = try #require(try await fixture.client.readResource(uri: "stratchat://backtests/\(backtestId)/report.html").first)
        #expect(report.mimeType == "text/html")
        let html = try #require(report.text)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("RSI dip"))

        await #expect(throws: MCPError.self) { _ = try await fixture.client.readResource(uri: "stratchat://strategies/nothing-here") }
        await #expect(throws: MCPError.self) { _ = try await fixture.client.readResource(uri: "https://example.com/x") }
    }

    @Test("the prompts name the strategy and carry its stored definition")
    func prompts() async throws {
        let fixture = try await MCPFixture()
        defer { Task { await fixture.close() } }
        let first = try await fixture.createRSIDip()
        let second = try await fixture.call(ToolName.createTradingStrategy.rawValue, [
            "strategy_description": "buy when close crosses above sma_50, sell when close crosses below sma_50", "strategy_name": "Trend",
        ])
        let secondId = try #require(second.structuredContent?.objectValue?["strategy_id"]?.stringValue)
        // Touched last, so "my last strategy" is the first one.
        _ = try await fixture.call(ToolName.refineStrategy.rawValue, ["strategy_id": .string(first), "refinement_description": "set the stop loss to 6%"])

        let (prompts, _) = try await fixture.client.listPrompts()
        #expect(prompts.map(\.name) == ["describe-strategy", "refine-last-strategy", "is-this-overfit"])

        let describe = try await fixture.client.getPrompt(name: "describe-strategy", arguments: ["strategy": "Trend"])
        #expect(describe.messages.count == 2)
        #expect(Self.text(describe.messages[0]).contains("\"Trend\" (id \(secondId))"))
        #expect(Self.embeddedURI(describe.messages[1]) == "stratchat://strategies/\(secondId)")

        let refine = try await fixture.client.getPrompt(name: "refine-last-strategy", arguments: ["change": "add a 20-day max hold"])
        #expect(Self.text(refine.messages[0]).contains("\"RSI dip\" (id \(first), version 2): add a 20-day max hold"))

        let overfit = try await fixture.client.getPrompt(name: "is-this-overfit", arguments: ["strategy": first])
        #expect(Self.text(overfit.messages[0]).contains("backtest_strategy"))

        await #expect(throws: MCPError.self) { _ = try await fixture.client.getPrompt(name: "describe-strategy", arguments: [:]) }
    }

    static func text(_ message: Prompt.Message) -> String {
        if case .text(let text) = message.content { return text }
        return ""
    }

    static func embeddedURI(_ message: Prompt.Message) -> String? {
        if case .resource(let resource, _, _) = message.content { return resource.uri }
        return nil
    }
}
