import AgentLoop
import Foundation
import Store
import StrategyCore
import Testing
@testable import Tools

/// A conversation run through the real agent loop and toolbox (in-memory store, embedded data) with the
/// offline model, one turn at a time, keeping what each turn did.
struct OfflineSession {
    struct Turn {
        var line: String
        var calls: [ToolCall] = []
        var outputs: [ToolOutput] = []
        var text = ""
        var deltas: [String] = []
    }

    let fixture: ToolFixture
    let loop: AgentLoop
    var turns: [Turn] = []

    init() throws {
        fixture = try ToolFixture(offline: true)
        loop = AgentLoop(model: OfflineModel(), tools: fixture.toolbox, systemPrompt: try Prompts.system())
    }

    @discardableResult
    mutating func say(_ line: String) async throws -> Turn {
        var turn = Turn(line: line)
        for try await event in loop.run(userLine: line) {
            switch event {
            case .assistantTextDelta(let delta): turn.deltas.append(delta)
            case .assistantMessage(let text, _): turn.text += (turn.text.isEmpty || text.isEmpty ? "" : "\n\n") + text
            case .toolFinished(let call, let output):
                turn.calls.append(call)
                turn.outputs.append(output)
            default: break
            }
        }
        turns.append(turn)
        return turn
    }

    /// Every tool result the model has read so far, as text.
    var allResults: [String] { turns.flatMap { $0.outputs.map(\.modelContent) } }

    /// Numbers written in the assistant's text that appear in no tool result: none may.
    ///
    /// Numbers are read with one pattern from both sides and compared by value, so "+34.2%" in the text
    /// matches 34.2 in the JSON and "$12,300" matches 12300. The sign is dropped: a drawdown the tools store
    /// as a positive 8.4 is written "-8.4%".
    func inventedNumbers() -> [String] {
        let known = Set(allResults.flatMap { Self.numbers(in: $0) })
        var invented: [String] = []
        for turn in turns {
            for number in Self.numbers(in: turn.text) where !known.contains(number) {
                invented.append("\(number) in \"\(turn.text)\"")
            }
        }
        return invented
    }

    static func numbers(in text: String) -> [Double] {
        OfflineRequestDetails.matches(#"\d+(?:,\d{3})*(?:\.\d+)?"#, in: text).compactMap {
            Double($0.replacingOccurrences(of: ",", with: ""))
        }
    }
}

extension ToolCall {
    var arguments: AgentJSON { (try? AgentJSON.parse(argumentsJSON)) ?? .null }
}

@Suite("The offline model holds a conversation through the real loop and tools")
struct OfflineConversationTests {
    @Test("create, backtest, refine twice, signals, compare: the calls, their arguments, the stored versions, no invented numbers")
    func scriptedConversation() async throws {
        var session = try OfflineSession()

        let create = try await session.say("Create a strategy: buy when RSI is below 30 and the price is above the 200-day average")
        #expect(create.calls.map(\.name) == ["create_trading_strategy"])
        #expect(create.calls[0].arguments["strategy_description"] == "buy when RSI is below 30 and the price is above the 200-day average")
        #expect(create.calls[0].arguments["strategy_name"] == "RSI Oversold + Above SMA(200)")
        #expect(create.calls[0].id == "offline-1")
        let id = try #require(create.outputs[0].json["strategy_id"]?.stringValue)
        #expect(create.text.contains("a medium-term strategy that buys when RSI(14) < 30 AND close > SMA(200), sells on"))
        #expect(create.text.hasSuffix("Want me to backtest it?"))

        let backtest = try await session.say("backtest it on AAPL and MSFT since 2015")
        #expect(backtest.calls.map(\.name) == ["backtest_strategy"])
        #expect(backtest.calls[0].arguments == ["strategy_id": .string(id), "tickers": ["AAPL", "MSFT"], "start_date": "2015-01-01"])
        #expect(backtest.outputs[0].isError == false)
        #expect(backtest.text.contains("total return"))

        let tighten = try await session.say("tighten the stop to 6%")
        #expect(tighten.calls.map(\.name) == ["refine_strategy"])
        #expect(tighten.calls[0].arguments == ["strategy_id": .string(id), "refinement_description": "tighten the stop to 6%"])
        #expect(tighten.outputs[0].json["version"] == 2)
        #expect(tighten.text.contains("from v1 to v2"))

        let volume = try await session.say("also add a condition that volume is above 1M")
        #expect(volume.calls.map(\.name) == ["refine_strategy"])
        #expect(volume.calls[0].arguments["refinement_description"] == "add a condition that volume is above 1M")
        #expect(volume.outputs[0].json["version"] == 3)

        let signals = try await session.say("show me signals for that one")
        #expect(signals.calls.map(\.name) == ["get_strategy_signals"])
        #expect(signals.calls[0].arguments == ["strategy_id": .string(id)])
        #expect(signals.outputs[0].isError == false)

        let compare = try await session.say("compare them")
        #expect(compare.calls.map(\.name) == ["compare_strategies"])
        #expect(compare.calls[0].arguments == ["timeframe": "all"])
        #expect(compare.text.contains("side by side"))

        // The store holds three versions: created, stop 6%, volume above 1M.
        let stored = try #require(try session.fixture.store.strategy(id: id, user: ToolFixture.user))
        #expect(stored.version == 3)
        #expect(stored.riskParameters.stopLossPct == 6)
        #expect(stored.entryConditions.contains { $0.field == "volume" && $0.operator == .gt && $0.value == .number(1_000_000) })
        #expect(try session.fixture.store.versions(strategyId: id, user: ToolFixture.user).count == 3)
        #expect(session.inventedNumbers() == [])
        // Tool call ids count up over the conversation.
        #expect(session.turns.flatMap(\.calls).map(\.id) == (1...6).map { "offline-\($0)" })
    }

