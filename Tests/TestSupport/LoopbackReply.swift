import Foundation

/// One scripted answer of `LoopbackHTTPServer`, covering the ways real servers misbehave.
package indirect enum LoopbackReply: Sendable {
    /// A complete response with a `Content-Length`.
    case response(status: Int, headers: [String: String], body: Data)
    /// Waits this long (or until the client hangs up) before giving the inner reply: a stall past a timeout.
    case delayed(seconds: TimeInterval, LoopbackReply)
    /// A response that announces more bytes than it sends, then closes: truncated on the wire.
    case truncated(status: Int, headers: [String: String], body: Data, announcedLength: Int)
    /// A chunked (`Transfer-Encoding: chunked`) body written piece by piece with a pause before each;
    /// when `cutAfter` is set the connection is closed after that many chunks without the final chunk.
    case chunked(status: Int, headers: [String: String], chunks: [Data], pause: TimeInterval, cutAfter: Int?)

    /// 200 with a JSON body.
    package static func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> LoopbackReply {
        .response(status: status, headers: headers.merging(["Content-Type": "application/json"]) { a, _ in a },
                  body: Data(text.utf8))
    }

    /// 200 with a JSON body read from data.
    package static func json(data: Data, status: Int = 200) -> LoopbackReply {
        .response(status: status, headers: ["Content-Type": "application/json"], body: data)
    }

    /// 429 with a `Retry-After` header (seconds or an HTTP date, as given).
    package static func tooManyRequests(retryAfter: String) -> LoopbackReply {
        .response(status: 429, headers: ["Retry-After": retryAfter, "Content-Type": "application/json"],
                  body: Data(#"{"error":"Too Many Requests"}"#.utf8))
    }

    /// A 5xx with a short JSON body.
    package static func serverError(_ status: Int = 500) -> LoopbackReply {
        .response(status: status, headers: ["Content-Type": "application/json"],
                  body: Data(#"{"error":"Internal Server Error"}"#.utf8))
    }

    /// An HTML error page, as a proxy or a misconfigured gateway sends, with the given status.
    package static func htmlPage(status: Int = 502, title: String = "502 Bad Gateway") -> LoopbackReply {
        let page = "<!DOCTYPE html><html><head><title>\(title)</title></head>"
            + "<body><center><h1>\(title)</h1></center><hr><center>nginx</center></body></html>"
        return .response(status: status, headers: ["Content-Type": "text/html"], body: Data(page.utf8))
    }

    /// A JSON body cut in the middle, sent with a correct length, so only parsing can notice.
    package static func truncatedJSON(_ text: String, keepingFraction fraction: Double = 0.5) -> LoopbackReply {
        let bytes = Data(text.utf8)
        return .response(status: 200, headers: ["Content-Type": "application/json"],
                         body: bytes.prefix(Int(Double(bytes.count) * fraction)))
    }

    /// A server-sent event stream in the given pieces.
    package static func eventStream(_ chunks: [String], pause: TimeInterval = 0.02, cutAfter: Int? = nil) -> LoopbackReply {
        .chunked(status: 200, headers: ["Content-Type": "text/event-stream", "Cache-Control": "no-cache"],
                 chunks: chunks.map { Data($0.utf8) }, pause: pause, cutAfter: cutAfter)
    }
}

/// What the server received, for assertions.
package struct LoopbackRequest: Sendable, Hashable {
    package var method: String
    /// The path without the query.
    package var path: String
    /// The raw query string, without `?`.
    package var query: String
    package var headers: [String: String]
    package var body: Data

    /// A header by case-insensitive name.
    package func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// A query parameter's value, percent-decoded.
    package func queryValue(_ name: String) -> String? {
        URLComponents(string: "http://x/?" + query)?.queryItems?.first { $0.name == name }?.value
    }
}
