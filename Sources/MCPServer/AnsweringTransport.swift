import Foundation
import Logging
import MCP

/// A transport that keeps count of the requests it has received and not yet answered, so the server can
/// finish them before it stops: a client that closes standard input right after a call still gets its answer.
///
/// A request leaves the count when its response (or error) is sent, or when the client cancels it (a cancelled
/// call is not answered).
package actor AnsweringTransport: Transport {
    private let inner: any Transport
    private var unanswered: Set<String> = []
    private var waiting: [CheckedContinuation<Void, Never>] = []

    package init(_ inner: any Transport) {
        self.inner = inner
    }

    package nonisolated var logger: Logger { Logger(label: "stratchat.mcp.transport") }

    package func connect() async throws { try await inner.connect() }

    package func disconnect() async { await inner.disconnect() }

    package func send(_ data: Data) async throws {
        try await inner.send(data)
        for message in Self.messages(in: data) where message["method"] == nil {
            if let id = Self.key(message["id"]) { settle(id) }
        }
    }

    package func receive() -> AsyncThrowingStream<Data, any Swift.Error> {
        let inner = self.inner
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await data in await inner.receive() {
                        self.note(received: data)
                        continuation.yield(data)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Returns once every request received so far has been answered or cancelled.
    package func answered() async {
        if unanswered.isEmpty { return }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// How many requests are waiting for an answer.
    package var unansweredCount: Int { unanswered.count }

    private func note(received data: Data) {
        for message in Self.messages(in: data) {
            guard let method = message["method"] as? String else { continue }
            if method == CancelledNotification.name {
                if let id = Self.key((message["params"] as? [String: Any])?["requestId"]) { settle(id) }
            } else if let id = Self.key(message["id"]) {
                unanswered.insert(id)
            }
        }
    }

    private func settle(_ id: String) {
        unanswered.remove(id)
        guard unanswered.isEmpty else { return }
        let resumed = waiting
        waiting = []
        resumed.forEach { $0.resume() }
    }

    /// The JSON-RPC messages in one frame: an object, or a batch of them.
    static func messages(in data: Data) -> [[String: Any]] {
        switch try? JSONSerialization.jsonObject(with: data) {
        case let object as [String: Any]: [object]
        case let batch as [Any]: batch.compactMap { $0 as? [String: Any] }
        default: []
        }
    }

    /// A request id as one comparable text: numbers and strings are distinct ids.
    static func key(_ id: Any?) -> String? {
        switch id {
        case let text as String: "s:" + text
        case let number as NSNumber: "n:" + number.stringValue
        default: nil
        }
    }
}
