import AgentLoop
import Foundation
import Store
import Testing
import Tools
@testable import stratchat

/// A chat session in-process, its model answering from responses written here.
@MainActor
@Suite("The chat session: confirmation, /model, /tokens, /history, /clear")
struct ChatSessionTests {
    /// A model response as a transcript would hold it.
    static func response(_ text: String = "", calls: [(String, String, String)] = [], withTools: Bool = true,
                         usage: TokenUsage = TokenUsage(input: 100, output: 10)) -> TranscriptEvent {
        var event = TranscriptEvent(type: .modelResponse)
        event.text = text
        event.withTools = withTools
        event.usage = usage
        event.toolCalls = calls.isEmpty ? nil
            : calls.map { TranscriptEvent.Call(ToolCall(id: $0.0, name: $0.1, argumentsJSON: $0.2)) }
        return event
    }

    static let strategyReply = #"{"strategy": {"name": "RSI dip", "timeframe": "short_term", "entry_conditions": [{"field": "rsi_14", "operator": "lt", "value": 35}], "entry_logic": "AND", "exit_conditions": [{"field": "rsi_14", "operator": "gt", "value": 60}], "exit_logic": "OR", "risk_parameters": {"stop_loss_pct": 8}}, "assumptions": []}"#

    /// Creates "RSI dip", then asks to delete it with confirm: true.
    static let createThenDelete: [TranscriptEvent] = [
        TranscriptEvent(type: .session),
        response(calls: [("c1", "create_trading_strategy", #"{"strategy_description":"rsi below 35","strategy_name":"RSI dip"}"#)],
                 usage: TokenUsage(input: 1000, output: 50)),
        response(strategyReply, withTools: false, usage: TokenUsage(input: 2000, output: 100)),
        response("Created RSI dip.", usage: TokenUsage(input: 1100, output: 5)),
        response(calls: [("c2", "delete_strategy", #"{"strategy_id":"RSI dip","confirm":true}"#)]),
        response("Done."),
    ]

    final class Fixture {
        let home: URL
        let console = RecordingConsole()
        let context: ChatContext
        let session: ChatSession

        @MainActor
        init(events: [TranscriptEvent], makeModel: @escaping @Sendable (ProviderChoice) -> (any ChatModel)? = { _ in nil }) throws {
            home = FileManager.default.temporaryDirectory.appendingPathComponent("stratchat-session-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            let paths = AppPaths(home: home, userConfig: home.appendingPathComponent("none.toml"))
            let settings = try SettingsLoader(paths: paths, environment: HostEnvironment(variables: [:], homeDirectory: home)).load()
            context = ChatContext(user: "tester", paths: paths, console: console, style: .plain, commands: .standard)
            session = ChatSession(context: context, settings: settings, model: ReplayModel(events: events), makeModel: makeModel, seed: 1)
            context.session = session
        }

        deinit { try? FileManager.default.removeItem(at: home) }

        @MainActor
        func slash(_ line: String) async throws {
            let (name, arguments) = ChatShell.split(line)
            _ = try await context.commands.command(named: name)!.run(arguments, context)
        }
    }

    @Test("delete_strategy with confirm: true asks the person; no keeps the strategy, and the answer is recorded")
    func declinedDelete() async throws {
        let fixture = try Fixture(events: Self.createThenDelete)
        let questions = QuestionLog()
        fixture.session.confirm = { question in questions.add(question); return false }
        try await fixture.session.answer("create an RSI dip strategy")
        try await fixture.session.answer("delete it")
        let asked = questions.all
        #expect(asked.count == 1)
        #expect(asked.first?.hasPrefix("Delete \"RSI dip\" (") == true && asked.first?.hasSuffix("(y/N) ") == true)
        #expect(try fixture.context.store().listStrategies(user: "tester").map(\.name) == ["RSI dip"])
        let result = try #require(fixture.session.log.events.last { $0.type == .toolResult })
        #expect(result.isError == true && result.content?.contains("declined") == true)
        #expect(fixture.session.log.events.contains { $0.type == .confirmation && $0.answer == false })
    }

    @Test("a yes deletes it")
    func confirmedDelete() async throws {
        let fixture = try Fixture(events: Self.createThenDelete)
        fixture.session.confirm = { _ in true }
        try await fixture.session.answer("create an RSI dip strategy")
        try await fixture.session.answer("delete it")
        #expect(try fixture.context.store().listStrategies(user: "tester").isEmpty)
        #expect(fixture.console.output.contains("Deleted \"RSI dip\""))
    }

    @Test("y and yes are a yes; anything else, an empty line included, is a no", arguments: [
        ("y", true), ("YES", true), (" yes ", true), ("", false), ("n", false), ("sure", false),
    ])
    func yesOrNo(answer: String, expected: Bool) {
        #expect(ConfirmingTools.isYes(answer) == expected)
    }

    @Test("/tokens sums usage per turn and per session; /history lists the conversation; /clear empties it")
    func tokensHistoryClear() async throws {
        let fixture = try Fixture(events: Self.createThenDelete)
        try await fixture.session.answer("create an RSI dip strategy")
        try await fixture.slash("/tokens")
        // The turn's two agent requests: 1000+1100 in, 50+5 out (the parser's request is the tool's own).
        #expect(fixture.console.output.hasSuffix("Last turn: 2100 in, 55 out. This session: 2100 in, 55 out over 1 turn.\n"))
        try await fixture.slash("/history")
        #expect(fixture.console.output.contains("you: create an RSI dip strategy\nassistant: (calls create_trading_strategy)\n  create_trading_strategy: done\nassistant: Created RSI dip.\n"))
        try await fixture.slash("/clear")
        try await fixture.slash("/history")
        #expect(fixture.console.output.hasSuffix("The conversation is empty.\n"))
    }

    @Test("/save writes the session as a transcript replay reads; /export writes Markdown")
    func saveAndExport() async throws {
        let fixture = try Fixture(events: Self.createThenDelete)
        try await fixture.session.answer("create an RSI dip strategy")
        let saved = fixture.home.appendingPathComponent("s.jsonl"), exported = fixture.home.appendingPathComponent("s.md")
        try await fixture.slash("/save \(saved.path)")
        try await fixture.slash("/export \(exported.path)")
        let events = try TranscriptReader.read(saved)
        #expect(events.map(\.type) == fixture.session.log.events.map(\.type))
        let markdown = try String(contentsOf: exported, encoding: .utf8)
        #expect(markdown.contains("> create an RSI dip strategy\n\n`create_trading_strategy`:\n\n```\nCreated strategy \"RSI dip\""))
        #expect(markdown.contains("Created RSI dip."))
        await #expect(throws: ChatError.self) { try await fixture.slash("/export") }
    }

    @Test("/model shows the model and switches by the provider rule, offline included")
    func model() async throws {
        let fixture = try Fixture(events: Self.createThenDelete) { choice in
            choice.provider == .offline ? OfflineModel() as any ChatModel : ReplayModel(events: [TranscriptEvent(type: .session).with(model: choice.qualifiedName)])
        }
        try await fixture.slash("/model ollama:llama3.1")
        #expect(fixture.console.output.contains("Now using openai:llama3.1 at http://localhost:11434/v1; the conversation carries over."))
        #expect(fixture.session.slot.name == "replay:openai:llama3.1")
        #expect(fixture.session.log.events.last?.type == .modelSwitch)
        try await fixture.slash("/model")
        #expect(fixture.console.output.contains("Model: openai:llama3.1 at http://localhost:11434/v1 — openai: --model ollama:llama3.1 names it"))
        try await fixture.slash("/model offline")
        #expect(fixture.session.slot.name == "offline", "the built-in offline model needs no key")
    }
}

/// Questions asked, kept across the confirmation closure's threads.
final class QuestionLog: @unchecked Sendable {
    private let lock = NSLock()
    private var questions: [String] = []
    func add(_ question: String) { lock.withLock { questions.append(question) } }
    var all: [String] { lock.withLock { questions } }
}

extension TranscriptEvent {
    func with(model: String) -> TranscriptEvent {
        var copy = self
        copy.model = model
        return copy
    }
}
