import AgentLoop
import Foundation
import Testing
import Tools
@testable import stratchat

/// The strategy a slash command uses when given no id: the one created or named last, by a slash command
/// or by the model's tool calls in a chat turn.
@MainActor
@Suite("The strategy named last")
struct SlashLastStrategyTests {
    @Test("a strategy the model created in a chat turn is the one /show and /pause use with no id")
    func fromChatTurn() async throws {
        let events = Array(ChatSessionTests.createThenDelete.prefix(4))
        let fixture = try ChatSessionTests.Fixture(events: events)
        try await fixture.session.answer("make an rsi dip strategy")
        try await fixture.slash("/pause")
        #expect(fixture.console.output.contains("\"RSI dip\" (id "))
        #expect(fixture.console.output.contains(") is now paused"))
    }

    @Test("an error result, a deletion or a result of another shape names no strategy")
    func ignored() {
        func call(_ tool: ToolName) -> ToolCall { ToolCall(id: "c", name: tool.rawValue, argumentsJSON: "{}") }
        let paused = StrategyActivityResult(strategyId: "abc", name: "x", status: "paused", changed: true)
        #expect(SlashCommand.mentionedStrategy(by: call(.getStrategy), in: .error("no", details: ["strategy_id": "abc"])) == nil)
        #expect(SlashCommand.mentionedStrategy(
            by: call(.deleteStrategy), in: ToolOutput(result: DeleteStrategyResult(strategyId: "abc", name: "x"), display: nil)) == nil)
        #expect(SlashCommand.mentionedStrategy(by: call(.setStrategyActive), in: ToolOutput(result: paused, display: nil)) == "abc")
        #expect(SlashCommand.mentionedStrategy(by: call(.getStrategy), in: ToolOutput(result: paused, display: nil)) == nil)
        #expect(SlashCommand.mentionedStrategy(by: call(.setStrategyActive), in: ToolOutput(modelContent: "not json")) == nil)
    }

    @Test("after /delete, a command with no id says the strategy is gone rather than guessing")
    func afterDelete() async throws {
        let fixture = try ChatSessionTests.Fixture(events: [])
        fixture.session.confirm = { _ in true }
        try await fixture.slash("/new buy when rsi_14 is below 30, sell when rsi_14 is above 70")
        let id = try #require(fixture.context.lastStrategyId)
        try await fixture.slash("/delete \(id.prefix(8))")
        #expect(fixture.context.lastStrategyId == nil)
        await #expect(throws: SlashError.self) { try await fixture.slash("/show") }
    }
}
