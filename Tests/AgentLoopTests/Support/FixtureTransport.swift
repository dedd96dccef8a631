import Foundation
import Networking

/// A transport that plays back canned replies in order and records the requests it got.
final class FixtureTransport: HTTPTransport, @unchecked Sendable {
    enum Ending {
        case finish
        /// Sends nothing more and never ends, until cancelled.
        case stall
        case fail(any Error)
    }

    struct Reply {
        var status: Int
        var headers: [String: String] = [:]
        var chunks: [Data]
        var ending: Ending = .finish

        /// A body in chunks of `size` bytes.
        static func body(_ data: Data, status: Int = 200, chunkSize size: Int = 97, headers: [String: String] = [:], ending: Ending = .finish) -> Reply {
            let chunks = stride(from: 0, to: data.count, by: size).map { data.subdata(in: $0..<min($0 + size, data.count)) }
            return Reply(status: status, headers: headers, chunks: chunks, ending: ending)
        }
    }

    private let lock = NSLock()
    private var replies: [Reply]
    private var received: [HTTPRequest] = []
    private var stalled: [AsyncThrowingStream<Data, any Error>.Continuation] = []

    init(_ replies: [Reply]) {
        self.replies = replies
    }

    var requests: [HTTPRequest] { lock.withLock { received } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let response = try await stream(request)
        var body = Data()
        for try await chunk in response.body { body.append(chunk) }
        return HTTPResponse(status: response.status, headers: response.headers, body: body)
    }

    func stream(_ request: HTTPRequest) async throws -> HTTPStreamResponse {
        let reply: Reply? = lock.withLock {
            received.append(request)
            return replies.isEmpty ? nil : replies.removeFirst()
        }
        guard let reply else { throw URLError(.cannotConnectToHost) }
        let (body, continuation) = AsyncThrowingStream<Data, any Error>.makeStream()
        for chunk in reply.chunks { continuation.yield(chunk) }
        switch reply.ending {
        case .finish: continuation.finish()
        case .stall: lock.withLock { stalled.append(continuation) }
        case .fail(let error): continuation.finish(throwing: error)
        }
        return HTTPStreamResponse(status: reply.status, headers: reply.headers, body: body)
    }
}

enum Fixture {
    static func data(_ name: String) -> Data {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
        return (try? Data(contentsOf: url)) ?? Data()
    }
}
