import AgentLoop
import Foundation
import MarketData
import Store
import Tools

/// Plays a recorded session again: the model's side from the file, the tools live, in a temporary store
/// with the recording's id seed and clock. Every tool result is compared with the recorded one.
struct TranscriptReplayer {
    /// One tool result that came out differently.
    struct Difference: Hashable, Sendable, CustomStringConvertible {
        var turn: Int
        var tool: String
        var details: [String]

        var description: String {
            "turn \(turn), \(tool): " + details.joined(separator: "; ")
        }
    }

    let events: [TranscriptEvent]

    /// Runs every turn and returns the differences (empty when the replay matches the recording).
    /// `onTurn` shows progress: the line of each turn as it starts.
    func run(onTurn: (Int, String) -> Void = { _, _ in }) async throws -> [Difference] {
        let header = events.first { $0.type == .session } ?? TranscriptEvent(type: .session)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stratchat-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let clock = SessionClock(pinnedTo: header.at ?? Date(timeIntervalSince1970: 0))
        let ids = SeededIds(seed: header.seed ?? 0)
        let store = try StratStore.open(at: folder.appendingPathComponent(StratStore.fileName).path,
                                        now: { clock.now() }, makeId: { ids.next() })
        let user = header.user ?? "replay"
        try store.ensureUser(user)
        let model = ReplayModel(events: events)
        let recordedSettings = header.settings ?? [:]
        let toolbox = try SessionTools.toolbox(store: store, user: user, settings: SessionTools.toolSettings(recorded: recordedSettings),
                                               model: model, data: try MarketData.offline(storage: store),
                                               clock: clock, ids: ids)
        let answers = RecordedAnswers(events.filter { $0.type == .confirmation }.map { $0.answer ?? false })
        let confirming = ConfirmingTools(inner: toolbox, recorder: nil, describe: SessionTools.describer(store: store, user: user),
                                         confirm: { _ in answers.next() })
        let results = events.filter { $0.type == .toolResult }
        let tools = PinningTools(inner: confirming, recordedResults: results, clock: clock)
        let maxRounds = recordedSettings["max_rounds"].flatMap(Int.init) ?? 8
        let agent = AgentLoop(model: model, tools: tools, systemPrompt: try Prompts.system(), maxRounds: maxRounds)

        var pending = Dictionary(grouping: results) { $0.callId ?? "" }
        var differences: [Difference] = []
        var turn = 0
        var recordedError = false
        for (position, event) in events.enumerated() {
            if event.type == .notice, event.name == "clear" { await agent.clear() }
            guard event.type == .user, let line = event.text else { continue }
            turn += 1
            onTurn(turn, line)
            recordedError = events[(position + 1)...].prefix { $0.type != .user }.contains { $0.type == .notice && $0.name == "error" }
            if let at = event.at { clock.pin(at) }
            do {
                for try await loopEvent in agent.run(userLine: line) {
                    guard case .toolFinished(let call, let output) = loopEvent else { continue }
                    guard var queue = pending[call.id], !queue.isEmpty else {
                        differences.append(Difference(turn: turn, tool: call.name, details: ["this call is not in the recording"]))
                        continue
                    }
                    let recorded = queue.removeFirst()
                    pending[call.id] = queue
                    var details = ToolResultComparison.differences(recorded: recorded, replayed: output.recordable)
                    if recorded.name != call.name { details.insert("recorded \(recorded.name ?? "?"), replay ran \(call.name)", at: 0) }
                    if !details.isEmpty { differences.append(Difference(turn: turn, tool: call.name, details: details)) }
                }
            } catch {
                guard !recordedError else { continue }
                let message = (error as? any LocalizedError)?.errorDescription ?? "\(error)"
                differences.append(Difference(turn: turn, tool: "the turn", details: ["failed in the replay: \(message)"]))
                if case AgentError.replayExhausted = error { break }
            }
        }
        for (_, left) in pending.sorted(by: { $0.key < $1.key }) {
            for result in left {
                differences.append(Difference(turn: turn, tool: result.name ?? "?", details: ["recorded, but the replay never ran it"]))
            }
        }
        return differences
    }
}

/// The person's recorded yes/no answers, handed out in order (no once they run out).
final class RecordedAnswers: @unchecked Sendable {
    private var answers: [Bool]
    private let lock = NSLock()

    init(_ answers: [Bool]) { self.answers = answers }

    func next() -> Bool {
        lock.withLock { answers.isEmpty ? false : answers.removeFirst() }
    }
}
