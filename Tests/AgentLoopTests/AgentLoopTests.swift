import Foundation
import TestSupport
import Testing
@testable import AgentLoop

@Suite("The tool-calling loop")
struct AgentLoopTests {
    let tools = TestTools()

    private func call(_ id: String, _ name: String, _ arguments: String) -> ToolCall {
        ToolCall(id: id, name: name, argumentsJSON: arguments)
    }

    @Test("runs tools over several rounds until the model answers in text")
    func multiToolTurn() async throws {
        let model = ScriptedModel([
            ScriptedModel.calls([call("c1", "get_price", #"{"ticker":"AAPL"}"#)]),
            ScriptedModel.calls([call("c2", "compare", #"{"ids":["a","b"],"metric":"sharpe"}"#)]),
            ScriptedModel.answer("Strategy a has the better Sharpe."),
        ])
        let loop = AgentLoop(model: model, tools: tools, systemPrompt: "You help traders.")
        let (events, error) = await collect(loop.run(userLine: "compare a and b"))
        #expect(error == nil)
        #expect(tools.callsRun.map(\.name) == ["get_price", "compare"])
        #expect(model.requests.count == 3)
        let conversation = await loop.conversation
        #expect(conversation == [
            .system("You help traders."),
            .user("compare a and b"),
            .assistant(text: "", toolCalls: [call("c1", "get_price", #"{"ticker":"AAPL"}"#)]),
            .toolResult(ToolResult(callId: "c1", name: "get_price", content: #"{"close":101.5,"ticker":"AAPL"}"#, isError: false)),
            .assistant(text: "", toolCalls: [call("c2", "compare", #"{"ids":["a","b"],"metric":"sharpe"}"#)]),
            .toolResult(ToolResult(callId: "c2", name: "compare", content: #"{"best":"a"}"#, isError: false)),
            .assistant(text: "Strategy a has the better Sharpe.", toolCalls: []),
        ])
        // The second request carried the first tool result, so the model saw it.
        #expect(model.requests[1].last == conversation[3])
        let text = events.compactMap { if case .assistantTextDelta(let piece) = $0 { piece } else { nil } }.joined()
        #expect(text == "Strategy a has the better Sharpe.")
        guard case .turnEnded(let summary) = events.last else { Issue.record("no turnEnded"); return }
        #expect(summary.outcome == .answered)
        #expect(summary.rounds == 3)
    }

    @Test("runs several calls from one response in order, each with its own result")
    func parallelCalls() async throws {
        let calls = [
            call("p1", "get_price", #"{"ticker":"AAPL"}"#),
            call("p2", "get_price", #"{"ticker":"MSFT"}"#),
            call("p3", "get_price", #"{"ticker":"NVDA","days":5}"#),
        ]
        let model = ScriptedModel([ScriptedModel.calls(calls), ScriptedModel.answer("Done.")])
        let loop = AgentLoop(model: model, tools: tools)
        let (events, error) = await collect(loop.run(userLine: "prices please"))
        #expect(error == nil)
        #expect(tools.callsRun.map(\.id) == ["p1", "p2", "p3"])
        let toolEvents = events.filter {
            switch $0 {
            case .toolStarted, .toolFinished: true
            default: false
            }
        }
        #expect(toolEvents.count == 6)
        if case .toolStarted(let first) = toolEvents[0], case .toolFinished(let firstDone, let output) = toolEvents[1] {
            #expect(first.id == "p1" && firstDone.id == "p1")
            #expect(output.display == "AAPL 101.50")
        } else {
            Issue.record("events not paired in order: \(toolEvents)")
        }
        let results = await loop.conversation.compactMap { if case .toolResult(let result) = $0 { result.callId } else { nil } }
        #expect(results == ["p1", "p2", "p3"])
    }

    struct BadCall: CustomTestStringConvertible, Sendable {
        var label: String
        var call: ToolCall
        var expectedFragments: [String]
        var testDescription: String { label }
    }

    static let badCalls = [
        BadCall(
            label: "malformed JSON", call: ToolCall(id: "b", name: "get_price", argumentsJSON: #"{"ticker": "AAPL",}"#),
            expectedFragments: ["not valid JSON", "trailing comma", "offset 18", "arguments_received"]),
        BadCall(
            label: "unknown tool", call: ToolCall(id: "b", name: "get_prise", argumentsJSON: #"{"ticker":"AAPL"}"#),
            expectedFragments: ["unknown tool", #""did_you_mean":"get_price""#, #""valid_tools":["get_price","compare","slow","explode"]"#]),
        BadCall(
            label: "wrong type", call: ToolCall(id: "b", name: "get_price", argumentsJSON: #"{"ticker": 5}"#),
            expectedFragments: [#""path":"$.ticker""#, "expected a string, found a number"]),
        BadCall(
            label: "missing required argument", call: ToolCall(id: "b", name: "get_price", argumentsJSON: #"{"days": 3}"#),
            expectedFragments: [#""path":"$.ticker""#, "required but missing"]),
        BadCall(
            label: "value outside the enum", call: ToolCall(id: "b", name: "compare", argumentsJSON: #"{"ids":["a","b"],"metric":"alpha"}"#),
            expectedFragments: [#""path":"$.metric""#, #"\"alpha\" is not one of \"sharpe\", \"total_return\""#]),
        BadCall(
            label: "wrong item type deep inside", call: ToolCall(id: "b", name: "compare", argumentsJSON: #"{"ids":["a",7],"metric":"sharpe"}"#),
            expectedFragments: [#""path":"$.ids[1]""#, "expected a string"]),
        BadCall(
            label: "arguments not an object", call: ToolCall(id: "b", name: "get_price", argumentsJSON: #"["AAPL"]"#),
            expectedFragments: ["must be a JSON object, found an array"]),
        BadCall(
            label: "handler throws", call: ToolCall(id: "b", name: "explode", argumentsJSON: "{}"),
            expectedFragments: ["explode failed: the data source is unavailable"]),
    ]

    @Test("turns each kind of bad call into an error result the model reads and corrects", arguments: badCalls)
    func badCall(_ bad: BadCall) async throws {
        let model = ScriptedModel([ScriptedModel.calls([bad.call]), ScriptedModel.answer("Sorry, fixed.")])
        let loop = AgentLoop(model: model, tools: tools)
        let (events, error) = await collect(loop.run(userLine: "go"))
        #expect(error == nil)
        guard model.requests.count == 2, case .toolResult(let result)? = model.requests[1].last else {
            Issue.record("the model never saw a result")
            return
        }
        #expect(result.isError)
        #expect(result.callId == "b")
        #expect((try? AgentJSON.parse(result.content))?["error"] != nil, "content is JSON with an error: \(result.content)")
        for fragment in bad.expectedFragments {
            #expect(result.content.contains(fragment), "\(fragment) not in \(result.content)")
        }
        if case .turnEnded(let summary) = events.last { #expect(summary.outcome == .answered) }
        let handlerRan = tools.callsRun.contains { $0.name == bad.call.name }
        #expect(handlerRan == (bad.call.name == "explode"), "only a valid call reaches its handler")
    }

    @Test("stops after the round cap and says so")
    func roundCap() async throws {
        let steps = (1...5).map { ScriptedModel.calls([call("r\($0)", "get_price", #"{"ticker":"T\#($0)"}"#)]) }
        let model = ScriptedModel(steps)
        let loop = AgentLoop(model: model, tools: tools, maxRounds: 3)
        let (events, error) = await collect(loop.run(userLine: "loop forever"))
        #expect(error == nil)
        #expect(model.requests.count == 3)
        #expect(events.contains(.roundCapReached(limit: 3)))
        guard case .turnEnded(let summary) = events.last else { Issue.record("no end"); return }
        #expect(summary.outcome == .roundCapReached)
        #expect(everyCallAnswered(await loop.conversation))
    }

    @Test("the default round cap is 8")
    func defaultRoundCap() async {
        let loop = AgentLoop(model: ScriptedModel([]), tools: tools)
        #expect(loop.maxRounds == 8)
    }

    @Test("ends the turn with a plain message when the same call fails three times in a row")
    func repeatedFailure() async throws {
        let bad = call("x", "get_price", #"{"ticker": 5}"#)
        let respaced = call("y", "get_price", #"{ "ticker" : 5 }"#)
        let model = ScriptedModel([
            ScriptedModel.calls([bad]), ScriptedModel.calls([respaced]), ScriptedModel.calls([bad, call("z", "get_price", #"{"ticker":"A"}"#)]),
            ScriptedModel.answer("never asked"),
        ])
        let loop = AgentLoop(model: model, tools: tools)
        let (events, error) = await collect(loop.run(userLine: "go"))
        #expect(error == nil)
        #expect(model.requests.count == 3)
        let message = events.compactMap { if case .repeatedFailure(_, let text) = $0 { text } else { nil } }.first
        #expect(message?.contains("get_price failed 3 times in a row") == true)
        guard case .turnEnded(let summary) = events.last else { Issue.record("no end"); return }
        #expect(summary.outcome == .repeatedFailure)
        // The call after the third failure was not run but still has a result.
        #expect(!tools.callsRun.contains { $0.id == "z" })
        let conversation = await loop.conversation
        #expect(everyCallAnswered(conversation))
        if case .toolResult(let skipped)? = conversation.last { #expect(skipped.callId == "z" && skipped.isError) }
    }

    @Test("different failing calls, or a success in between, do not stop the turn")
    func failuresThatDiffer() async throws {
        let model = ScriptedModel([
            ScriptedModel.calls([call("a", "get_price", #"{"ticker": 1}"#)]),
            ScriptedModel.calls([call("b", "get_price", #"{"ticker": 2}"#)]),
            ScriptedModel.calls([call("c", "get_price", #"{"ticker": 1}"#)]),
            ScriptedModel.answer("ok"),
        ])
        let loop = AgentLoop(model: model, tools: tools)
        let (events, _) = await collect(loop.run(userLine: "go"))
        guard case .turnEnded(let summary) = events.last else { Issue.record("no end"); return }
        #expect(summary.outcome == .answered)
    }

    // The slow tool runs until it is cancelled; the limit turns a cancellation that never arrives into a failure.
    @Test("cancelling mid-tool stops the tool, answers every open call with cancelled, and the next turn works",
          .timeLimit(.minutes(5)))
    func cancelMidTool() async throws {
        let model = ScriptedModel([
            ScriptedModel.calls([call("s1", "slow", "{}"), call("s2", "get_price", #"{"ticker":"AAPL"}"#)]),
            ScriptedModel.answer("Back again."),
        ])
        let loop = AgentLoop(model: model, tools: tools)
        let turn = Task { await collect(loop.run(userLine: "do the slow thing")) }
        #expect(await eventually { tools.slowHasStarted })
        turn.cancel()
        _ = await turn.value
        await loop.settle()

        #expect(tools.slowWasCancelled)
        #expect(!tools.callsRun.contains { $0.id == "s2" })
        let conversation = await loop.conversation
        #expect(everyCallAnswered(conversation))
        let results = conversation.compactMap { if case .toolResult(let result) = $0 { result } else { nil } }
        #expect(results.map(\.callId) == ["s1", "s2"])
        #expect(results.allSatisfy { $0.isError && $0.content.contains("cancelled") })

        let (events, error) = await collect(loop.run(userLine: "are you there?"))
        #expect(error == nil)
        #expect(events.contains(.assistantMessage(text: "Back again.", toolCalls: [])))
        let next = model.requests[1]
        #expect(everyCallAnswered(next))
        // Both wire formats accept it: OpenAI pairs ids, Anthropic gets one user message with both results.
        let openAI = OpenAIChat.messages(from: next)
        #expect(openAI.map(\.role) == ["user", "assistant", "tool", "tool", "user"])
        let anthropic = AnthropicMessages.messages(from: next)
        #expect(anthropic.map(\.role) == ["user", "assistant", "user"])
        #expect(anthropic[2].content.count == 3, "two tool results and the new line in one user message")
    }

    @Test("cancelCurrentTurn, as Ctrl-C does, reports the cancellation to the consumer")
    func cancelFromOutside() async throws {
        let model = ScriptedModel([ScriptedModel.calls([call("s1", "slow", "{}")])])
        let loop = AgentLoop(model: model, tools: tools)
        let turn = Task { await collect(loop.run(userLine: "wait")) }
        #expect(await eventually { tools.slowHasStarted })
        await loop.cancelCurrentTurn()
        let (events, error) = await turn.value
        #expect(error == nil)
        #expect(events.contains(.cancelled))
        guard case .turnEnded(let summary) = events.last else { Issue.record("no end"); return }
        #expect(summary.outcome == .cancelled)
        #expect(everyCallAnswered(await loop.conversation))
    }

    @Test("cancelling while the model is answering cancels the request and adds no partial message")
    func cancelMidRequest() async throws {
        let model = ScriptedModel([.hang])
        let loop = AgentLoop(model: model, tools: tools)
        let turn = Task { await collect(loop.run(userLine: "hello")) }
        #expect(await eventually { model.requests.count == 1 })
        turn.cancel()
        _ = await turn.value
        await loop.settle()
        #expect(await eventually { model.cancelledCount == 1 })
        #expect(await loop.conversation == [.user("hello")])
    }

    @Test("a failing model throws its error and keeps the user line without a half answer")
    func modelFailureKeepsConversation() async throws {
        let failure = AgentError.serverError(provider: "openai", status: 503, excerpt: "overloaded")
        let model = ScriptedModel([.fail(failure), ScriptedModel.answer("Hi.")])
        let loop = AgentLoop(model: model, tools: tools)
        let (_, error) = await collect(loop.run(userLine: "first"))
        #expect(error as? AgentError == failure)
        #expect(await loop.conversation == [.user("first")])
        let (_, again) = await collect(loop.run(userLine: "second"))
        #expect(again == nil)
        #expect(model.requests[1] == [.user("first"), .user("second")])
    }

    @Test("sums usage per turn and per session")
    func usage() async throws {
        let model = ScriptedModel([
            ScriptedModel.calls([call("u1", "get_price", #"{"ticker":"A"}"#)], usage: TokenUsage(input: 1000, output: 20)),
            ScriptedModel.answer("one", usage: TokenUsage(input: 1100, output: 30)),
            ScriptedModel.answer("two", usage: TokenUsage(input: 1200, output: 5)),
        ])
        let loop = AgentLoop(model: model, tools: tools)
        let (first, _) = await collect(loop.run(userLine: "a"))
        let (second, _) = await collect(loop.run(userLine: "b"))
        guard case .turnEnded(let one) = first.last, case .turnEnded(let two) = second.last else {
            Issue.record("turns did not end")
            return
        }
        #expect(one.usage == TokenUsage(input: 2100, output: 50))
        #expect(one.sessionUsage == TokenUsage(input: 2100, output: 50))
        #expect(two.usage == TokenUsage(input: 1200, output: 5))
        #expect(two.sessionUsage == TokenUsage(input: 3300, output: 55))
        #expect(await loop.sessionUsage == TokenUsage(input: 3300, output: 55))
    }

    @Test("switching the model keeps the conversation")
    func switchModel() async throws {
        let first = ScriptedModel([ScriptedModel.answer("from one")])
        let second = ScriptedModel([ScriptedModel.answer("from two")])
        let loop = AgentLoop(model: first, tools: tools)
        _ = await collect(loop.run(userLine: "a"))
        await loop.use(model: second)
        _ = await collect(loop.run(userLine: "b"))
        #expect(second.requests.first == [.user("a"), .assistant(text: "from one", toolCalls: []), .user("b")])
    }

    @Test("clear keeps only the system prompt, and the session's usage")
    func clear() async throws {
        let model = ScriptedModel([ScriptedModel.answer("hi", usage: TokenUsage(input: 7, output: 3))])
        let loop = AgentLoop(model: model, tools: tools, systemPrompt: "Be brief.")
        _ = await collect(loop.run(userLine: "hello"))
        await loop.clear()
        #expect(await loop.conversation == [.system("Be brief.")])
        #expect(await loop.sessionUsage == TokenUsage(input: 7, output: 3))
    }
}
