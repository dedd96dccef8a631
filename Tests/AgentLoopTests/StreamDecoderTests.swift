import Foundation
import Testing
@testable import AgentLoop

/// Feeds a fixture to a fresh decoder in the given chunks and returns the events, or the error.
private func decode<D: ProviderStreamDecoder>(_ decoder: D, _ chunks: [Data]) -> Result<[ModelEvent], any Error> {
    var decoder = decoder
    var events: [ModelEvent] = []
    do {
        for chunk in chunks { events += try decoder.feed(chunk) }
        events += try decoder.finish()
        return .success(events)
    } catch {
        return .failure(error)
    }
}

private func bytes(_ data: Data) -> [Data] {
    data.map { Data([$0]) }
}

private func split(_ data: Data, at offset: Int) -> [Data] {
    [data.prefix(offset), data.suffix(from: data.startIndex + offset)]
}

/// Joins adjacent text deltas, since how text is cut into deltas is the provider's business.
private func joined(_ events: [ModelEvent]) -> [ModelEvent] {
    var result: [ModelEvent] = []
    for event in events {
        if case .textDelta(let more) = event, case .textDelta(let text)? = result.last {
            result[result.count - 1] = .textDelta(text + more)
        } else {
            result.append(event)
        }
    }
    return result
}

/// The arguments `make_fixtures.py` split into fragments, written out whole.
private let backtestArguments = #"{"strategy_id": "st_42", "tickers": ["AAPL", "MSFT"], "start_date": "2015-01-01", "note": "café ☕ \"quoted\""}"#
private let backtestObject: AgentJSON = [
    "strategy_id": "st_42", "tickers": ["AAPL", "MSFT"], "start_date": "2015-01-01", "note": "café ☕ \"quoted\"",
]
private let explanation = "Your strategy buys when RSI(14) drops below 30 and sells above 70. Shall I backtest it?"

struct DecoderCase: CustomTestStringConvertible, Sendable {
    var fixture: String
    var anthropic: Bool
    var expected: [ModelEvent]
    var testDescription: String { fixture }

    func fresh() -> any ProviderStreamDecoder {
        anthropic ? AnthropicMessages.StreamDecoder() : OpenAIChat.StreamDecoder()
    }
}

