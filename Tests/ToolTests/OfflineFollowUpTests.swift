import AgentLoop
import Foundation
import Store
import StrategyCore
import Testing
@testable import Tools

@Suite("The offline model follows up: chains, confirmations, errors, short answers")
struct OfflineFollowUpTests {
    @Test("\"… and backtest it from A to B\" creates, then backtests that range in the same turn")
    func createAndBacktest() async throws {
        var session = try OfflineSession()
        let turn = try await session.say("Create a strategy called Dip Buyer: buy when RSI(7) is under 25, sell when RSI is above 60, and backtest it from 2009-09-01 to 2010-06-30")
        #expect(turn.calls.map(\.name) == ["create_trading_strategy", "backtest_strategy"])
        #expect(turn.calls[0].arguments == ["strategy_description": "buy when RSI(7) is under 25, sell when RSI is above 60", "strategy_name": "Dip Buyer"])
        let id = try #require(turn.outputs[0].json["strategy_id"]?.stringValue)
        #expect(turn.calls[1].arguments == ["strategy_id": .string(id), "start_date": "2009-09-01", "end_date": "2010-06-30"])
        #expect(turn.outputs[1].json["start_date"] == "2009-09-01")
        #expect(turn.text.contains("Created \"Dip Buyer\""))
        #expect(turn.text.contains("Backtest of \"Dip Buyer\" v1, 2009-09-01 to 2010-06-30"))
        #expect(session.inventedNumbers() == [])
    }

    @Test("\"sure, on AAPL and MSFT since 2015\" accepts the offered backtest with those details")
    func affirmWithDetails() async throws {
        var session = try OfflineSession()
        let create = try await session.say("buy when RSI is below 30")
        #expect(create.text.hasSuffix("Want me to backtest it?"))
        let yes = try await session.say("Sure, on AAPL and MSFT since 2015")
        let id = try #require(create.outputs[0].json["strategy_id"])
        #expect(yes.calls.map(\.arguments) == [["strategy_id": id, "tickers": ["AAPL", "MSFT"], "start_date": "2015-01-01"]])
        #expect(yes.outputs.map(\.isError) == [false])
        #expect(session.inventedNumbers() == [])
    }

    @Test("a misspelt name gets \"Did you mean …?\", and \"yes\" repeats the call with that name")
    func didYouMean() async throws {
        var session = try OfflineSession()
        try await session.say("Create a strategy called Dip Buyer: buy when RSI(7) is under 25")
        let typo = try await session.say("pause Dip Buyr")
        #expect(typo.calls.first?.arguments["strategy_id"] == "Dip Buyr")
        #expect(typo.text == "I couldn't find a strategy called \"Dip Buyr\". Did you mean \"Dip Buyer\"?")
        let yes = try await session.say("yes")
        #expect(yes.calls.map(\.arguments) == [["strategy_id": "Dip Buyer", "active": false]])
        #expect(try session.fixture.store.listStrategies(user: ToolFixture.user, activeOnly: true).isEmpty)
    }

    @Test("\"the second one\" is the second strategy of the list just shown")
    func ordinal() async throws {
        var session = try OfflineSession()
        try await session.say("Create a strategy called Alpha: buy when RSI is below 30")
        try await session.say("Create a strategy called Beta: buy when RSI is below 25")
        let list = try await session.say("list my strategies")
        let shown = try #require(list.outputs[0].json["strategies"]?.arrayValue)
        #expect(shown.count == 2)
        let pause = try await session.say("pause the second one")
        #expect(pause.calls.map(\.arguments) == [["strategy_id": shown[1]["strategy_id"] ?? .null, "active": false]])
        let show = try await session.say("show me number 1")
        #expect(show.calls.map(\.arguments) == [["strategy_id": shown[0]["strategy_id"] ?? .null]])
    }

    @Test("a failed backtest is explained with its fix, and nothing is stored")
    func toolError() async throws {
        var session = try OfflineSession()
        try await session.say("buy when RSI is below 30")
        let turn = try await session.say("backtest it from 2012 to 2010")
        #expect(turn.outputs.map(\.isError) == [true])
        #expect(turn.text.hasPrefix("The backtest didn't work: \"end_date\" (2010-12-31) is before start_date (2012-01-01)."))
        #expect(turn.text.contains("Give an end date on or after the start date"))
        let id = try #require(session.turns[0].outputs[0].json["strategy_id"]?.stringValue)
        #expect(try session.fixture.store.latestBacktest(strategyId: id, user: ToolFixture.user) == nil)
    }

    @Test("\"short when …\" gets the long-only answer, and \"yes\" creates the nearest long strategy")
    func shortThenYes() async throws {
        var session = try OfflineSession()
        let short = try await session.say("short when RSI is above 80")
        #expect(short.outputs[0].json["created"] == false)
        #expect(short.text.contains("long-only"))
        let yes = try await session.say("yes")
        #expect(yes.calls.map(\.name) == ["create_trading_strategy"])
        let stored = try #require(try session.fixture.store.listStrategies(user: ToolFixture.user).first)
        // The parser's mirror of RSI > 80 for a long strategy is RSI < 20 (100 − 80), as its question states.
        #expect(stored.entryConditions == [Condition(field: "rsi_14", operator: .lt, value: .number(20))])
        #expect(session.inventedNumbers() == [])
    }

    @Test("a refinement the parser asks about is completed by a short answer")
    func refinementAnswer() async throws {
        var session = try OfflineSession()
        try await session.say("buy when RSI is below 30")
        let vague = try await session.say("now tighten the stop")
        #expect(vague.calls.map(\.name) == ["refine_strategy"])
        #expect(vague.outputs[0].json["changed"] == false)
        let answer = try await session.say("6%")
        #expect(answer.calls.first?.arguments["refinement_description"] == "tighten the stop to 6%")
        let stored = try #require(try session.fixture.store.listStrategies(user: ToolFixture.user).first)
        #expect(stored.riskParameters.stopLossPct == 6)
        #expect(stored.version == 2)
    }

    @Test("delete asks first; \"yes\" deletes with confirm, and \"it\" is gone afterwards")
    func deleteConfirmation() async throws {
        var session = try OfflineSession()
        try await session.say("buy when RSI is below 30")
        let ask = try await session.say("delete it")
        #expect(ask.calls.first?.arguments["confirm"] == nil)
        #expect(ask.text.hasSuffix("Delete it? (yes/no)"))
        #expect(try session.fixture.store.listStrategies(user: ToolFixture.user).count == 1)
        let yes = try await session.say("yes")
        #expect(yes.calls.first?.arguments["confirm"] == true)
        #expect(try session.fixture.store.listStrategies(user: ToolFixture.user).isEmpty)
        // With nothing left to call "it", the model looks the strategies up and says there are none.
        let after = try await session.say("backtest it")
        #expect(after.calls.map(\.name) == ["list_user_strategies"])
        #expect(after.text.hasPrefix("You have no strategies yet"))
    }

    @Test("\"it\" in a new conversation is found by listing the strategies: one strategy is acted on directly")
    func newConversationFindsIt() async throws {
        var session = try OfflineSession()
        try session.fixture.add(Samples.rsiDip)
        let turn = try await session.say("pause it")
        #expect(turn.calls.map(\.name) == ["list_user_strategies", "set_strategy_active"])
        #expect(turn.calls[1].arguments["active"] == false)
        #expect(try session.fixture.store.listStrategies(user: ToolFixture.user, activeOnly: true).isEmpty)
        #expect(turn.text.contains("Paused \"\(Samples.rsiDip.name)\""))
    }
}
