import AgentLoop
import Foundation

/// A chat model that answers each request with the next scripted text and remembers every conversation sent.
final class ScriptedChatModel: ChatModel, @unchecked Sendable {
    let name = "scripted:parser"
    private let lock = NSLock()
    private var replies: [String]
    private var received: [[ChatMessage]] = []

    init(_ replies: [String]) {
        self.replies = replies
    }

    var requests: [[ChatMessage]] { lock.withLock { received } }

    func respond(to conversation: [ChatMessage], tools: [ToolSpec]) -> AsyncThrowingStream<ModelEvent, any Error> {
        let reply: String? = lock.withLock {
            received.append(conversation)
            return replies.isEmpty ? nil : replies.removeFirst()
        }
        let (stream, continuation) = AsyncThrowingStream<ModelEvent, any Error>.makeStream()
        if let reply {
            // Split in two deltas, as a streaming provider would send it.
            let middle = reply.index(reply.startIndex, offsetBy: reply.count / 2)
            continuation.yield(.textDelta(String(reply[..<middle])))
            continuation.yield(.textDelta(String(reply[middle...])))
            continuation.yield(.done(.endTurn))
            continuation.finish()
        } else {
            continuation.finish(throwing: URLError(.cannotConnectToHost))
        }
        return stream
    }
}

extension ChatMessage {
    /// The text of a system, user or assistant message.
    var text: String {
        switch self {
        case .system(let text), .user(let text): text
        case .assistant(let text, _): text
        case .toolResult(let result): result.content
        }
    }
}
