import Foundation
import Networking
import TestSupport
import Testing
@testable import AgentLoop

private let secret = "sk-test-9f8e7d6c5b4a3210ZYXW"

private func consume(_ stream: AsyncThrowingStream<ModelEvent, any Error>) async -> (events: [ModelEvent], error: (any Error)?) {
    var events: [ModelEvent] = []
    do {
        for try await event in stream { events.append(event) }
        return (events, nil)
    } catch {
        return (events, error)
    }
}

private func openAI(_ transport: FixtureTransport, key: String? = secret, timeout: TimeInterval = 120) -> OpenAIChatModel {
    OpenAIChatModel(model: "gpt-4o-mini", baseURL: URL(string: "http://127.0.0.1:9/v1/")!, apiKey: key, transport: transport, timeout: timeout)
}

private func anthropic(_ transport: FixtureTransport, timeout: TimeInterval = 120) -> AnthropicMessagesModel {
    AnthropicMessagesModel(
        model: "claude-sonnet-4-5", baseURL: URL(string: "http://127.0.0.1:9")!, apiKey: secret, transport: transport, timeout: timeout)
}

private let conversation: [ChatMessage] = [.system("Be brief."), .user("backtest it")]
private let spec = ToolSpec(
    name: "backtest_strategy", description: "Backtest a stored strategy.",
    parametersSchema: ["type": "object", "properties": ["strategy_id": ["type": "string"]], "required": ["strategy_id"]])

private func json(_ error: (any Error)?) -> String {
    (error as? any LocalizedError)?.errorDescription ?? "no error"
}

