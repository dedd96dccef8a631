import AgentLoop
import Foundation
import Store
import StrategyCore
import Testing
@testable import Tools

/// A model that plays fixed responses, one per request, to drive the loop through the tools.
final class ScriptedAgentModel: ChatModel, @unchecked Sendable {
    let name = "scripted:agent"
    private let lock = NSLock()
    private var steps: [[ModelEvent]]
    private var received: [[ChatMessage]] = []

    init(_ steps: [[ModelEvent]]) {
        self.steps = steps
    }

    var requests: [[ChatMessage]] { lock.withLock { received } }

    func respond(to conversation: [ChatMessage], tools: [ToolSpec]) -> AsyncThrowingStream<ModelEvent, any Error> {
        let events: [ModelEvent] = lock.withLock {
            received.append(conversation)
            return steps.isEmpty ? [.textDelta("(script ended)"), .done(.endTurn)] : steps.removeFirst()
        }
        let (stream, continuation) = AsyncThrowingStream<ModelEvent, any Error>.makeStream()
        for event in events { continuation.yield(event) }
        continuation.finish()
        return stream
    }
}

@Suite("The agent loop drives the strategy tools")
struct AgentLoopIntegrationTests {
    @Test("create then backtest on two tickers in one turn, each tool's two faces delivered")
    func createThenBacktest() async throws {
        let fixture = try ToolFixture(offline: true)
        let create = ToolCall(id: "c1", name: "create_trading_strategy", argumentsJSON: #"{"strategy_description": "Buy when RSI(14) is below 35. Sell when RSI is above 60.", "strategy_name": "RSI swing"}"#)
        let backtest = ToolCall(id: "c2", name: "backtest_strategy", argumentsJSON: #"{"strategy_id": "RSI swing", "tickers": ["AAPL", "XOM"], "start_date": "2009-10-01"}"#)
        let model = ScriptedAgentModel([
            [.toolCall(create), .done(.toolUse)],
            [.toolCall(backtest), .done(.toolUse)],
            [.textDelta("Done."), .done(.endTurn)],
        ])
        let loop = AgentLoop(model: model, tools: fixture.toolbox, systemPrompt: try Prompts.system())
        var finished: [(ToolCall, ToolOutput)] = []
        for try await event in loop.run(userLine: "create an RSI swing strategy and backtest it on AAPL and XOM") {
            if case .toolFinished(let call, let output) = event { finished.append((call, output)) }
        }
        #expect(finished.map(\.0.name) == ["create_trading_strategy", "backtest_strategy"])
        #expect(finished.allSatisfy { !$0.1.isError })
        #expect(finished[1].1.json["start_date"]?.stringValue?.hasPrefix("2009-10") == true)
        #expect(finished[1].1.display?.contains("AAPL, XOM") == true)
        // The model read the compact JSON, not the rendered table.
        let lastRequest = try #require(model.requests.last)
        guard case .toolResult(let result) = lastRequest.last else {
            Issue.record("the last message sent is not a tool result")
            return
        }
        #expect(result.content == finished[1].1.modelContent)
        #expect(!result.content.contains("┌"))
    }

    @Test("every tool spec is a JSON Schema object the loop accepts")
    func specsAreObjects() {
        for spec in StrategyToolbox.specs {
            #expect(spec.parametersSchema["type"] == "object", "\(spec.name)")
            let properties = spec.parametersSchema["properties"]?.objectValue ?? [:]
            for required in spec.parametersSchema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                #expect(properties[required] != nil, "\(spec.name) requires \(required) but does not describe it")
            }
        }
    }
}
