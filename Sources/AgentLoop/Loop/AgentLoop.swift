/// Runs turns of a conversation: sends it to the model, runs the tools the model asks for,
/// and repeats until the model answers in text.
///
/// An actor because it owns the conversation, which a turn, the REPL and `/model` all touch.
/// Turns run one after another: a new turn waits for the previous one, including the
/// clean-up after a cancellation, so every request sees a consistent conversation.
package actor AgentLoop {
    package private(set) var conversation: [ChatMessage]
    package private(set) var sessionUsage = TokenUsage.zero
    package private(set) var model: any ChatModel
    package nonisolated let maxRounds: Int
    let tools: any ToolExecutor
    private var currentTurn: Task<Void, Never>?

    /// How many times the same failing call may come back before the turn is stopped.
    static let repeatedFailureLimit = 3

    package init(
        model: any ChatModel, tools: any ToolExecutor, systemPrompt: String? = nil, maxRounds: Int = 8,
        conversation: [ChatMessage] = []
    ) {
        self.model = model
        self.tools = tools
        self.maxRounds = max(1, maxRounds)
        var start = conversation
        if let systemPrompt, !start.contains(where: { if case .system = $0 { true } else { false } }) {
            start.insert(.system(systemPrompt), at: 0)
        }
        self.conversation = start
    }

    /// Switches the model for the following turns; the conversation carries over.
    package func use(model: any ChatModel) {
        self.model = model
    }

    /// Starts over: forgets everything but the system prompt. Session usage is kept.
    /// Waits for a running turn first, so its clean-up cannot land in the new conversation.
    package func clear() async {
        await currentTurn?.value
        conversation.removeAll { if case .system = $0 { false } else { true } }
    }

    /// Runs one turn for the person's line. Cancelling the task that consumes the stream
    /// (or calling `cancelCurrentTurn`) cancels the model request and the running tool.
    /// The stream throws an `AgentError` when the model fails; the user line stays in the
    /// conversation and no partial assistant message is added.
    package nonisolated func run(userLine: String) -> AsyncThrowingStream<LoopEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<LoopEvent, any Error>.makeStream()
        let starter = Task { await self.startTurn(userLine, continuation) }
        continuation.onTermination = { termination in
            if case .cancelled = termination { starter.cancel() }
        }
        return stream
    }

    /// Cancels the running turn, if any, as Ctrl-C does.
    package func cancelCurrentTurn() {
        currentTurn?.cancel()
    }

    /// Waits until the running turn, including its clean-up after a cancellation, is over.
    package func settle() async {
        await currentTurn?.value
    }

    private func startTurn(_ line: String, _ continuation: AsyncThrowingStream<LoopEvent, any Error>.Continuation) async {
        let previous = currentTurn
        let turn = Task {
            await previous?.value
            await self.performTurn(line, continuation)
        }
        currentTurn = turn
        await withTaskCancellationHandler {
            await turn.value
        } onCancel: {
            turn.cancel()
        }
    }

    private func performTurn(_ line: String, _ continuation: AsyncThrowingStream<LoopEvent, any Error>.Continuation) async {
        conversation.append(.user(line))
        var turnUsage = TokenUsage.zero
        var rounds = 0
        var streak = FailureStreak()

        func end(_ outcome: TurnOutcome) {
            if outcome == .cancelled { continuation.yield(.cancelled) }
            let summary = TurnSummary(usage: turnUsage, sessionUsage: sessionUsage, rounds: rounds, outcome: outcome)
            continuation.yield(.turnEnded(summary))
            continuation.finish()
        }

        while true {
            if Task.isCancelled { return end(.cancelled) }
            if rounds == maxRounds {
                continuation.yield(.roundCapReached(limit: maxRounds))
                return end(.roundCapReached)
            }
            rounds += 1

            var text = ""
            var calls: [ToolCall] = []
            do {
                for try await event in model.respond(to: conversation, tools: tools.specs) {
                    switch event {
                    case .textDelta(let delta):
                        text += delta
                        continuation.yield(.assistantTextDelta(delta))
                    case .toolCall(let call):
                        calls.append(call)
                    case .usage(let usage):
                        turnUsage += usage
                        sessionUsage += usage
                        continuation.yield(.usage(usage))
                    case .done:
                        break
                    }
                }
            } catch {
                if Task.isCancelled || error is CancellationError { return end(.cancelled) }
                continuation.finish(throwing: error)
                return
            }
            if Task.isCancelled { return end(.cancelled) }

            calls = Self.withUniqueIds(calls, round: rounds)
            conversation.append(.assistant(text: text, toolCalls: calls))
            continuation.yield(.assistantMessage(text: text, toolCalls: calls))
            if calls.isEmpty { return end(.answered) }

            for (position, call) in calls.enumerated() {
                if Task.isCancelled {
                    answerUnrun(calls[position...], with: Self.cancelledOutput)
                    return end(.cancelled)
                }
                continuation.yield(.toolStarted(call))
                var output = await execute(call)
                if Task.isCancelled { output = Self.cancelledOutput }
                conversation.append(.toolResult(ToolResult(call: call, output: output)))
                continuation.yield(.toolFinished(call, output))
                if Task.isCancelled {
                    answerUnrun(calls[(position + 1)...], with: Self.cancelledOutput)
                    return end(.cancelled)
                }
                if streak.record(call, failed: output.isError) >= Self.repeatedFailureLimit {
                    answerUnrun(calls[(position + 1)...], with: Self.skippedOutput)
                    let reason = output.display ?? output.modelContent
                    let message = "Stopped: \(call.name) failed \(Self.repeatedFailureLimit) times in a row with the same arguments (\(reason)). Try rephrasing the request."
                    continuation.yield(.repeatedFailure(call, message: message))
                    return end(.repeatedFailure)
                }
            }
        }
    }

    /// Gives every call that will not run a result, so the next request pairs each call with an answer.
    private func answerUnrun(_ calls: ArraySlice<ToolCall>, with output: ToolOutput) {
        for call in calls {
            conversation.append(.toolResult(ToolResult(call: call, output: output)))
        }
    }

    static let cancelledOutput = ToolOutput.error("cancelled: the person interrupted this call before it finished")
    static let skippedOutput = ToolOutput.error("not run: the turn was stopped after repeated failures")

    /// Models that send no ids (some local servers) or repeat them still get answerable calls.
    private static func withUniqueIds(_ calls: [ToolCall], round: Int) -> [ToolCall] {
        var seen = Set<String>()
        return calls.enumerated().map { position, call in
            var call = call
            if call.id.isEmpty || seen.contains(call.id) { call.id = "call_\(round)_\(position)" }
            seen.insert(call.id)
            return call
        }
    }
}

extension ToolResult {
    init(call: ToolCall, output: ToolOutput) {
        self.init(callId: call.id, name: call.name, content: output.modelContent, isError: output.isError)
    }
}

/// Counts how often the same call (name and arguments) has failed in a row.
struct FailureStreak {
    private var key: String?
    private var count = 0

    /// Records one outcome and returns the current streak length (0 after a success).
    mutating func record(_ call: ToolCall, failed: Bool) -> Int {
        guard failed else {
            key = nil
            count = 0
            return 0
        }
        let normalized = (try? AgentJSON.parse(call.argumentsJSON).compactText) ?? call.argumentsJSON
        let callKey = call.name + "\u{0}" + normalized
        if callKey == key {
            count += 1
        } else {
            key = callKey
            count = 1
        }
        return count
    }
}