@Suite("Providers over HTTP")
struct ProviderHTTPTests {
    @Test("OpenAI: the tool-call fixture streams through the transport into complete calls")
    func openAIFixture() async throws {
        let transport = FixtureTransport([.body(Fixture.data("openai-tool-calls.sse"), headers: ["Content-Type": "text/event-stream"])])
        let (events, error) = await consume(openAI(transport).respond(to: conversation, tools: [spec]))
        #expect(error == nil)
        let calls = events.compactMap { if case .toolCall(let call) = $0 { call.name } else { nil } }
        #expect(calls == ["backtest_strategy", "list_user_strategies"])
        #expect(events.last == .done(.toolUse))

        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "http://127.0.0.1:9/v1/chat/completions")
        #expect(request.headers["Authorization"] == "Bearer \(secret)")
        let body = try AgentJSON.parse(try #require(request.body))
        #expect(body["model"] == "gpt-4o-mini")
        #expect(body["stream"] == true)
        #expect(body["stream_options"] == ["include_usage": true])
        #expect(body["messages"] == [["role": "system", "content": "Be brief."], ["role": "user", "content": "backtest it"]])
        #expect(body["tools"] == [[
            "type": "function",
            "function": ["name": "backtest_strategy", "description": "Backtest a stored strategy.", "parameters": spec.parametersSchema],
        ]])
    }

    @Test("OpenAI: with no key, no Authorization header is sent (keyless local servers)")
    func keyless() async throws {
        let transport = FixtureTransport([.body(Fixture.data("openai-text.sse"))])
        let (events, error) = await consume(openAI(transport, key: nil).respond(to: conversation, tools: []))
        #expect(error == nil)
        #expect(events.last == .done(.endTurn))
        let request = try #require(transport.requests.first)
        #expect(request.headers.keys.allSatisfy { $0.lowercased() != "authorization" })
        #expect(try AgentJSON.parse(try #require(request.body))["tools"] == nil, "no empty tools array")
    }

    @Test("OpenAI: tool calls and results map to assistant tool_calls and tool messages")
    func openAIHistory() throws {
        let history: [ChatMessage] = [
            .user("price?"),
            .assistant(text: "", toolCalls: [ToolCall(id: "c1", name: "get_price", argumentsJSON: #"{"ticker":"A"}"#)]),
            .toolResult(ToolResult(callId: "c1", name: "get_price", content: #"{"error":"no data"}"#, isError: true)),
        ]
        let request = try openAI(FixtureTransport([])).request(for: history, tools: [])
        let body = try AgentJSON.parse(try #require(request.body))
        #expect(body["messages"] == [
            ["role": "user", "content": "price?"],
            ["role": "assistant", "tool_calls": [["id": "c1", "type": "function", "function": ["name": "get_price", "arguments": #"{"ticker":"A"}"#]]]],
            ["role": "tool", "tool_call_id": "c1", "content": #"{"error":"no data"}"#],
        ])
    }

    @Test("Anthropic: the tool-use fixture streams through the transport; headers and body follow the messages API")
    func anthropicFixture() async throws {
        let transport = FixtureTransport([.body(Fixture.data("anthropic-tool-use.sse"), chunkSize: 61)])
        let history: [ChatMessage] = conversation + [
            .assistant(text: "Checking.", toolCalls: [
                ToolCall(id: "t1", name: "get_price", argumentsJSON: #"{"ticker":"A"}"#),
                ToolCall(id: "t2", name: "get_price", argumentsJSON: "not json"),
            ]),
            .toolResult(ToolResult(callId: "t1", name: "get_price", content: #"{"close":1}"#, isError: false)),
            .toolResult(ToolResult(callId: "t2", name: "get_price", content: #"{"error":"bad"}"#, isError: true)),
        ]
        let (events, error) = await consume(anthropic(transport).respond(to: history, tools: [spec]))
        #expect(error == nil)
        #expect(events.contains(.usage(TokenUsage(input: 2511, output: 91))))

        let request = try #require(transport.requests.first)
        #expect(request.url.absoluteString == "http://127.0.0.1:9/v1/messages")
        #expect(request.headers["x-api-key"] == secret)
        #expect(request.headers["anthropic-version"] == "2023-06-01")
        let body = try AgentJSON.parse(try #require(request.body))
        #expect(body["system"] == "Be brief.")
        #expect(body["stream"] == true)
        #expect(body["max_tokens"] == 4096)
        #expect(body["tools"] == [["name": "backtest_strategy", "description": "Backtest a stored strategy.", "input_schema": spec.parametersSchema]])
        #expect(body["messages"] == [
            ["role": "user", "content": [["type": "text", "text": "backtest it"]]],
            ["role": "assistant", "content": [
                ["type": "text", "text": "Checking."],
                ["type": "tool_use", "id": "t1", "name": "get_price", "input": ["ticker": "A"]],
                ["type": "tool_use", "id": "t2", "name": "get_price", "input": [:]],
            ]],
            ["role": "user", "content": [
                ["type": "tool_result", "tool_use_id": "t1", "content": #"{"close":1}"#],
                ["type": "tool_result", "tool_use_id": "t2", "content": #"{"error":"bad"}"#, "is_error": true],
            ]],
        ])
    }

    struct Failure: CustomTestStringConvertible, Sendable {
        var label: String
        var anthropic = false
        var status: Int
        var headers: [String: String] = [:]
        var body: String
        var expected: AgentError
        var fragments: [String]
        var testDescription: String { label }
    }

    static let failures = [
        Failure(
            label: "401 at OpenAI", status: 401,
            body: #"{"error":{"message":"Incorrect API key provided: sk-test-9f8e***ZYXW. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#,
            expected: .keyRejected(provider: "openai", status: 401, environmentVariable: "OPENAI_API_KEY", keySent: true),
            fragments: ["openai: key rejected (HTTP 401)", "Set OPENAI_API_KEY to a valid key"]),
        Failure(
            label: "403 at Anthropic", anthropic: true, status: 403,
            body: #"{"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission to use the specified resource."}}"#,
            expected: .keyRejected(provider: "anthropic", status: 403, environmentVariable: "ANTHROPIC_API_KEY", keySent: true),
            fragments: ["key rejected", "Set ANTHROPIC_API_KEY"]),
        Failure(
            label: "404 on the model", status: 404,
            body: #"{"error":{"message":"The model `gpt-4o-mini` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}"#,
            expected: .unknownModel(provider: "openai", model: "gpt-4o-mini"), fragments: ["unknown model gpt-4o-mini"]),
        Failure(
            label: "429 with Retry-After", status: 429, headers: ["retry-after": "7"],
            body: #"{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}"#,
            expected: .rateLimited(provider: "openai", retryAfterSeconds: 7), fragments: ["rate-limiting", "wait 7 s"]),
        Failure(
            label: "500", status: 500, body: #"{"error":{"message":"The server had an error while processing your request.","type":"server_error"}}"#,
            expected: .serverError(provider: "openai", status: 500, excerpt: "The server had an error while processing your request."),
            fragments: ["server error (HTTP 500)", "Try again"]),
        Failure(
            label: "context overflow at OpenAI", status: 400,
            body: #"{"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}"#,
            expected: .contextOverflow(provider: "openai", excerpt: "This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens."),
            fragments: ["too long for this model's context window", "/clear"]),
        Failure(
            label: "context overflow at Anthropic", anthropic: true, status: 400,
            body: #"{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 208310 tokens > 200000 maximum"}}"#,
            expected: .contextOverflow(provider: "anthropic", excerpt: "prompt is too long: 208310 tokens > 200000 maximum"),
            fragments: ["context window"]),
    ]

    @Test("an HTTP failure becomes a clear error that never shows the key", arguments: failures)
    func httpFailure(_ failure: Failure) async throws {
        let reply = FixtureTransport.Reply.body(Data(failure.body.utf8), status: failure.status, headers: failure.headers)
        let transport = FixtureTransport([reply])
        let model: any ChatModel = failure.anthropic ? anthropic(transport) : openAI(transport)
        let (events, error) = await consume(model.respond(to: conversation, tools: [spec]))
        #expect(events.isEmpty)
        #expect(error as? AgentError == failure.expected)
        let text = json(error)
        for fragment in failure.fragments {
            #expect(text.contains(fragment), "\(fragment) not in: \(text)")
        }
        #expect(!text.contains(secret) && !text.contains("sk-test"), "key in: \(text)")
    }

    @Test("401 with no key configured says a key is needed and where to put it")
    func missingKey() async throws {
        let transport = FixtureTransport([.body(Data(#"{"error":{"message":"You didn't provide an API key."}}"#.utf8), status: 401)])
        let (_, error) = await consume(openAI(transport, key: nil).respond(to: conversation, tools: []))
        #expect(json(error) == "openai: key rejected, none was given (HTTP 401). Set OPENAI_API_KEY.")
    }

    @Test("a stream cut in the middle of a tool call is a clear error")
    func cutMidToolCall() async throws {
        let whole = Fixture.data("openai-tool-calls.sse")
        let transport = FixtureTransport([.body(whole.prefix(whole.count / 2))])
        let (events, error) = await consume(openAI(transport).respond(to: conversation, tools: [spec]))
        #expect(!events.contains { if case .toolCall = $0 { true } else { false } }, "no half call escapes")
        #expect(json(error) == "the response from openai was cut off in the middle of a call to backtest_strategy. Try again; the conversation is kept.")
    }

    @Test("a connection lost mid-stream is reported as a cut answer, naming the call it cut")
    func transportDrop() async throws {
        let whole = Fixture.data("anthropic-tool-use.sse")
        let transport = FixtureTransport([.body(whole.prefix(whole.count / 2), ending: .fail(URLError(.networkConnectionLost)))])
        let (_, error) = await consume(anthropic(transport).respond(to: conversation, tools: []))
        #expect(error as? AgentError == .streamDropped(provider: "anthropic", detail: "in the middle of a call to backtest_strategy"))
    }

    @Test("a connection lost after the answer was complete is harmless")
    func dropAfterEnd() async throws {
        let transport = FixtureTransport([.body(Fixture.data("openai-text.sse"), ending: .fail(URLError(.networkConnectionLost)))])
        let (events, error) = await consume(openAI(transport).respond(to: conversation, tools: []))
        #expect(error == nil)
        #expect(events.last == .done(.endTurn))
    }

    @Test("a server that cannot be reached is named with its URL")
    func unreachable() async throws {
        let (_, error) = await consume(openAI(FixtureTransport([])).respond(to: conversation, tools: []))
        guard case .unreachable(let provider, let url, _)? = error as? AgentError else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(provider == "openai" && url == "http://127.0.0.1:9/v1/chat/completions")
        #expect(json(error).contains("Check the base URL"))
    }

    @Test("a stream that stalls past the timeout fails with a timeout, promptly")
    func stall() async throws {
        let whole = Fixture.data("anthropic-text.sse")
        let transport = FixtureTransport([.body(whole.prefix(400), ending: .stall)])
        let started = ContinuousClock.now
        let (_, error) = await consume(anthropic(transport, timeout: 0.3).respond(to: conversation, tools: []))
        let elapsed = ContinuousClock.now - started
        #expect(error as? AgentError == .timedOut(provider: "anthropic", seconds: 0.3))
        #expect(json(error).contains("sent nothing for 0.3 s"))
        #expect(elapsed >= .milliseconds(300), "the timeout never fires before its time")
    }

    @Test("cancelling the consumer ends the stream quietly, without waiting for the timeout")
    func cancelRequest() async throws {
        let transport = FixtureTransport([.body(Data(), ending: .stall)])
        // The stream stalls for good and the timeout is far off, so only the cancellation can end it
        // without an error (the timeout would end it with one).
        let model = openAI(transport, timeout: 600)
        let task = Task { await consume(model.respond(to: conversation, tools: [])) }
        #expect(await eventually { transport.requests.count == 1 })
        task.cancel()
        let (_, error) = await task.value
        #expect(error == nil || error is CancellationError)
    }

    @Test("a failed request inside a turn keeps the conversation, and the next turn succeeds")
    func loopKeepsConversation() async throws {
        let transport = FixtureTransport([
            .body(Data(#"{"error":{"message":"upstream down","type":"server_error"}}"#.utf8), status: 502),
            .body(Fixture.data("openai-text.sse")),
        ])
        let loop = AgentLoop(model: openAI(transport), tools: TestTools())
        let (_, error) = await collect(loop.run(userLine: "first"))
        #expect(error as? AgentError == .serverError(provider: "openai", status: 502, excerpt: "upstream down"))
        #expect(await loop.conversation == [.user("first")])
        let (events, again) = await collect(loop.run(userLine: "second"))
        #expect(again == nil)
        #expect(events.contains(.assistantMessage(text: "Your strategy buys when RSI(14) drops below 30 and sells above 70. Shall I backtest it?", toolCalls: [])))
        let body = try AgentJSON.parse(try #require(transport.requests[1].body))
        #expect(body["messages"] == [["role": "user", "content": "first"], ["role": "user", "content": "second"]])
    }

    @Test("descriptions and reflection of a model never show its key")
    func noKeyInDescriptions() {
        let models: [any ChatModel] = [openAI(FixtureTransport([])), anthropic(FixtureTransport([]))]
        for model in models {
            var dumped = ""
            dump(model, to: &dumped)
            for text in [String(describing: model), String(reflecting: model), dumped, model.name] {
                #expect(!text.contains(secret), "key in: \(text)")
            }
        }
    }
}
