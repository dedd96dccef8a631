import Foundation
import Networking
import TestSupport
import Testing

@Suite("URLSession transport against a loopback server")
struct URLSessionTransportTests {
    @Test("fetches a 200 with its body and headers, and the server logs the request")
    func ok() async throws {
        let server = try LoopbackHTTPServer(routes: ["/hello": [.json(#"{"a":1}"#, headers: ["X-Test": "yes"])]])
        let request = HTTPRequest(url: server.url("/hello?x=1"), headers: ["Accept": "application/json"], timeout: 120)
        let response = try await URLSessionTransport().send(request)
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"a":1}"#)
        #expect(response.header("x-test") == "yes")
        #expect(server.requestCount == 1)
        #expect(server.requests.first?.path == "/hello")
        #expect(server.requests.first?.queryValue("x") == "1")
        #expect(server.requests.first?.header("accept") == "application/json")
    }

    @Test("a large POST body arrives whole")
    func largePost() async throws {
        let server = try LoopbackHTTPServer(routes: ["/v1/chat": [.json("{}")]])
        let body = Data(String(repeating: "x", count: 50_000).utf8)
        let request = HTTPRequest(method: "POST", url: server.url("/v1/chat"), headers: ["Content-Type": "application/json"],
                                  body: body, timeout: 120)
        let response = try await URLSessionTransport().send(request)
        #expect(response.status == 200)
        #expect(server.requests.first?.body == body)
        #expect(server.requests.first?.method == "POST")
    }

    @Test("a status the server returns is handed back, not thrown")
    func statusReturned() async throws {
        let server = try LoopbackHTTPServer(routes: ["/e": [.serverError(500)]])
        let response = try await URLSessionTransport().send(HTTPRequest(url: server.url("/e"), timeout: 120))
        #expect(response.status == 500)
    }

    @Test("a server that never answers fails with a timeout that redacts the key")
    func timeout() async throws {
        let server = try LoopbackHTTPServer(routes: ["/slow": [.noAnswer]])
        let request = HTTPRequest(url: server.url("/slow?apikey=TOPSECRET99"), timeout: 0.5)
        await #expect {
            _ = try await URLSessionTransport().send(request)
        } throws: { error in
            guard case NetworkingError.timeout(let endpoint, _) = error else { return false }
            return endpoint.contains("apikey=REDACTED") && !error.localizedDescription.contains("TOPSECRET99")
        }
    }

    @Test("a body shorter than its Content-Length fails as cut off")
    func truncatedOnTheWire() async throws {
        let server = try LoopbackHTTPServer(routes: [
            "/t": [.truncated(status: 200, headers: [:], body: Data("{\"a\":".utf8), announcedLength: 100)],
        ])
        await #expect(throws: NetworkingError.self) {
            _ = try await URLSessionTransport().send(HTTPRequest(url: server.url("/t"), timeout: 120))
        }
    }

    @Test("a refused connection fails as a connection error")
    func refused() async throws {
        let server = try LoopbackHTTPServer(routes: [:])
        let url = server.url("/x")
        server.stop()
        await #expect {
            _ = try await URLSessionTransport().send(HTTPRequest(url: url, timeout: 120))
        } throws: { error in
            if case NetworkingError.connectionFailed = error { return true }
            return false
        }
    }

    @Test("streams chunks in order, and SSE events come out whole")
    func streamsInOrder() async throws {
        let pieces = ["data: one\n\n", "data: tw", "o\n\nevent: end\n", "data: three\n\n"]
        let server = try LoopbackHTTPServer(routes: ["/sse": [.eventStream(pieces, pause: 0.05)]])
        let response = try await URLSessionTransport().stream(HTTPRequest(url: server.url("/sse"), timeout: 120))
        #expect(response.status == 200)
        #expect(response.header("content-type") == "text/event-stream")
        var received = Data()
        var parser = SSEParser()
        var events: [SSEEvent] = []
        for try await chunk in response.body {
            received.append(chunk)
            events += parser.feed(chunk)
        }
        #expect(String(decoding: received, as: UTF8.self) == pieces.joined())
        #expect(events == [SSEEvent(data: "one"), SSEEvent(data: "two"), SSEEvent(event: "end", data: "three")])
    }

    @Test("a stream cut mid-way delivers what came and then fails")
    func streamCut() async throws {
        let pieces = ["data: one\n\n", "data: two\n\n", "data: never\n\n"]
        let server = try LoopbackHTTPServer(routes: ["/sse": [.eventStream(pieces, pause: 0.02, ending: .cut(after: 2))]])
        let response = try await URLSessionTransport().stream(HTTPRequest(url: server.url("/sse"), timeout: 120))
        var parser = SSEParser()
        var events: [SSEEvent] = []
        var failure: (any Error)?
        do {
            for try await chunk in response.body { events += parser.feed(chunk) }
        } catch {
            failure = error
        }
        #expect(events == [SSEEvent(data: "one"), SSEEvent(data: "two")])
        guard case NetworkingError.streamInterrupted? = failure as? NetworkingError else {
            Issue.record("expected streamInterrupted, got \(String(describing: failure))")
            return
        }
    }

