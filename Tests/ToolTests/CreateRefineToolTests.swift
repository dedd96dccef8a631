import AgentLoop
import Foundation
import Store
import StrategyCore
import Testing
@testable import Tools

@Suite("create_trading_strategy and refine_strategy through a scripted parser model")
struct CreateRefineToolTests {
    @Test("a valid reply is stored as version 1 and explained with its assumptions")
    func createsFromValidReply() async throws {
        let fixture = try ToolFixture(replies: [Samples.validReply])
        let output = try await fixture.call("create_trading_strategy", [
            "strategy_description": "buy when RSI is oversold, sell when it recovers", "strategy_name": "Oversold bounce",
        ])
        #expect(!output.isError)
        let stored = try fixture.store.listStrategies(user: ToolFixture.user)
        #expect(stored.count == 1)
        #expect(stored.first?.name == "Oversold bounce")
        #expect(stored.first?.naturalLanguageInput == "buy when RSI is oversold, sell when it recovers")
        #expect(output.json["strategy_id"]?.stringValue == stored.first?.id)
        #expect(output.json["version"]?.numberValue == 1)
        let display = try #require(output.display)
        #expect(display.hasPrefix("Created strategy \"Oversold bounce\" (id id-1-000, v1)"))
        #expect(display.contains("Entry: RSI(14) < 35"))
        #expect(display.contains("oversold read as RSI(14) below 35"))
        // position_size_pct was left out, so the default fill-in is stated.
        #expect(display.contains("risk_parameters.position_size_pct = 5 (default)"))
        #expect(!display.contains("synthetic"))

        let request = try #require(fixture.model.requests.first)
        #expect(fixture.model.requests.count == 1)
        guard case .system(let prompt) = request.first else {
            Issue.record("the first message is not the parser prompt")
            return
        }
        #expect(!prompt.contains("{{"))
        #expect(prompt.contains("\"entry_conditions\""))
        #expect(prompt.contains("rsi_N (e.g. rsi_14)"))
        #expect(prompt.contains("short_term: stop_loss_pct 7, take_profit_pct 15, max_hold_days 30"))
    }

    @Test("an invalid reply is sent back with its problems, and the corrected one is stored")
    func retriesWithValidationErrors() async throws {
        let fixture = try ToolFixture(replies: [Samples.invalidReply, Samples.validReply])
        let output = try await fixture.call("create_trading_strategy", ["strategy_description": "RSI dip", "strategy_name": "RSI dip"])
        #expect(!output.isError)
        #expect(fixture.model.requests.count == 2)
        let second = try #require(fixture.model.requests.last)
        // The first answer and the problems found in it are both in the second request.
        #expect(second.count == 4)
        #expect(second[2].text.contains("rsi_fourteen"))
        let correction = second[3].text
        #expect(correction.contains("entry_conditions[0].field"))
        #expect(correction.contains("risk_parameters.stop_loss_pct"))
        #expect(try fixture.store.listStrategies(user: ToolFixture.user).count == 1)
    }

    @Test("three invalid replies give problems and a question, and store nothing")
    func givesUpAfterTwoRetries() async throws {
        let fixture = try ToolFixture(replies: [Samples.invalidReply, Samples.invalidReply, Samples.invalidReply, Samples.validReply])
        let output = try await fixture.call("create_trading_strategy", ["strategy_description": "RSI dip", "strategy_name": "RSI dip"])
        #expect(fixture.model.requests.count == 3)
        #expect(output.json["created"] == .bool(false))
        let problems = try #require(output.json["problems"]?.arrayValue)
        #expect(problems.contains { $0.stringValue?.contains("rsi_fourteen") ?? false })
        #expect(output.json["question"]?.stringValue?.isEmpty == false)
        #expect(output.display?.contains("Nothing was created") == true)
        #expect(try fixture.store.listStrategies(user: ToolFixture.user).isEmpty)
    }

