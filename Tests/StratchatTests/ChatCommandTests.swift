import Foundation
import Testing
import TestSupport

/// OpenAI-compatible streaming responses, in the shape of the recorded fixtures in
/// Tests/AgentLoopTests/Fixtures (chunks of `chat.completion.chunk`, usage last, then `[DONE]`).
enum OpenAIStream {
    static func chunk(_ delta: String, finish: String? = nil) -> String {
        let reason = finish.map { "\"\($0)\"" } ?? "null"
        return #"data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1764165000,"model":"local-model","choices":[{"index":0,"delta":"# + delta + #","finish_reason":"# + reason + "}],\"usage\":null}\n\n"
    }

    static func usage(_ input: Int, _ output: Int) -> String {
        #"data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1764165000,"model":"local-model","choices":[],"usage":{"prompt_tokens":"# + "\(input),\"completion_tokens\":\(output),\"total_tokens\":\(input + output)}}\n\n"
    }

    /// A response calling `list_user_strategies`, its arguments split over two chunks.
    static let listCall = [
        chunk(#"{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_list","type":"function","function":{"name":"list_user_strategies","arguments":""}}]}"#),
        chunk(#"{"tool_calls":[{"index":0,"function":{"arguments":"{\"active_"}}]}"#),
        chunk(#"{"tool_calls":[{"index":0,"function":{"arguments":"only\": false}"}}]}"#),
        chunk("{}", finish: "tool_calls"),
        usage(900, 20),
        "data: [DONE]\n\n",
    ]

    /// A text answer in three pieces.
    static let answer = [
        chunk(#"{"role":"assistant","content":""}"#),
        chunk(#"{"content":"You have no strategies"}"#),
        chunk(#"{"content":" yet; describe one to start."}"#),
        chunk("{}", finish: "stop"),
        usage(1000, 12),
        "data: [DONE]\n\n",
    ]
}

@Suite("One-shot ask, recording, and the model flags through the executable", .serialized)
struct ChatCommandTests {
    static let fakeKey = "sk-fake-stratchat-test-0123456789"

    private func server() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer(routes: ["/v1/chat/completions": [
            .eventStream(OpenAIStream.listCall, pause: 0.005), .eventStream(OpenAIStream.answer, pause: 0.005),
        ]])
    }

    @Test("ask runs one turn against a local OpenAI-compatible server: a tool call, then the answer")
    func askLoopback() throws {
        let server = try server()
        defer { server.stop() }
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["ask", "--base-url", server.url("/v1").absoluteString, "--model", "local-model",
                                        "what strategies do I have?"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("You have no strategies yet; describe one to start."))
        #expect(server.requestCount(path: "/v1/chat/completions") == 2, "the tool result went back for the answer")
        let second = try #require(server.requests.last)
        let body = String(decoding: second.body, as: UTF8.self)
        #expect(body.contains("\"tool_call_id\":\"call_list\""), "the second request carries the tool's result")
        #expect(body.contains("\"model\":\"local-model\""))
    }

    @Test("with no key and no base URL, ask is answered by the built-in offline model")
    func askWithoutModel() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["ask", "create a strategy: buy when RSI is below 30, 8% stop"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Created strategy"))
        #expect(result.stdout.contains("Entry: RSI(14) < 30"))
        #expect(result.stdout.contains("8% stop loss"))
    }

    @Test("--record writes every event as JSON lines, and the key and authorization headers never appear")
    func recordHasNoKeys() throws {
        let server = try server()
        defer { server.stop() }
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let file = stratchat.home.appendingPathComponent("session.jsonl")
        let environment = ["OPENAI_API_KEY": Self.fakeKey, "OPENAI_BASE_URL": server.url("/v1").absoluteString]
        let result = try stratchat.run(["--record", file.path], input: "what strategies do I have?\n/tokens\n",
                                       extraEnvironment: environment)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(server.requests.first?.header("Authorization") == "Bearer \(Self.fakeKey)", "the key was really used")
        #expect(result.stdout.contains("This session: 1900 in, 32 out over 1 turn."))

        let text = try String(contentsOf: file, encoding: .utf8)
        for secret in [Self.fakeKey, "Authorization", "authorization", "x-api-key", "Bearer"] {
            #expect(!text.contains(secret), "the transcript holds \(secret)")
        }
        let types = text.split(separator: "\n").compactMap { line -> String? in
            guard let data = String(line).data(using: .utf8),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            return object["type"] as? String
        }
        #expect(types.count == text.split(separator: "\n").count, "every line is one JSON object")
        #expect(types == ["session", "user", "model_response", "assistant", "tool_call", "tool_result", "model_response",
                          "assistant", "turn_end"])
        #expect(text.contains("\"model\":\"openai:local-model\"") || text.contains("\"model\":\"openai:gpt-4o-mini\""))
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let replay = try stratchat.run(["replay", file.path])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.contains("1 turn, 1 tool result, no differences"))
        let shown = try stratchat.run(["replay", "--show", file.path])
        #expect(shown.stdout.contains("stratchat> what strategies do I have?"))
        #expect(shown.stdout.contains("You have no strategies yet; describe one to start."))
    }

    @Test("the config command shows the model flags beating the environment, which beats the config file")
    func flagPrecedence() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        try Data("model = \"anthropic:claude-sonnet-4-5\"\nbase_url = \"http://config.example/v1\"\n".utf8)
            .write(to: stratchat.home.appendingPathComponent("config.toml"))
        let environment = ["STRATCHAT_MODEL": "openai:gpt-4.1", "OPENAI_API_KEY": Self.fakeKey]

        let fromFile = try stratchat.run(["config", "--ascii"])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(row("provider", in: fromFile.stdout).contains("anthropic"))
        #expect(row("model", in: fromFile.stdout).contains("claude-sonnet-4-5"))
        #expect(row("base_url", in: fromFile.stdout).contains("http://config.example/v1"))

        let fromEnvironment = try stratchat.run(["config", "--ascii"], extraEnvironment: environment)
        #expect(row("provider", in: fromEnvironment.stdout).contains("openai"))
        #expect(row("model", in: fromEnvironment.stdout).contains("gpt-4.1"))
        #expect(row("model", in: fromEnvironment.stdout).contains("$STRATCHAT_MODEL"))

        let fromFlags = try stratchat.run(["config", "--ascii", "--model", "ollama:llama3.1", "--base-url", "http://gpu:11434/v1"],
                                          extraEnvironment: environment)
        #expect(row("provider", in: fromFlags.stdout).contains("openai"))
        #expect(row("model", in: fromFlags.stdout).contains("llama3.1"))
        #expect(row("model", in: fromFlags.stdout).contains("--model"))
        #expect(row("base_url", in: fromFlags.stdout).contains("http://gpu:11434/v1"))
        #expect(row("base_url", in: fromFlags.stdout).contains("--base-url"))
        #expect(!fromFlags.stdout.contains(Self.fakeKey))

        let conflicting = try stratchat.run(["config", "--provider", "anthropic", "--model", "openai:gpt-4.1"])
        #expect(conflicting.status == 2)
        #expect(conflicting.stderr.contains("--provider says anthropic but --model openai:gpt-4.1 means openai"))
    }

    /// The table row for a setting (`| model | … |`).
    private func row(_ name: String, in table: String) -> String {
        table.split(separator: "\n").first { $0.hasPrefix("| \(name) ") }.map(String.init) ?? ""
    }
}