    @Test("the headline flow: insiders and oversold RSI are explained back, and \"yes\" runs the offered backtest")
    func headlineFlow() async throws {
        var session = try OfflineSession()
        let create = try await session.say("Create a strategy: buy when insiders are buying and RSI is oversold")
        #expect(create.calls.map(\.name) == ["create_trading_strategy"])
        #expect(create.calls[0].arguments["strategy_name"] == "Insider Buying + RSI Oversold")
        // The rules explained back in a sentence; the tool's display above it lists them with every
        // value filled in, and the text points there rather than repeating the list.
        #expect(create.text.hasPrefix("Created \"Insider Buying + RSI Oversold\""))
        #expect(create.text.contains("buys when insider buys (30d) >= 1 AND RSI(14) < 30, sells on 10% stop loss OR 25% take profit OR 90 days max hold, and puts 5% of portfolio in each position."))
        #expect(create.text.contains("filled in as listed above"))
        let display = try #require(create.outputs[0].display)
        #expect(display.contains("Entry: insider buys (30d) >= 1 AND RSI(14) < 30"))
        #expect(display.contains("RSI period 14 by default"))
        #expect(!create.text.contains("RSI period 14 by default"), "the filled-in values are not listed twice")
        #expect(create.text.contains("insider_buy_count_30d is a synthetic sample"))
        #expect(create.text.hasSuffix("Want me to backtest it?"))

        let yes = try await session.say("yes")
        #expect(yes.calls.map(\.name) == ["backtest_strategy"])
        #expect(yes.calls[0].arguments == ["strategy_id": create.outputs[0].json["strategy_id"] ?? .null])
        #expect(yes.outputs[0].isError == false)
        #expect(yes.text.contains("Backtest of \"Insider Buying + RSI Oversold\" v1"))
        #expect(yes.text.contains("synthetic sample"))
        #expect(yes.text.hasSuffix("Want to see today's signals from it, or refine it (a tighter stop, another condition)?"))
        #expect(session.inventedNumbers() == [])
    }

    @Test("a vague idea gets the parser's question, and the answer creates the strategy")
    func questionThenAnswer() async throws {
        var session = try OfflineSession()
        let vague = try await session.say("buy good stocks")
        #expect(vague.calls.map(\.name) == ["create_trading_strategy"])
        #expect(vague.outputs[0].json["created"] == false)
        let question = try #require(vague.outputs[0].json["question"]?.stringValue)
        #expect(vague.text.contains(question))
        #expect(try session.fixture.store.listStrategies(user: ToolFixture.user).isEmpty)

        let answer = try await session.say("buy when RSI is below 30 and the price is above the 200-day average")
        #expect(answer.calls.map(\.name) == ["create_trading_strategy"])
        #expect(answer.outputs[0].json["created"] == true)
        #expect(try session.fixture.store.listStrategies(user: ToolFixture.user).count == 1)
        #expect(session.inventedNumbers() == [])
    }

    @Test("the same conversation gives the same responses, byte for byte")
    func deterministic() async throws {
        func run() async throws -> [String] {
            var session = try OfflineSession()
            for line in ["Create a strategy: buy when insiders are buying and RSI is oversold", "yes", "tighten the stop to 6%", "show it"] {
                try await session.say(line)
            }
            return session.turns.map { $0.text + "|" + $0.calls.map { $0.id + $0.name + $0.argumentsJSON }.joined() }
        }
        let first = try await run()
        let second = try await run()
        #expect(first == second)
        #expect(first.count == 4)
    }
}
