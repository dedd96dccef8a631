import Foundation
import Networking
import Testing
import TestSupport
@testable import AgentLoop

/// Records the waits a retrying transport asks for, instead of sleeping.
private final class SleepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var waits: [TimeInterval] = []
    var recorded: [TimeInterval] { lock.withLock { waits } }
    func sleep(_ seconds: TimeInterval) async throws { lock.withLock { waits.append(seconds) } }
}

/// The fixture cut into SSE-agnostic pieces of `size` bytes, as a server would flush them.
private func pieces(_ name: String, size: Int = 113) -> [String] {
    let data = Fixture.data(name)
    return stride(from: 0, to: data.count, by: size).map {
        String(decoding: data.subdata(in: $0..<min($0 + size, data.count)), as: UTF8.self)
    }
}

private func consume(_ stream: AsyncThrowingStream<ModelEvent, any Error>) async -> (events: [ModelEvent], error: (any Error)?) {
    var events: [ModelEvent] = []
    do {
        for try await event in stream { events.append(event) }
        return (events, nil)
    } catch {
        return (events, error)
    }
}

private let key = "sk-loopback-0123456789abcdef"
private let conversation: [ChatMessage] = [.user("backtest it")]

@Suite("Providers against a real HTTP server on 127.0.0.1", .serialized)
struct ProviderLoopbackTests {
    private func transport(_ log: SleepLog, attempts: Int = 3) -> RetryingTransport {
        RetryingTransport(
            base: URLSessionTransport(), policy: RetryPolicy(maxAttempts: attempts, baseDelay: 1, jitter: 0), seed: 1,
            sleep: { try await log.sleep($0) })
    }

    @Test("OpenAI and Anthropic fixtures stream over a socket into the same events as from memory")
    func fixturesOverSocket() async throws {
        let server = try LoopbackHTTPServer(routes: [
            "/v1/chat/completions": [.eventStream(pieces("openai-tool-calls.sse"), pause: 0.002)],
            "/v1/messages": [.eventStream(pieces("anthropic-tool-use.sse", size: 37), pause: 0.002)],
        ])
        let log = SleepLog()
        let openAI = OpenAIChatModel(model: "gpt-4o-mini", baseURL: server.url("/v1"), apiKey: key, transport: transport(log))
        let anthropic = AnthropicMessagesModel(model: "claude-sonnet-4-5", baseURL: server.baseURL, apiKey: key, transport: transport(log))
        let (openAIEvents, openAIError) = await consume(openAI.respond(to: conversation, tools: []))
        let (anthropicEvents, anthropicError) = await consume(anthropic.respond(to: conversation, tools: []))
        #expect(openAIError == nil && anthropicError == nil)
        var decoder = OpenAIChat.StreamDecoder()
        #expect(openAIEvents == (try decoder.feed(Fixture.data("openai-tool-calls.sse"))) + (try decoder.finish()))
        var anthropicDecoder = AnthropicMessages.StreamDecoder()
        #expect(anthropicEvents == (try anthropicDecoder.feed(Fixture.data("anthropic-tool-use.sse"))) + (try anthropicDecoder.finish()))
        let received = server.requests
        #expect(received.first { $0.path == "/v1/chat/completions" }?.header("Authorization") == "Bearer \(key)")
        #expect(received.first { $0.path == "/v1/messages" }?.header("anthropic-version") == "2023-06-01")
        #expect(log.recorded.isEmpty)
    }

    @Test("401 says the key was rejected and names OPENAI_API_KEY, without the key")
    func unauthorized() async throws {
        let body = #"{"error":{"message":"Incorrect API key provided: sk-loopb***cdef.","type":"invalid_request_error","code":"invalid_api_key"}}"#
        let server = try LoopbackHTTPServer(routes: ["/v1/chat/completions": [.json(body, status: 401)]])
        let log = SleepLog()
        let model = OpenAIChatModel(model: "gpt-4o-mini", baseURL: server.url("/v1"), apiKey: key, transport: transport(log))
        let (_, error) = await consume(model.respond(to: conversation, tools: []))
        #expect(error as? AgentError == .keyRejected(provider: "openai", status: 401, environmentVariable: "OPENAI_API_KEY", keySent: true))
        #expect(server.requestCount == 1, "a rejected key is not retried")
        #expect(!(error?.localizedDescription.contains("sk-loop") ?? true))
    }

    @Test("429 with Retry-After is waited out, then the answer streams")
    func rateLimitedThenOK() async throws {
        let server = try LoopbackHTTPServer(routes: [
            "/v1/messages": [.tooManyRequests(retryAfter: "7"), .eventStream(pieces("anthropic-text.sse"), pause: 0.002)],
        ])
        let log = SleepLog()
        let model = AnthropicMessagesModel(model: "claude-sonnet-4-5", baseURL: server.baseURL, apiKey: key, transport: transport(log))
        let (events, error) = await consume(model.respond(to: conversation, tools: []))
        #expect(error == nil)
        #expect(events.last == .done(.endTurn))
        #expect(log.recorded == [7])
        #expect(server.requestCount(path: "/v1/messages") == 2)
    }

