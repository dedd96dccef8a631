import Foundation
import TestSupport
import Testing
@testable import AgentLoop

@Suite("Transcripts: recording, reading, replaying and comparing")
struct TranscriptTests {
    /// Runs one loop turn with the scripted model wrapped for recording, and returns the log.
    private func recordedTurn() async throws -> TranscriptLog {
        let log = TranscriptLog()
        let recorder = TranscriptRecorder(log: log)
        recorder.session(model: "scripted:test", provider: "openai", version: "0.1.0", seed: 7, user: "ann", settings: ["capital": "100000"])
        let model = ScriptedModel([
            ScriptedModel.calls([ToolCall(id: "c1", name: "get_price", argumentsJSON: #"{"ticker":"AAPL"}"#)],
                                usage: TokenUsage(input: 50, output: 5)),
            ScriptedModel.answer("AAPL closed at 101.50.", usage: TokenUsage(input: 70, output: 8)),
        ])
        let loop = AgentLoop(model: RecordingModel(model, log: log), tools: TestTools())
        recorder.userLine("price of AAPL?")
        for try await event in loop.run(userLine: "price of AAPL?") { recorder.record(event) }
        return log
    }

    @Test("a turn is recorded in order: user line, each model response, tool call and result, assistant text, turn end")
    func recordsInOrder() async throws {
        let events = try await recordedTurn().events
        #expect(events.map(\.type) == [.session, .user, .modelResponse, .assistant, .toolCall, .toolResult, .modelResponse,
                                       .assistant, .turnEnd])
        let result = events[5]
        #expect(result.name == "get_price" && result.callId == "c1")
        #expect(result.content == #"{"close":101.5,"ticker":"AAPL"}"#)
        #expect(result.display == "AAPL 101.50")
        #expect(result.elapsedMs != nil)
        #expect(events[6].text == "AAPL closed at 101.50.")
        #expect(events[2].toolCalls?.first?.arguments == #"{"ticker":"AAPL"}"#)
        #expect(events.last?.usage == TokenUsage(input: 120, output: 13), "usage summed over the turn's two requests")
    }

