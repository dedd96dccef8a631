import AgentLoop
import Foundation
import Store
import StrategyCore
import Testing
@testable import Tools

@Suite("list, show, revert, pause and delete; ids by prefix or name; other users' strategies")
struct ManageToolTests {
    @Test("list shows active strategies by default and paused ones on request")
    func listsActiveByDefault() async throws {
        let fixture = try ToolFixture()
        let kept = try fixture.add()
        var other = Samples.rsiDip
        other.name = "Paused idea"
        let paused = try fixture.add(other)
        try fixture.store.setActive(id: paused.id, user: ToolFixture.user, active: false)

        let active = try await fixture.call("list_user_strategies", [:])
        #expect(active.json["count"]?.numberValue == 1)
        #expect(active.json["strategies"]?.arrayValue?.first?["strategy_id"]?.stringValue == kept.id)
        #expect(active.display?.contains("Paused idea") == false)
        let all = try await fixture.call("list_user_strategies", ["active_only": false])
        #expect(all.json["count"]?.numberValue == 2)
        #expect(all.display?.contains("Paused") == true)
        let wrongType = try await fixture.call("list_user_strategies", ["active_only": "yes"])
        #expect(wrongType.isError)
    }

    @Test("get_strategy shows the definition, every version and the last backtest")
    func showsHistory() async throws {
        let fixture = try ToolFixture(replies: [Samples.tighterStopReply])
        let strategy = try fixture.add()
        _ = try await fixture.call("refine_strategy", ["strategy_id": .string(strategy.id), "refinement_description": "stop at 6%"])
        let output = try await fixture.call("get_strategy", ["strategy_id": "RSI dip"])
        #expect(!output.isError)
        let versions = try #require(output.json["versions"]?.arrayValue)
        #expect(versions.count == 2)
        #expect(versions.last?["changes"] == ["stop loss: 8% → 6%"])
        #expect(output.display?.contains("stop loss: 8% → 6%") == true)
        #expect(output.display?.contains("Not backtested yet.") == true)
    }

    @Test("revert restores an old definition as a new version, and refuses a version that does not exist")
    func revertsAsNewVersion() async throws {
        let fixture = try ToolFixture(replies: [Samples.tighterStopReply])
        let strategy = try fixture.add()
        _ = try await fixture.call("refine_strategy", ["strategy_id": .string(strategy.id), "refinement_description": "stop at 6%"])
        let output = try await fixture.call("revert_strategy", ["strategy_id": .string(strategy.id), "version": 1])
        #expect(!output.isError)
        #expect(output.json["version"]?.numberValue == 3)
        #expect(output.json["changes"] == ["stop loss: 6% → 8%"])
        #expect(try fixture.store.strategy(id: strategy.id, user: ToolFixture.user)?.riskParameters.stopLossPct == 8)

        let missing = try await fixture.call("revert_strategy", ["strategy_id": .string(strategy.id), "version": 9])
        #expect(missing.isError)
        #expect(missing.modelContent.contains("versions 1 to 3"))
        let fraction = try await fixture.call("revert_strategy", ["strategy_id": .string(strategy.id), "version": 1.5])
        #expect(fraction.isError)
        let none = try await fixture.call("revert_strategy", ["strategy_id": .string(strategy.id)])
        #expect(none.isError)
        #expect(none.modelContent.contains(#"\"version\""#))
    }