    @Test("events() yields whole events in order and reports a stream that ends inside an event")
    func eventsHelper() async throws {
        let server = try LoopbackHTTPServer(routes: [
            "/ok": [.eventStream(["data: a\n", "\ndata: b\n\n"])],
            // A complete HTTP body whose last event never got its blank line.
            "/partial": [.eventStream(["data: a\n\n", "data: {\"half\":"])],
        ])
        let transport = URLSessionTransport()
        var events: [SSEEvent] = []
        for try await event in try await transport.stream(HTTPRequest(url: server.url("/ok"), timeout: 120)).events() {
            events.append(event)
        }
        #expect(events == [SSEEvent(data: "a"), SSEEvent(data: "b")])

        var partial: [SSEEvent] = []
        var failure: (any Error)?
        do {
            for try await event in try await transport.stream(HTTPRequest(url: server.url("/partial"), timeout: 120)).events() {
                partial.append(event)
            }
        } catch {
            failure = error
        }
        #expect(partial == [SSEEvent(data: "a")])
        guard case NetworkingError.streamInterrupted? = failure as? NetworkingError else {
            Issue.record("expected streamInterrupted, got \(String(describing: failure))")
            return
        }
    }

    @Test("a stream that stalls mid-way fails with a timeout after the chunks that came")
    func streamStall() async throws {
        let server = try LoopbackHTTPServer(routes: ["/sse": [.eventStream(["data: one\n\n"], pause: 0, ending: .stall)]])
        let response = try await URLSessionTransport().stream(HTTPRequest(url: server.url("/sse"), timeout: 0.5))
        var received = Data()
        var failure: (any Error)?
        do {
            for try await chunk in response.body { received.append(chunk) }
        } catch {
            failure = error
        }
        #expect(String(decoding: received, as: UTF8.self) == "data: one\n\n")
        guard case NetworkingError.timeout? = failure as? NetworkingError else {
            Issue.record("expected a timeout, got \(String(describing: failure))")
            return
        }
    }

    @Test("cancelling the consuming task ends a stalled stream and closes the connection")
    func cancellation() async throws {
        // The stream sends one event and then stalls for good, so only the cancellation can end it
        // (the 120 s timeout would end it with a timeout, not a cancellation).
        let server = try LoopbackHTTPServer(routes: ["/sse": [.eventStream(["data: a\n\n"], pause: 0, ending: .stall)]])
        let transport = URLSessionTransport()
        let consumer = Task {
            let response = try await transport.stream(HTTPRequest(url: server.url("/sse"), timeout: 120))
            for try await _ in response.body {}
            try Task.checkCancellation()
        }
        #expect(await eventually { server.requestCount == 1 }, "the request reached the server")
        consumer.cancel()
        let result = await consumer.result
        #expect(throws: CancellationError.self) { try result.get() }
        // The data task was cancelled: the server sees the client hang up while it holds the stream open.
        #expect(await eventually { server.clientHangUps == 1 })
    }

    @Test("a streamed request told 429 waits out Retry-After, then streams the events")
    func streamRetry() async throws {
        let server = try LoopbackHTTPServer(routes: ["/sse": [.tooManyRequests(retryAfter: "2"), .eventStream(["data: x\n\n"])]])
        let sleeps = SleepRecorder()
        let transport = RetryingTransport(base: URLSessionTransport(), seed: 5, sleep: sleeps.sleep)
        var events: [SSEEvent] = []
        for try await event in try await transport.stream(HTTPRequest(url: server.url("/sse"), timeout: 120)).events() {
            events.append(event)
        }
        #expect(events == [SSEEvent(data: "x")])
        #expect(sleeps.waits == [2])
        #expect(server.requestCount == 2)
    }

    @Test("requireSuccess passes a 2xx through and turns a 404 into a redacted status error")
    func requireSuccess() async throws {
        let server = try LoopbackHTTPServer(routes: ["/m": [.json(#"{"error":"model not found"}"#, status: 404)]])
        let request = HTTPRequest(url: server.url("/m?api_key=ZZSECRETZZ"), timeout: 120)
        let response = try await URLSessionTransport().send(request)
        #expect {
            try response.requireSuccess(for: request)
        } throws: { error in
            guard let error = error as? NetworkingError, error.status == 404 else { return false }
            let text = error.localizedDescription
            return text.contains("model not found") && text.contains("api_key=REDACTED") && !text.contains("ZZSECRETZZ")
        }
        #expect(try HTTPResponse(status: 204).requireSuccess(for: request).status == 204)
    }

    @Test("with retries, a 429 then 200 makes two requests and waits what Retry-After said")
    func retryOverSocket() async throws {
        let server = try LoopbackHTTPServer(routes: ["/r": [.tooManyRequests(retryAfter: "3"), .json("[]")]])
        let sleeps = SleepRecorder()
        let transport = RetryingTransport(base: URLSessionTransport(), seed: 3, sleep: sleeps.sleep)
        let response = try await transport.send(HTTPRequest(url: server.url("/r"), timeout: 120))
        #expect(response.status == 200)
        #expect(server.requestCount == 2)
        #expect(sleeps.waits == [3])
    }
}
