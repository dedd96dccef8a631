import AgentLoop
import Foundation
import Tools

/// Puts the person between the model and a destructive tool: `delete_strategy` with `confirm: true`
/// runs only after the person says yes. The answer is recorded, so a replay gives the same one.
struct ConfirmingTools: ToolExecutor {
    typealias Confirm = @Sendable (_ question: String) async -> Bool

    let inner: any ToolExecutor
    let recorder: TranscriptRecorder?
    /// Names the strategy a reference points at, for the question ("Mean reversion (3f2a9c1e)").
    let describe: @Sendable (String) -> String
    let confirm: Confirm

    var specs: [ToolSpec] { inner.specs }

    func run(_ call: ToolCall) async throws -> ToolOutput {
        guard call.name == ToolName.deleteStrategy.rawValue, let arguments = try? AgentJSON.parse(call.argumentsJSON),
              arguments["confirm"] == .bool(true)
        else { return try await inner.run(call) }
        let reference = arguments["strategy_id"]?.stringValue ?? "?"
        let question = "Delete \(describe(reference)) with its versions, backtests and signals for good? (y/N) "
        let agreed = await confirm(question)
        recorder?.confirmation(call: call, question: question, answer: agreed)
        guard agreed else {
            return .error("The person declined: nothing was deleted. Do not delete it unless they ask again.")
        }
        return try await inner.run(call)
    }

    /// "y" or "yes", in any case, is a yes; anything else (an empty line included) is a no.
    static func isYes(_ answer: String?) -> Bool {
        guard let answer = answer?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        return answer == "y" || answer == "yes"
    }
}
