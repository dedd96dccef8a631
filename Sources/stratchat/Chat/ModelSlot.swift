import AgentLoop
import Foundation

/// The session's current model, switchable by `/model`. The agent and the strategy parser both ask
/// through this slot, so a switch reaches both without rebuilding the tools.
final class ModelSlot: ChatModel, @unchecked Sendable {
    private let lock = NSLock()
    private var current: (any ChatModel)?

    init(_ model: (any ChatModel)?) {
        current = model
    }

    var model: (any ChatModel)? { lock.withLock { current } }

    func use(_ model: (any ChatModel)?) {
        lock.withLock { current = model }
    }

    var name: String { model?.name ?? "none" }

    func respond(to conversation: [ChatMessage], tools: [ToolSpec]) -> AsyncThrowingStream<ModelEvent, any Error> {
        guard let model else {
            return AsyncThrowingStream { $0.finish(throwing: ChatError.noModel) }
        }
        return model.respond(to: conversation, tools: tools)
    }
}
