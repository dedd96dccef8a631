import Foundation

/// One HTTP request, as every client of ours describes it.
package struct HTTPRequest: Sendable, Hashable {
    package var method: String
    package var url: URL
    package var headers: [String: String]
    package var body: Data?
    /// Seconds without progress before the request fails with a timeout.
    package var timeout: TimeInterval

    package init(method: String = "GET", url: URL, headers: [String: String] = [:], body: Data? = nil, timeout: TimeInterval = 30) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// A complete response.
package struct HTTPResponse: Sendable, Hashable {
    package var status: Int
    package var headers: [String: String]
    package var body: Data

    package init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A header by case-insensitive name.
    package func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// A response whose body arrives as chunks of bytes, for server-sent events.
package struct HTTPStreamResponse: Sendable {
    package var status: Int
    package var headers: [String: String]
    package var body: AsyncThrowingStream<Data, any Error>

    package init(status: Int, headers: [String: String], body: AsyncThrowingStream<Data, any Error>) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    package func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// The seam every HTTP client of ours stands on: one call for a whole response, one that streams.
/// Tests substitute a double that plays back fixtures, and a real server on 127.0.0.1.
package protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
    func stream(_ request: HTTPRequest) async throws -> HTTPStreamResponse
}