@Suite("Provider stream decoders")
struct StreamDecoderTests {
    static let cases = [
        DecoderCase(
            fixture: "openai-text.sse", anthropic: false,
            expected: [.textDelta(explanation), .usage(TokenUsage(input: 1183, output: 19)), .done(.endTurn)]),
        DecoderCase(
            fixture: "openai-tool-calls.sse", anthropic: false,
            expected: [
                .toolCall(ToolCall(id: "call_Vx3kP9sQm2Lw8RtY", name: "backtest_strategy", argumentsJSON: backtestArguments)),
                .toolCall(ToolCall(id: "call_Hb6nT1dZc4Fq0WeJ", name: "list_user_strategies", argumentsJSON: "{}")),
                .usage(TokenUsage(input: 2210, output: 64)), .done(.toolUse),
            ]),
        DecoderCase(
            fixture: "anthropic-text.sse", anthropic: true,
            expected: [.textDelta(explanation), .usage(TokenUsage(input: 1310, output: 24)), .done(.endTurn)]),
        // Input counts cached tokens too: 2411 + 100 read from the cache.
        DecoderCase(
            fixture: "anthropic-tool-use.sse", anthropic: true,
            expected: [
                .textDelta("I'll backtest it on both tickers."),
                .toolCall(ToolCall(id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", name: "backtest_strategy", argumentsJSON: backtestArguments)),
                .toolCall(ToolCall(id: "toolu_01QdR8wFz2yKc5Hn4VbM9sLe", name: "list_user_strategies", argumentsJSON: "{}")),
                .usage(TokenUsage(input: 2511, output: 91)), .done(.toolUse),
            ]),
    ]

    @Test("decodes each fixture whole into the expected events", arguments: cases)
    func whole(_ testCase: DecoderCase) throws {
        let data = Fixture.data(testCase.fixture)
        #expect(!data.isEmpty)
        let events = try decode(testCase.fresh(), [data]).get()
        #expect(joined(events) == testCase.expected)
    }

    @Test("gives the same events when fed one byte at a time, or split at every byte boundary", arguments: cases)
    func everyBoundary(_ testCase: DecoderCase) async throws {
        let data = Fixture.data(testCase.fixture)
        let reference = try decode(testCase.fresh(), [data]).get()
        #expect(try decode(testCase.fresh(), bytes(data)).get() == reference)
        for offset in 0...data.count {
            // Yield now and then: this loop is long, and timing tests share the thread pool.
            if offset % 64 == 0 { await Task.yield() }
            let events = try decode(testCase.fresh(), split(data, at: offset)).get()
            if events != reference {
                Issue.record("split at byte \(offset) changed the events")
                return
            }
        }
    }

    @Test("the assembled arguments are the JSON object that was split into fragments")
    func argumentsParse() throws {
        #expect(try AgentJSON.parse(backtestArguments) == backtestObject)
    }

    @Test("a stream cut short is an error, naming the tool when cut inside a call", arguments: cases)
    func cutShort(_ testCase: DecoderCase) async throws {
        let data = Fixture.data(testCase.fixture)
        let end = testCase.anthropic ? "message_stop" : "finish_reason\":\""
        guard let complete = data.range(of: Data(end.utf8))?.lowerBound else {
            Issue.record("fixture has no \(end)")
            return
        }
        for length in stride(from: 0, to: complete - 40, by: 5) {
            await Task.yield()
            guard case .failure(let error) = decode(testCase.fresh(), [data.prefix(length)]) else {
                Issue.record("a stream cut at byte \(length) was accepted")
                return
            }
            guard case .streamDropped = error as? AgentError else {
                Issue.record("cut at \(length) gave \(error)")
                return
            }
        }
        if testCase.fixture.contains("tool") {
            // Half-way through, both fixtures are inside the backtest call's argument fragments.
            let middle = data.count / 2
            let error = decode(testCase.fresh(), [data.prefix(middle)])
            guard case .failure(let failure) = error else { Issue.record("accepted"); return }
            #expect(failure.localizedDescription.contains("cut off in the middle of a call to backtest_strategy"))
        }
    }

    @Test("an error event inside an Anthropic stream is reported with its type and message")
    func anthropicErrorEvent() {
        let body = """
            event: message_start
            data: {"type":"message_start","message":{"usage":{"input_tokens":10,"output_tokens":1}}}

            event: error
            data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}


            """
        let result = decode(AnthropicMessages.StreamDecoder(), [Data(body.utf8)])
        guard case .failure(let error) = result else { Issue.record("accepted"); return }
        #expect(error as? AgentError == .streamError(provider: "anthropic", message: "overloaded_error: Overloaded"))
    }

    @Test("an OpenAI-compatible server numbering every call 0 still gives separate calls")
    func reusedIndex() throws {
        let body = """
            data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"a","function":{"name":"get_price","arguments":"{\\"ticker\\":\\"A\\"}"}}]}}]}

            data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"b","function":{"name":"get_price","arguments":"{\\"ticker\\":\\"B\\"}"}}]}}]}

            data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

            data: [DONE]


            """
        let events = try decode(OpenAIChat.StreamDecoder(), [Data(body.utf8)]).get()
        #expect(events == [
            .toolCall(ToolCall(id: "a", name: "get_price", argumentsJSON: #"{"ticker":"A"}"#)),
            .toolCall(ToolCall(id: "b", name: "get_price", argumentsJSON: #"{"ticker":"B"}"#)),
            .done(.toolUse),
        ])
    }

    @Test("an error object inside an OpenAI-compatible stream is reported")
    func openAIErrorChunk() {
        let body = "data: {\"error\":{\"message\":\"model crashed\",\"code\":500}}\n\n"
        guard case .failure(let error) = decode(OpenAIChat.StreamDecoder(), [Data(body.utf8)]) else {
            Issue.record("accepted")
            return
        }
        #expect(error as? AgentError == .streamError(provider: "openai", message: "model crashed"))
    }

    @Test("a body that is not a chat stream at all is called unreadable, not dropped")
    func htmlBody() {
        let body = "data: <html>proxy error</html>\n\n"
        guard case .failure(let error) = decode(OpenAIChat.StreamDecoder(), [Data(body.utf8)]) else {
            Issue.record("accepted")
            return
        }
        guard case .malformedStream = error as? AgentError else { Issue.record("\(error)"); return }
    }

    @Test("a server that repeats running usage totals in every chunk is counted once, with the last totals")
    func runningUsage() throws {
        let body = """
            data: {"choices":[{"index":0,"delta":{"content":"Hi"}}],"usage":{"prompt_tokens":12,"completion_tokens":1}}

            data: {"choices":[{"index":0,"delta":{"content":"!"},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":2}}

            data: [DONE]


            """
        let events = try decode(OpenAIChat.StreamDecoder(), [Data(body.utf8)]).get()
        #expect(events == [.textDelta("Hi"), .textDelta("!"), .usage(TokenUsage(input: 12, output: 2)), .done(.endTurn)])
    }

    @Test("a server that omits [DONE] after a finished choice is accepted")
    func noDoneMarker() throws {
        let body = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}\n\n"
        let events = try decode(OpenAIChat.StreamDecoder(), [Data(body.utf8)]).get()
        #expect(events == [.textDelta("Hi"), .done(.endTurn)])
    }
}
