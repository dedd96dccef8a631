import AgentLoop
import Foundation
import MCP
@testable import MCPServer
import Store
import StrategyCore
import Testing
import Tools

@Suite("MCP tools through the SDK's client")
struct MCPToolTests {
    @Test("a schema or result converted member by member equals the SDK's own decoding of the same JSON text")
    func valueConversion() throws {
        let samples: [AgentJSON] = Tools.ToolCatalog.entries.flatMap { [$0.inputSchema, $0.outputSchema] } + [
            ["whole": 14, "fraction": 0.25, "negative": -3, "large": 123_456_789_012, "tiny": 1e-7],
            ["nested": [["name": "Dip Buyer", "flag": true, "none": nil]], "empty": [], "blank": [:]],
        ]
        for sample in samples {
            let decoded = try JSONDecoder().decode(Value.self, from: Data(sample.compactText.utf8))
            #expect(Value(sample) == decoded, "\(sample.compactText.prefix(80))")
        }
        #expect(Value(AgentJSON.number(.nan)) == .null, "NaN is written as null, as the text form writes it")
    }

    @Test("tools/list offers every chat tool with the chat's argument schemas and says which are destructive or read-only")
    func listsTools() async throws {
        let fixture = try await MCPFixture()
        defer { Task { await fixture.close() } }
        let (tools, _) = try await fixture.client.listTools()
        #expect(tools.map(\.name) == StrategyToolbox.specs.map(\.name))
        #expect(tools.contains { $0.name == ToolName.analyzeStrategyRobustness.rawValue }, "the robustness check is offered")
        for spec in StrategyToolbox.specs {
            let tool = try #require(tools.first { $0.name == spec.name })
            #expect(tool.description == spec.description)
            let schema = try AgentJSON.parse(String(decoding: JSONEncoder().encode(tool.inputSchema), as: UTF8.self))
            #expect(schema == spec.parametersSchema, "the input schema of \(spec.name) differs from the chat's")
            // The output schema is the tool's result type's, with the object type MCP asks for at the top.
            let entry = try #require(Tools.ToolCatalog.entries.first { $0.name.rawValue == spec.name })
            let output = try AgentJSON.parse(String(decoding: JSONEncoder().encode(try #require(tool.outputSchema)), as: UTF8.self))
            #expect(output == StrategyToolCatalog.objectSchema(entry.outputSchema), "the output schema of \(spec.name)")
            #expect(output["type"] == "object", "\(spec.name): MCP asks for an object schema")
        }
        func annotations(_ tool: ToolName) -> Tool.Annotations? { tools.first { $0.name == tool.rawValue }?.annotations }
        #expect(annotations(.deleteStrategy)?.destructiveHint == true)
        #expect(annotations(.deleteStrategy)?.readOnlyHint == false)
        for tool in [ToolName.listUserStrategies, .getStrategy, .getStrategySignals, .compareStrategies, .getPaperAccount] {
            #expect(annotations(tool)?.readOnlyHint == true, "\(tool.rawValue) should be read-only")
        }
        for tool in [ToolName.createTradingStrategy, .backtestStrategy, .refineStrategy, .revertStrategy, .managePaperAccount] {
            #expect(annotations(tool)?.readOnlyHint == false, "\(tool.rawValue) writes to the store")
            #expect(annotations(tool)?.destructiveHint == false, "\(tool.rawValue) keeps history")
        }
    }

    @Test("create, backtest, refine, signals and delete run the chat's handlers on the person's store")
    func strategyLifecycle() async throws {
        let fixture = try await MCPFixture()
        defer { Task { await fixture.close() } }
        let store = fixture.store, user = MCPFixture.user

        let id = try await fixture.createRSIDip()
        let created = try #require(try store.strategy(id: id, user: user))
        #expect(created.name == "RSI dip")
        #expect(created.entryConditions.map(\.field) == ["rsi_14"])

        let backtest = try await fixture.call(ToolName.backtestStrategy.rawValue, [
            "strategy_id": .string("RSI dip"), "tickers": ["AAPL", "MSFT"], "start_date": "2009-06-01", "end_date": "2010-06-30",
        ])
        #expect(backtest.isError == false)
        let structured = try #require(backtest.structuredContent?.objectValue)
        let typedBacktest = try #require(Self.typed(backtest.structuredContent, as: BacktestResult.self, tool: .backtestStrategy))
        #expect(typedBacktest.strategyName == "RSI dip")
        // The structured result is the stored backtest: same id, same trade count and return as the record.
        let stored = try #require(try store.latestBacktest(strategyId: id, user: user))
        #expect(structured["backtest_id"]?.stringValue == stored.backtestId)
        let metrics = try #require(structured["metrics"]?.objectValue)
        #expect(metrics["total_trades"]?.number == Double(stored.metrics.totalTrades))
        let totalReturn = try #require(metrics["total_return_pct"]?.number)
        #expect(abs(totalReturn - stored.metrics.totalReturnPct) < 0.01)
        #expect(stored.startDate >= (try #require(Day(year: 2009, month: 6, day: 1))))
        // The text face is the person's table, and the JSON follows for clients that read only text.
        #expect(backtest.text.contains("RSI dip"))
        #expect(backtest.content.count == 2)
        #expect(backtest.content.last?.textValue.flatMap { try? AgentJSON.parse($0) }?["backtest_id"]?.stringValue == stored.backtestId)

        let refined = try await fixture.call(ToolName.refineStrategy.rawValue, [
            "strategy_id": .string(id), "refinement_description": "set the stop loss to 8%",
        ])
        #expect(refined.isError == false)
        #expect(refined.structuredContent?.objectValue?["version"]?.number == 2)
        guard case .refined(let typedRefine)? = Self.typed(refined.structuredContent, as: RefineStrategyResult.self, tool: .refineStrategy) else {
            Issue.record("the refine result does not read as its result type")
            return
        }
        #expect(typedRefine.previousVersion == 1 && typedRefine.strategy.version == 2)
        #expect(try store.strategy(id: id, user: user)?.riskParameters.stopLossPct == 8)
        #expect(try store.versions(strategyId: id, user: user).count == 2)

        let signals = try await fixture.call(ToolName.getStrategySignals.rawValue, ["strategy_id": .string(id), "universe": "AAPL,MSFT"])
        #expect(signals.isError == false)
        #expect(signals.structuredContent?.objectValue?["signals"]?.arrayValue != nil)
        #expect(Self.typed(signals.structuredContent, as: SignalsResult.self, tool: .getStrategySignals)?.strategyId == id)

        let unconfirmed = try await fixture.call(ToolName.deleteStrategy.rawValue, ["strategy_id": .string(id)])
        #expect(unconfirmed.isError == true)
        #expect(try store.strategy(id: id, user: user) != nil, "nothing is deleted without confirm: true")
        let deleted = try await fixture.call(ToolName.deleteStrategy.rawValue, ["strategy_id": .string(id), "confirm": true])
        #expect(deleted.isError == false)
        #expect(try store.listStrategies(user: user).isEmpty)
    }

    @Test("a bad argument is a result with isError and the chat's fix-it message, never a protocol error")
    func badArguments() async throws {
        let fixture = try await MCPFixture()
        defer { Task { await fixture.close() } }
        let id = try await fixture.createRSIDip()

        let wrongType = try await fixture.call(ToolName.backtestStrategy.rawValue, ["strategy_id": .string(id), "initial_capital": "lots"])
        #expect(wrongType.isError == true)
        #expect(wrongType.text == "arguments do not match the parameters of backtest_strategy: $.initial_capital: expected a number, found a string")

        let badDate = try await fixture.call(ToolName.backtestStrategy.rawValue, ["strategy_id": .string(id), "start_date": "2010-13-45"])
        #expect(badDate.isError == true)
        #expect(badDate.text.contains("start_date"))
        #expect(badDate.text.contains("YYYY-MM-DD"))

        let unknown = try await fixture.call(ToolName.getStrategy.rawValue, ["strategy_id": "RSI dipp"])
        #expect(unknown.isError == true)
        #expect(unknown.text.contains("RSI dip"), "the message suggests the near name: \(unknown.text)")
        #expect(unknown.structuredContent?.objectValue?["not_found"]?.stringValue == "RSI dipp")

        let noSuchTool = try await fixture.call("backtest_strategies", [:])
        #expect(noSuchTool.isError == true)
        #expect(noSuchTool.structuredContent?.objectValue?["did_you_mean"]?.stringValue == "backtest_strategy")

        let missing = try await fixture.call(ToolName.refineStrategy.rawValue, ["strategy_id": .string(id)])
        #expect(missing.isError == true)
        #expect(missing.text.contains("refinement_description"))
        #expect(try fixture.store.versions(strategyId: id, user: MCPFixture.user).count == 1, "a failed call stores nothing")
    }

    @Test("a backtest reports progress to the token the client sent, never running backwards")
    func progress() async throws {
        let fixture = try await MCPFixture()
        defer { Task { await fixture.close() } }
        let id = try await fixture.createRSIDip()
        let seen = ProgressLog()
        await fixture.client.onNotification(ProgressNotification.self) { message in await seen.add(message.params) }

        let result = try await fixture.call(
            ToolName.backtestStrategy.rawValue, ["strategy_id": .string(id), "universe": "sample", "start_date": "2009-01-02"],
            meta: Metadata(progressToken: .string("bt-1")))
        #expect(result.isError == false)
        let steps = await seen.steps
        #expect(!steps.isEmpty)
        #expect(steps.allSatisfy { $0.progressToken == .string("bt-1") })
        #expect(zip(steps, steps.dropFirst()).allSatisfy { $0.progress <= $1.progress })
        #expect(steps.contains { $0.message?.hasPrefix("Backtesting RSI dip on sample") == true })
        #expect(steps.last.map { $0.progress == $0.total } == true, "the last step is the end of the work")
        // At most one step per percent and phase, so a long backtest cannot flood the client.
        #expect(steps.count <= 202)
    }
    /// Structured content read as the tool's own result type, as the chat's offline model reads it.
    static func typed<Result: Decodable>(_ content: Value?, as type: Result.Type, tool: ToolName) -> Result? {
        guard let content, let data = try? JSONEncoder().encode(content) else { return nil }
        return tool.decode(type, from: String(decoding: data, as: UTF8.self))
    }
}

actor ProgressLog {
    var steps: [ProgressNotification.Parameters] = []
    func add(_ step: ProgressNotification.Parameters) { steps.append(step) }
}

extension Value {
    /// A JSON number, whether it was written as an integer or not.
    var number: Double? { doubleValue ?? intValue.map(Double.init) }
}
