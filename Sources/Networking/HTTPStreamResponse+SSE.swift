import Foundation

extension HTTPStreamResponse {
    /// The body read as server-sent events, in order.
    ///
    /// Ends normally only when the body ended on an event boundary; a body that stops inside an event
    /// (the connection dropped between a `data:` line and its blank line) ends with
    /// `NetworkingError.streamInterrupted`, so a half-received answer is never mistaken for a whole one.
    /// Cancelling the consumer cancels the underlying request.
    package func events(endpoint: String = "the stream") -> AsyncThrowingStream<SSEEvent, any Error> {
        let body = self.body
        let (stream, continuation) = AsyncThrowingStream<SSEEvent, any Error>.makeStream()
        let task = Task {
            var parser = SSEParser()
            do {
                for try await chunk in body {
                    for event in parser.feed(chunk) { continuation.yield(event) }
                }
                if parser.hasIncompleteEvent {
                    throw NetworkingError.streamInterrupted(endpoint: endpoint, reason: "the stream ended inside an event")
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