    @Test("pausing and resuming change the status, not the version")
    func pausesAndResumes() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add()
        let paused = try await fixture.call("set_strategy_active", ["strategy_id": .string(strategy.id), "active": false])
        #expect(paused.json["status"]?.stringValue == "paused")
        #expect(try fixture.store.strategy(id: strategy.id, user: ToolFixture.user)?.isActive == false)
        let resumed = try await fixture.call("set_strategy_active", ["strategy_id": .string(strategy.id), "active": true])
        #expect(resumed.json["changed"] == .bool(true))
        #expect(try fixture.store.strategy(id: strategy.id, user: ToolFixture.user)?.version == 1)
        let missing = try await fixture.call("set_strategy_active", ["strategy_id": .string(strategy.id)])
        #expect(missing.isError)
    }

    @Test("delete without confirm asks for confirmation and deletes nothing; with it, the strategy is gone")
    func deleteNeedsConfirmation() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add()
        let unconfirmed = try await fixture.call("delete_strategy", ["strategy_id": .string(strategy.id)])
        #expect(unconfirmed.isError)
        #expect(unconfirmed.json["needs_confirmation"] == .bool(true))
        #expect(unconfirmed.modelContent.contains("confirm"))
        let refused = try await fixture.call("delete_strategy", ["strategy_id": .string(strategy.id), "confirm": false])
        #expect(refused.isError)
        #expect(try fixture.store.strategy(id: strategy.id, user: ToolFixture.user) != nil)

        let confirmed = try await fixture.call("delete_strategy", ["strategy_id": .string(strategy.id), "confirm": true])
        #expect(!confirmed.isError)
        #expect(try fixture.store.strategy(id: strategy.id, user: ToolFixture.user) == nil)
    }

    @Test("an id prefix or a name finds the strategy; an ambiguous one lists the candidates")
    func resolvesReferences() async throws {
        let fixture = try ToolFixture()
        var a = Samples.rsiDip
        a.name = "RSI dip A"
        var b = Samples.rsiDip
        b.name = "RSI dip B"
        let first = try fixture.add(a)
        try fixture.add(b)
        let byPrefix = try await fixture.call("get_strategy", ["strategy_id": .string(String(first.id.prefix(6)))])
        #expect(byPrefix.json["strategy_id"]?.stringValue == first.id)
        let byName = try await fixture.call("get_strategy", ["strategy_id": "rsi dip a"])
        #expect(byName.json["strategy_id"]?.stringValue == first.id)
        let ambiguous = try await fixture.call("get_strategy", ["strategy_id": "RSI dip"])
        #expect(ambiguous.isError)
        #expect(ambiguous.json["candidates"]?.arrayValue?.count == 2)
        #expect(ambiguous.modelContent.contains("RSI dip A (id-1-000)"))
        let typo = try await fixture.call("get_strategy", ["strategy_id": "RSI dop A"])
        #expect(typo.json["did_you_mean"]?.stringValue == "RSI dip A")
    }

    static let toolsTakingIds: [(String, AgentJSON)] = [
        ("backtest_strategy", [:]), ("get_strategy_signals", [:]), ("refine_strategy", ["refinement_description": "stop at 6%"]),
        ("get_strategy", [:]), ("revert_strategy", ["version": 1]), ("set_strategy_active", ["active": false]),
        ("delete_strategy", ["confirm": true]),
    ]

    @Test("another user's strategy id is refused as not found by every tool", arguments: toolsTakingIds.map(\.0))
    func otherUsersStrategyIsNotFound(_ tool: String) async throws {
        let fixture = try ToolFixture(replies: [Samples.tighterStopReply])
        let theirs = try fixture.add(user: ToolFixture.otherUser)
        var arguments = Self.toolsTakingIds.first { $0.0 == tool }?.1.objectValue ?? [:]
        arguments["strategy_id"] = .string(theirs.id)
        let output = try await fixture.call(tool, .object(arguments))
        #expect(output.isError)
        #expect(output.modelContent.contains("No strategy \\\"\(theirs.id)\\\" found"))
        // The details say so as data, so the offline model never reads the message's wording.
        #expect(output.json["not_found"]?.stringValue == theirs.id)
        // Nothing of theirs changed, and the parser model was never asked.
        let after = try #require(try fixture.store.strategy(id: theirs.id, user: ToolFixture.otherUser))
        #expect(after == theirs)
        #expect(fixture.model.requests.isEmpty)
        #expect(try fixture.store.signals(user: ToolFixture.otherUser).isEmpty)
        // Their own toolbox sees it.
        let own = try await fixture.toolbox(for: ToolFixture.otherUser)
            .run(ToolCall(id: "c", name: "get_strategy", argumentsJSON: #"{"strategy_id": "\#(theirs.id)"}"#))
        #expect(!own.isError)
    }

    @Test("an unknown tool name and unreadable arguments are errors, not crashes")
    func unknownToolAndBadJSON() async throws {
        let fixture = try ToolFixture()
        let unknown = try await fixture.toolbox.run(ToolCall(id: "c", name: "buy_now", argumentsJSON: "{}"))
        #expect(unknown.isError)
        #expect(unknown.modelContent.contains("create_trading_strategy"))
        let garbled = try await fixture.toolbox.run(ToolCall(id: "c", name: "get_strategy", argumentsJSON: "{\"strategy_id\": "))
        #expect(garbled.isError)
        let array = try await fixture.toolbox.run(ToolCall(id: "c", name: "get_strategy", argumentsJSON: "[1]"))
        #expect(array.isError)
        #expect(array.modelContent.contains("an array"))
    }

    @Test("the tool specs are the fifteen tools with the original design's six first")
    func specs() {
        #expect(StrategyToolbox.toolNames == [
            "create_trading_strategy", "backtest_strategy", "get_strategy_signals", "compare_strategies", "refine_strategy",
            "list_user_strategies", "get_strategy", "revert_strategy", "set_strategy_active", "delete_strategy",
            "record_signal_action", "optimize_strategy", "analyze_strategy_robustness", "manage_paper_account",
            "get_paper_account",
        ])
        let backtest = StrategyToolbox.specs[1].parametersSchema
        #expect(backtest["required"] == ["strategy_id"])
        #expect(backtest["properties"]?["tickers"]?["type"] == "array")
        #expect(StrategyToolbox.specs[3].parametersSchema["properties"]?["timeframe"]?["enum"] == ["7d", "30d", "90d", "1y", "all"])
    }
}
