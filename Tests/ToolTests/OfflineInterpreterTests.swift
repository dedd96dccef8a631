import AgentLoop
import Foundation
import Store
import StrategyCore
import Testing
@testable import Tools

@Suite("create and refine with the offline text parser")
struct OfflineInterpreterTests {
    @Test("plain words become a stored strategy with the parser's assumptions")
    func createsOffline() async throws {
        let fixture = try ToolFixture(offline: true)
        let output = try await fixture.call("create_trading_strategy", [
            "strategy_description": "Buy when RSI(14) is below 30. Sell when RSI is above 70.", "strategy_name": "RSI swing",
        ])
        #expect(!output.isError, "\(output.display ?? "")")
        let stored = try #require(try fixture.store.listStrategies(user: ToolFixture.user).first)
        #expect(stored.name == "RSI swing")
        #expect(stored.entryConditions == [Condition(field: "rsi_14", operator: .lt, value: .number(30))])
        #expect(stored.exitConditions.first?.field == "rsi_14")
        #expect(StrategyValidator.validate(stored.definition).isEmpty)
    }

    @Test("an idea too vague to test gets a question and nothing is stored")
    func vagueIdea() async throws {
        let fixture = try ToolFixture(offline: true)
        let output = try await fixture.call("create_trading_strategy", ["strategy_description": "buy good companies", "strategy_name": "Good"])
        #expect(output.json["created"] == .bool(false))
        #expect(output.json["question"]?.stringValue?.isEmpty == false)
        #expect(try fixture.store.listStrategies(user: ToolFixture.user).isEmpty)
    }

    @Test("a refinement sentence becomes a new version with its diff")
    func refinesOffline() async throws {
        let fixture = try ToolFixture(offline: true)
        let strategy = try fixture.add()
        let output = try await fixture.call("refine_strategy", ["strategy_id": .string(strategy.id), "refinement_description": "tighten the stop loss to 6%"])
        #expect(!output.isError, "\(output.display ?? "")")
        #expect(output.json["changes"]?.arrayValue?.contains("stop loss: 8% → 6%") == true)
        #expect(try fixture.store.strategy(id: strategy.id, user: ToolFixture.user)?.version == 2)
    }
}