    @Test("a replay model answers with the recorded responses in order, then says the recording ran out")
    func replayModel() async throws {
        let events = try await recordedTurn().events
        let replay = ReplayModel(events: events)
        #expect(replay.name == "replay:scripted:test")
        let tools = TestTools()
        let loop = AgentLoop(model: replay, tools: tools)
        var text = ""
        for try await event in loop.run(userLine: "price of AAPL?") {
            if case .assistantTextDelta(let delta) = event { text += delta }
        }
        #expect(text == "AAPL closed at 101.50.")
        #expect(tools.callsRun.map(\.argumentsJSON) == [#"{"ticker":"AAPL"}"#], "the recorded call ran against the live tool")
        await #expect(throws: AgentError.replayExhausted(recorded: 2)) {
            for try await _ in replay.respond(to: [], tools: []) {}
        }
    }

    @Test("JSON lines round-trip, and a bad line is an error naming the line")
    func readWrite() async throws {
        let log = try await recordedTurn()
        let text = log.events.map { try! $0.jsonLine() }.joined(separator: "\n")
        #expect(!text.contains("\n\n") && text.split(separator: "\n").count == log.events.count)
        let back = try TranscriptReader.parse(text)
        #expect(back.map { try! $0.jsonLine() }.joined(separator: "\n") == text, "times keep milliseconds, the rest is exact")
        let broken = text + "\n{\"type\": \"user\", \"text\": 3}\n"
        do {
            _ = try TranscriptReader.parse(broken, path: "s.jsonl")
            Issue.record("a bad line must be an error")
        } catch {
            #expect(error.errorDescription?.hasPrefix("cannot read the transcript s.jsonl (line \(log.events.count + 1))") == true)
        }
        #expect(throws: AgentError.self) { try TranscriptReader.parse(#"{"type":"user","text":"no header"}"#) }
    }

    @Test("seeded ids repeat for the same seed, differ for another, and look like UUIDs")
    func seededIds() {
        let first = SeededIds(seed: 42), again = SeededIds(seed: 42), other = SeededIds(seed: 43)
        let ids = (0..<3).map { _ in first.next() }
        #expect(ids == (0..<3).map { _ in again.next() })
        #expect(ids[0] != other.next())
        #expect(Set(ids).count == 3)
        #expect(UUID(uuidString: ids[0]) != nil && ids[0] == ids[0].lowercased())
    }

    @Test("comparison ignores ids and times of day but reports a changed number with its path")
    func comparison() {
        var recorded = TranscriptEvent(type: .toolResult)
        recorded.content = #"{"id":"0b7c1a2e-1111-4222-8333-444455556666","created_at":"2026-11-26T12:00:05.123Z","metrics":{"total_return":12.5}}"#
        recorded.display = "Backtest 0b7c1a2e at 2026-11-26 12:00 UTC\nTotal return 12.5%"
        recorded.isError = false
        let same = ToolOutput(
            modelContent: #"{"id":"9f9f9f9f-2222-4333-8444-555566667777","created_at":"2026-11-27T08:30:00Z","metrics":{"total_return":12.5}}"#,
            display: "Backtest 9f9f9f9f at 2026-11-27 08:30 UTC\nTotal return 12.5%")
        #expect(ToolResultComparison.differences(recorded: recorded, replayed: same).isEmpty)

        let changed = ToolOutput(
            modelContent: #"{"id":"0b7c1a2e-1111-4222-8333-444455556666","created_at":"2026-11-26T12:00:05.123Z","metrics":{"total_return":13.1}}"#,
            display: "Backtest 0b7c1a2e at 2026-11-26 12:00 UTC\nTotal return 13.1%")
        let found = ToolResultComparison.differences(recorded: recorded, replayed: changed)
        #expect(found == ["model JSON $.metrics.total_return: 12.5 → 13.1", "display line 2: Total return 12.5% → Total return 13.1%"])
    }

    @Test("a turn cancelled mid-request is recorded as such, and its replay ends cancelled too")
    func cancelledRequest() async throws {
        let log = TranscriptLog()
        let recorder = TranscriptRecorder(log: log)
        recorder.session(model: "scripted:test", provider: "openai", version: "0.1.0", seed: 1, user: "ann", settings: [:])
        let model = ScriptedModel([.hang])
        let loop = AgentLoop(model: RecordingModel(model, log: log), tools: TestTools())
        recorder.userLine("hello")
        let consumer = Task { for try await event in loop.run(userLine: "hello") { recorder.record(event) } }
        #expect(await eventually { model.requests.count == 1 })
        await loop.cancelCurrentTurn()
        try await consumer.value
        #expect(await eventually { log.events.contains { $0.type == .modelResponse } })
        let events = log.events
        #expect(events.first { $0.type == .modelResponse }?.error == "cancelled")
        #expect(events.contains { $0.type == .notice && $0.name == "cancelled" })
        #expect(events.last { $0.type == .turnEnd }?.outcome == "cancelled")

        let replay = AgentLoop(model: ReplayModel(events: events), tools: TestTools())
        var outcome: TurnOutcome?
        for try await event in replay.run(userLine: "hello") {
            if case .turnEnded(let summary) = event { outcome = summary.outcome }
        }
        #expect(outcome == .cancelled)
    }

    @Test("a tool cancelled while it runs is recorded with the outcome cancelled")
    func cancelledTool() async throws {
        let log = TranscriptLog()
        let recorder = TranscriptRecorder(log: log)
        let tools = TestTools()
        let loop = AgentLoop(model: ScriptedModel([ScriptedModel.calls([ToolCall(id: "s1", name: "slow", argumentsJSON: "{}")])]), tools: tools)
        let consumer = Task { for try await event in loop.run(userLine: "wait") { recorder.record(event) } }
        #expect(await eventually { tools.slowHasStarted })
        await loop.cancelCurrentTurn()
        try await consumer.value
        let result = try #require(log.events.first { $0.type == .toolResult })
        #expect(result.outcome == "cancelled" && result.isError == true)
    }
}