    @Test("500 is retried with backoff, then reported as a server error")
    func serverErrorExhausted() async throws {
        let server = try LoopbackHTTPServer(routes: ["/v1/chat/completions": [.serverError(500)]])
        let log = SleepLog()
        let model = OpenAIChatModel(model: "gpt-4o-mini", baseURL: server.url("/v1"), apiKey: nil, transport: transport(log, attempts: 3))
        let (_, error) = await consume(model.respond(to: conversation, tools: []))
        guard case .serverError(let provider, let status, _)? = error as? AgentError else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(provider == "openai" && status == 500)
        #expect(log.recorded == [1, 2], "backoff doubles from the 1 s base, no jitter")
        #expect(server.requestCount == 3)
    }

    @Test("a stream cut mid-tool-call on the wire is reported as cut, naming the call")
    func cutOnTheWire() async throws {
        let all = pieces("openai-tool-calls.sse")
        let server = try LoopbackHTTPServer(routes: ["/v1/chat/completions": [.eventStream(all, pause: 0.002, ending: .cut(after: all.count / 2))]])
        let model = OpenAIChatModel(model: "gpt-4o-mini", baseURL: server.url("/v1"), apiKey: nil, transport: transport(SleepLog()))
        let (events, error) = await consume(model.respond(to: conversation, tools: []))
        #expect(!events.contains { if case .toolCall = $0 { true } else { false } })
        #expect(error as? AgentError == .streamDropped(provider: "openai", detail: "in the middle of a call to backtest_strategy"))
    }

    @Test("a server that stalls past the timeout gives a timeout error")
    func stallOnTheWire() async throws {
        // The server sends one line and then nothing, ever: only the timeout can end the stream.
        let server = try LoopbackHTTPServer(routes: ["/v1/messages": [.eventStream(["event: ping\n"], pause: 0, ending: .stall)]])
        let model = AnthropicMessagesModel(
            model: "claude-sonnet-4-5", baseURL: server.baseURL, apiKey: key, transport: transport(SleepLog()), timeout: 0.5)
        let (_, error) = await consume(model.respond(to: conversation, tools: []))
        #expect(error as? AgentError == .timedOut(provider: "anthropic", seconds: 0.5))
    }

    @Test("keep-alive comments are not progress: a server that only sends them times out")
    func keepAliveIsNotProgress() async throws {
        let server = try LoopbackHTTPServer(
            routes: ["/v1/chat/completions": [.eventStream(Array(repeating: ": keep-alive\n\n", count: 4_000), pause: 0.05)]],
            lifetime: 600)
        defer { server.stop() }
        let model = OpenAIChatModel(model: "gpt-4o-mini", baseURL: server.url("/v1"), apiKey: nil, transport: transport(SleepLog()),
                                    timeout: 0.5)
        let (events, error) = await consume(model.respond(to: conversation, tools: []))
        #expect(events.isEmpty)
        #expect(error as? AgentError == .timedOut(provider: "openai", seconds: 0.5))
    }

    @Test("OPENAI_BASE_URL alone reaches a keyless local server, sending no Authorization header")
    func keylessLocalServer() async throws {
        let server = try LoopbackHTTPServer(routes: ["/v1/chat/completions": [.eventStream(pieces("openai-text.sse"), pause: 0.002)]])
        let choice = try ProviderChoice.resolve(
            flagProvider: nil, flagModel: nil, flagBaseURL: nil,
            env: ["OPENAI_BASE_URL": server.url("/v1").absoluteString, "STRATCHAT_MODEL": "llama3.1:8b"], config: [:])
        let model = try #require(choice.makeHTTPModel(apiKey: nil, transport: transport(SleepLog())))
        #expect(model.name == "openai:llama3.1:8b")
        let (events, error) = await consume(model.respond(to: conversation, tools: []))
        #expect(error == nil)
        #expect(events.last == .done(.endTurn))
        let request = try #require(server.requests.first)
        #expect(request.header("Authorization") == nil)
        #expect(try AgentJSON.parse(request.body)["model"] == "llama3.1:8b")
    }

    @Test("cancelling a turn hangs up on the server and keeps the conversation")
    func cancelHangsUp() async throws {
        let server = try LoopbackHTTPServer(routes: [
            "/v1/chat/completions": [.eventStream(pieces("openai-text.sse"), pause: 2)],
        ])
        let model = OpenAIChatModel(model: "m", baseURL: server.url("/v1"), apiKey: nil, transport: transport(SleepLog()), timeout: 30)
        let loop = AgentLoop(model: model, tools: TestTools())
        let turn = Task { await collect(loop.run(userLine: "hello")) }
        #expect(await eventually { server.requestCount == 1 })
        turn.cancel()
        let (events, _) = await turn.value
        await loop.settle()
        #expect(!events.contains { if case .assistantMessage = $0 { true } else { false } })
        #expect(await loop.conversation == [.user("hello")])
        #expect(await eventually { server.clientHangUps == 1 })
    }
}
