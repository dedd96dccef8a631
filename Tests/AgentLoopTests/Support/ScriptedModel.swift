import Foundation
@testable import AgentLoop

/// A model that answers from a script, one step per request, and remembers what it was sent.
final class ScriptedModel: ChatModel, @unchecked Sendable {
    enum Step {
        case events([ModelEvent])
        case fail(any Error)
        /// Sends nothing until the request is cancelled.
        case hang
    }

    let name = "scripted:test"
    private let lock = NSLock()
    private var steps: [Step]
    private var received: [[ChatMessage]] = []
    private var cancelledRequests = 0

    init(_ steps: [Step]) {
        self.steps = steps
    }

    /// Conversations sent, one per request.
    var requests: [[ChatMessage]] { lock.withLock { received } }
    var cancelledCount: Int { lock.withLock { cancelledRequests } }

    func respond(to conversation: [ChatMessage], tools: [ToolSpec]) -> AsyncThrowingStream<ModelEvent, any Error> {
        let step: Step = lock.withLock {
            received.append(conversation)
            return steps.isEmpty ? .fail(ScriptError.exhausted) : steps.removeFirst()
        }
        let (stream, continuation) = AsyncThrowingStream<ModelEvent, any Error>.makeStream()
        switch step {
        case .events(let events):
            for event in events { continuation.yield(event) }
            continuation.finish()
        case .fail(let error):
            continuation.finish(throwing: error)
        case .hang:
            continuation.onTermination = { [self] termination in
                if case .cancelled = termination { lock.withLock { cancelledRequests += 1 } }
            }
        }
        return stream
    }

    enum ScriptError: Error {
        case exhausted
    }

    /// A response asking for `calls`, with usage.
    static func calls(_ calls: [ToolCall], usage: TokenUsage = TokenUsage(input: 100, output: 10)) -> Step {
        .events(calls.map(ModelEvent.toolCall) + [.usage(usage), .done(.toolUse)])
    }

    /// A text answer, streamed in two pieces.
    static func answer(_ text: String, usage: TokenUsage = TokenUsage(input: 100, output: 10)) -> Step {
        let middle = text.index(text.startIndex, offsetBy: text.count / 2)
        return .events([.textDelta(String(text[..<middle])), .textDelta(String(text[middle...])), .usage(usage), .done(.endTurn)])
    }
}

/// Tools for the loop tests: a price lookup, a comparison with an enum, and a slow tool.
final class TestTools: ToolExecutor, @unchecked Sendable {
    let specs: [ToolSpec] = [
        ToolSpec(
            name: "get_price", description: "Latest close for a ticker.",
            parametersSchema: [
                "type": "object",
                "properties": ["ticker": ["type": "string"], "days": ["type": "integer", "minimum": 1]],
                "required": ["ticker"],
            ]),
        ToolSpec(
            name: "compare", description: "Compare strategies by a metric.",
            parametersSchema: [
                "type": "object",
                "properties": [
                    "ids": ["type": "array", "items": ["type": "string"], "minItems": 2],
                    "metric": ["type": "string", "enum": ["sharpe", "total_return"]],
                ],
                "required": ["ids", "metric"],
                "additionalProperties": false,
            ]),
        ToolSpec(name: "slow", description: "Waits a long time.", parametersSchema: ["type": "object"]),
        ToolSpec(name: "explode", description: "Always throws.", parametersSchema: ["type": "object"]),
    ]

    private let lock = NSLock()
    private var ran: [ToolCall] = []
    private var slowStarted = false
    private var slowSawCancellation = false

    var callsRun: [ToolCall] { lock.withLock { ran } }
    var slowHasStarted: Bool { lock.withLock { slowStarted } }
    var slowWasCancelled: Bool { lock.withLock { slowSawCancellation } }

    struct Boom: LocalizedError {
        var errorDescription: String? { "the data source is unavailable" }
    }

    func run(_ call: ToolCall) async throws -> ToolOutput {
        lock.withLock { ran.append(call) }
        switch call.name {
        case "get_price":
            let arguments = try AgentJSON.parse(call.argumentsJSON)
            let ticker = arguments["ticker"]?.stringValue ?? "?"
            return ToolOutput(modelContent: #"{"close":101.5,"ticker":"\#(ticker)"}"#, display: "\(ticker) 101.50")
        case "compare":
            return ToolOutput(modelContent: #"{"best":"a"}"#, display: "a wins")
        case "slow":
            lock.withLock { slowStarted = true }
            // Runs until the turn is cancelled, however long that takes: the stream is never fed, so its loop
            // ends only when the task iterating it is cancelled.
            let (never, feed) = AsyncStream.makeStream(of: Void.self)
            for await _ in never {}
            feed.finish()  // used after the loop, so the stream stays open while it runs
            if Task.isCancelled { lock.withLock { slowSawCancellation = true } }
            throw CancellationError()
        default:
            throw Boom()
        }
    }
}

/// Every event of a turn, or the error it ended with.
func collect(_ stream: AsyncThrowingStream<LoopEvent, any Error>) async -> (events: [LoopEvent], error: (any Error)?) {
    var events: [LoopEvent] = []
    do {
        for try await event in stream { events.append(event) }
        return (events, nil)
    } catch {
        return (events, error)
    }
}

/// True when every tool call in the conversation has exactly one result, after it and before the next user line.
func everyCallAnswered(_ conversation: [ChatMessage]) -> Bool {
    var open: Set<String> = []
    for message in conversation {
        switch message {
        case .assistant(_, let calls):
            guard open.isEmpty else { return false }
            open = Set(calls.map(\.id))
        case .toolResult(let result):
            guard open.remove(result.callId) != nil else { return false }
        case .user, .system:
            guard open.isEmpty else { return false }
        }
    }
    return open.isEmpty
}
