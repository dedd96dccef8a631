import Foundation

/// What stops a chat line, a `/model` switch or a transcript command, with the fix.
enum ChatError: Error, Equatable, LocalizedError {
    /// No key and no base URL: nothing can answer a chat line yet.
    case noModel
    case badUsage(String)
    /// The replay found tool results that differ from the recording.
    case replayDiffers(count: Int)
    /// The turn ran past `turn_timeout` and was stopped.
    case turnDeadline(seconds: Double)

    static let noModelMessage = "No model is configured: set OPENAI_API_KEY, ANTHROPIC_API_KEY or OPENAI_BASE_URL, or use --model; slash commands work without one."

    var errorDescription: String? {
        switch self {
        case .noModel: Self.noModelMessage
        case .badUsage(let text): text
        case .replayDiffers(let count): "\(count) tool result\(count == 1 ? "" : "s") differ from the recording"
        case .turnDeadline(let seconds):
            "the turn was stopped after \(seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)) seconds without a finished answer — "
                + "raise turn_timeout in the config (or STRATCHAT_TURN_TIMEOUT, --turn-timeout), or check the model server"
        }
    }
}

/// Set once when a turn's deadline passes, read after the turn ends.
final class DeadlineFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
