import Foundation
import Networking
import Testing

@Suite("SSE parser")
struct SSEParserTests {
    /// A recorded-style stream mixing CRLF and LF line ends, a comment keep-alive, a named event,
    /// multi-line data, ids, a retry hint, an event with no data (never dispatched) and UTF-8 text.
    static let fixture = ": keep-alive\r\n"
        + "retry: 3000\r\n"
        + "data: {\"delta\":\"Hel\"}\r\n\r\n"
        + "event: content_block_delta\n"
        + "id: 7\n"
        + "data: first line\n"
        + "data:second line without space\n"
        + "data:  two leading spaces keep one\n\n"
        + "event: ping\n\n"
        + "data: café ✓ €\r\n"
        + ": comment between fields\r\n"
        + "data\r\n\r\n"
        + "data: [DONE]\n\n"

    /// Written out by hand from the rules of the WHATWG event-stream format.
    static let expected = [
        SSEEvent(event: "message", data: "{\"delta\":\"Hel\"}", id: nil, retry: 3000),
        SSEEvent(event: "content_block_delta",
                 data: "first line\nsecond line without space\n two leading spaces keep one", id: "7"),
        SSEEvent(event: "message", data: "café ✓ €\n", id: "7"),
        SSEEvent(event: "message", data: "[DONE]", id: "7"),
    ]

    @Test("parses the whole fixture into the events the standard defines")
    func wholeFixture() {
        var parser = SSEParser()
        #expect(parser.feed(Self.fixture) == Self.expected)
        #expect(!parser.hasIncompleteEvent)
    }

    @Test("gives the same events when the bytes are split at every boundary")
    func everySplit() {
        let bytes = Data(Self.fixture.utf8)
        for cut in 0...bytes.count {
            var parser = SSEParser()
            let events = parser.feed(bytes.prefix(cut)) + parser.feed(bytes.dropFirst(cut))
            #expect(events == Self.expected, "split at byte \(cut)")
        }
    }

    @Test("gives the same events when fed one byte at a time")
    func oneByteAtATime() {
        var parser = SSEParser()
        var events: [SSEEvent] = []
        for byte in Data(Self.fixture.utf8) { events += parser.feed(Data([byte])) }
        #expect(events == Self.expected)
    }

    @Test("accepts bare CR line ends and a leading byte-order mark")
    func carriageReturnsAndBOM() {
        var parser = SSEParser()
        let events = parser.feed(Data([0xEF, 0xBB, 0xBF]) + Data("event: a\rdata: x\r\rdata: y\r\r".utf8))
        #expect(events == [SSEEvent(event: "a", data: "x"), SSEEvent(data: "y")])
    }

    @Test("holds back an event whose blank line never came, and says so")
    func incompleteAtEnd() {
        var parser = SSEParser()
        let events = parser.feed("data: complete\n\ndata: cut mid-ev")
        #expect(events == [SSEEvent(data: "complete")])
        #expect(parser.hasIncompleteEvent)
    }
}