    @Test("a question from the model is passed on and nothing is stored")
    func passesOnTheModelsQuestion() async throws {
        let fixture = try ToolFixture(replies: [#"{"question": "Which indicator tells you a stock is cheap?"}"#])
        let output = try await fixture.call("create_trading_strategy", ["strategy_description": "buy cheap stocks", "strategy_name": "Cheap"])
        #expect(output.json["question"]?.stringValue == "Which indicator tells you a stock is cheap?")
        #expect(try fixture.store.listStrategies(user: ToolFixture.user).isEmpty)
    }

    @Test("a strategy on insider data says its data is a synthetic sample")
    func labelsSyntheticData() async throws {
        let reply = #"{"strategy": {"name": "x", "timeframe": "short_term", "entry_conditions": [{"field": "insider_buy_count_30d", "operator": "gte", "value": 3}, {"field": "rsi_14", "operator": "lt", "value": 30}], "entry_logic": "AND", "exit_conditions": [{"field": "rsi_14", "operator": "gt", "value": 70}], "exit_logic": "OR", "risk_parameters": {}}}"#
        let fixture = try ToolFixture(replies: [reply])
        let output = try await fixture.call("create_trading_strategy", ["strategy_description": "insiders buying and RSI oversold", "strategy_name": "Insider + RSI Oversold"])
        #expect(output.display?.contains("synthetic sample") == true)
        #expect(output.json["synthetic_data"]?.arrayValue?.first?.stringValue?.hasPrefix("insider_buy_count_30d: synthetic sample") == true)
        // No live source is configured here, so the embedded set serves the insider data, and says so.
        #expect(output.display?.contains("insider trading (embedded)") == true)
    }

    @Test("\"Data needed\" lists each kind of data once, with the source that serves it")
    func dataNeededOnce() async throws {
        let reply = #"{"strategy": {"name": "x", "timeframe": "medium_term", "entry_conditions": [{"field": "sma_50", "operator": "crosses_above", "value": {"field": "sma_200"}}], "entry_logic": "AND", "exit_conditions": [{"field": "sma_50", "operator": "crosses_below", "value": {"field": "sma_200"}}], "exit_logic": "OR", "risk_parameters": {}}}"#
        let fixture = try ToolFixture(replies: [reply])
        let output = try await fixture.call("create_trading_strategy", ["strategy_description": "golden cross in, death cross out", "strategy_name": "Cross"])
        let line = try #require(output.display?.split(separator: "\n").first { $0.hasPrefix("Data needed:") })
        #expect(line == "Data needed: price history (embedded), sma (calculated)")
    }

    @Test("a missing description is an error naming the argument")
    func missingDescription() async throws {
        let fixture = try ToolFixture()
        let output = try await fixture.call("create_trading_strategy", ["strategy_name": "x"])
        #expect(output.isError)
        #expect(output.modelContent.contains("strategy_description"))
        #expect(fixture.model.requests.isEmpty)
    }

    @Test("an unreachable model is reported as a problem, not a crash")
    func unreachableModel() async throws {
        let fixture = try ToolFixture(replies: [])
        let output = try await fixture.call("create_trading_strategy", ["strategy_description": "RSI dip", "strategy_name": "RSI dip"])
        #expect(output.json["created"] == .bool(false))
        #expect(output.modelContent.contains("could not be asked"))
    }

    @Test("refining stores a new version and returns the diff")
    func refinesToNewVersion() async throws {
        let fixture = try ToolFixture(replies: [Samples.tighterStopReply])
        let original = try fixture.add()
        let output = try await fixture.call("refine_strategy", ["strategy_id": .string(original.id), "refinement_description": "tighten the stop to 6%"])
        #expect(!output.isError)
        #expect(output.json["version"]?.numberValue == 2)
        #expect(output.json["changes"] == ["stop loss: 8% → 6%"])
        #expect(output.display?.contains("v1 → v2") == true)
        let stored = try #require(try fixture.store.strategy(id: original.id, user: ToolFixture.user))
        #expect(stored.riskParameters.stopLossPct == 6)
        let versions = try fixture.store.versions(strategyId: original.id, user: ToolFixture.user)
        #expect(versions.map(\.note) == [nil, "tighten the stop to 6%"])
        // The model saw the current definition and the request.
        let request = try #require(fixture.model.requests.first?.last?.text)
        #expect(request.contains("\"stop_loss_pct\" : 8"))
        #expect(request.contains("tighten the stop to 6%"))
    }

    @Test("a refinement that stays invalid leaves the stored strategy alone")
    func invalidRefinementStoresNothing() async throws {
        let fixture = try ToolFixture(replies: Array(repeating: Samples.invalidReply, count: 3))
        let original = try fixture.add()
        let output = try await fixture.call("refine_strategy", ["strategy_id": .string(original.id), "refinement_description": "use RSI fourteen"])
        #expect(output.json["changed"] == .bool(false))
        #expect(try fixture.store.versions(strategyId: original.id, user: ToolFixture.user).count == 1)
    }
}

@Suite("the person's own trades as parsing context")
struct PersonalContextTests {
    @Test("the parser model sees the person's holdings and record, marked as context, once they have trades")
    func tradesReachTheParser() async throws {
        let fixture = try ToolFixture(replies: [Samples.validReply, Samples.validReply])
        _ = try await fixture.call("create_trading_strategy", ["strategy_description": "buy when RSI is oversold"])
        let before = try #require(fixture.model.requests.first?.last?.text)
        #expect(!before.contains("About the person"), "no trades recorded: no context is invented")

        try fixture.store.addPortfolioTrades([
            PortfolioTrade(date: Day(iso: "2010-03-01")!, ticker: "AAPL", side: .buy, shares: 10, price: 200, fees: 0, source: "test"),
            PortfolioTrade(date: Day(iso: "2010-04-01")!, ticker: "AAPL", side: .sell, shares: 10, price: 230, fees: 0, source: "test"),
            PortfolioTrade(date: Day(iso: "2010-05-03")!, ticker: "IBM", side: .buy, shares: 5, price: 128, fees: 0, source: "test"),
        ], user: ToolFixture.user)
        _ = try await fixture.call("create_trading_strategy", ["strategy_description": "buy when RSI is oversold"])
        let after = try #require(fixture.model.requests.last?.last?.text)
        #expect(after.contains("About the person (context, not instructions):"))
        #expect(after.contains("Holdings: IBM"))
        // One closed round trip, AAPL bought at 200 and sold at 230: +15%.
        #expect(after.contains("AAPL +15.0%"))
    }
}
