import Foundation
import Networking
import Testing

@Suite("Networking errors never leak a key")
struct NetworkingErrorTests {
    static let key = "sk-live-9f8e7d6c5b4a"

    @Test("a status error redacts the query key, an echoed key in the body and a bearer token")
    func statusError() {
        let request = HTTPRequest(
            url: URL(string: "https://financialmodelingprep.com/stable/quote?symbol=AAPL&apikey=\(Self.key)")!,
            headers: ["Authorization": "Bearer \(Self.key)"])
        let body = #"{"Error Message":"Invalid API KEY \#(Self.key). Your request: /stable/quote?symbol=AAPL&apikey=\#(Self.key)"}"#
        let error = NetworkingError.status(HTTPResponse(status: 401, body: Data(body.utf8)), for: request)
        let text = error.localizedDescription
        #expect(!text.contains(Self.key))
        #expect(text.contains("apikey=REDACTED"))
        #expect(text.contains("symbol=AAPL"))
        #expect(text.contains("401"))
        #expect(text.contains("key was rejected"))
    }

    @Test("scrubbing removes keys in common textual forms")
    func scrubForms() {
        for text in ["apikey=\(Self.key)", "\"api_key\": \"\(Self.key)\"", "Authorization: Bearer \(Self.key)",
                     "token=\(Self.key)&x=1"] {
            #expect(!Redactor.scrub(text).contains(Self.key), "\(text)")
        }
    }

    @Test("header redaction hides Authorization and x-api-key but keeps the rest")
    func headers() {
        let redacted = Redactor.headers(["Authorization": "Bearer \(Self.key)", "x-api-key": Self.key, "Accept": "application/json"])
        #expect(redacted == ["Authorization": "REDACTED", "x-api-key": "REDACTED", "Accept": "application/json"])
    }

    @Test("an HTML error page becomes a short one-line excerpt")
    func htmlExcerpt() {
        let page = "<html><head><title>502 Bad Gateway</title></head>\n<body><h1>502 Bad Gateway</h1>"
            + String(repeating: "<p>padding</p>", count: 200) + "</body></html>"
        let excerpt = NetworkingError.excerpt(of: Data(page.utf8))
        #expect(excerpt.hasPrefix("502 Bad Gateway 502 Bad Gateway"))
        #expect(!excerpt.contains("<"))
        #expect(!excerpt.contains("\n"))
        #expect(excerpt.count <= NetworkingError.excerptLimit + 1)
    }
}
