import Foundation

/// Turns the bytes of a `text/event-stream` body into events, however the bytes are chunked.
///
/// A value you feed and read from, with no I/O, so it can be tested by splitting a recorded stream at
/// every byte boundary. Follows the WHATWG "event stream interpretation" rules: lines end in LF, CRLF
/// or CR; `:` starts a comment; one space after the colon is dropped; a blank line dispatches; an event
/// with no data is not dispatched; an unfinished event at the end of the stream is discarded.
package struct SSEParser: Sendable {
    private var line: [UInt8] = []
    private var sawCR = false
    private var atStart = true
    private var eventType = ""
    private var dataLines: [String] = []
    private var hasData = false
    private var retry: Int?
    /// The last event id the stream set; it carries over to later events, as the standard asks.
    package private(set) var lastEventID: String?

    package init() {}

    /// True when bytes or fields of an event are waiting for the blank line that ends it:
    /// at the end of a stream this means the stream was cut mid-event.
    package var hasIncompleteEvent: Bool { !line.isEmpty || hasData || !eventType.isEmpty }

    /// Consumes the next chunk and returns the events it completed, in order.
    package mutating func feed(_ bytes: Data) -> [SSEEvent] {
        var events: [SSEEvent] = []
        for byte in bytes {
            if sawCR {
                sawCR = false
                if byte == 0x0A { continue }  // the LF of a CRLF pair already ended the line
            }
            switch byte {
            case 0x0A:
                if let event = processLine() { events.append(event) }
            case 0x0D:
                sawCR = true
                if let event = processLine() { events.append(event) }
            default:
                line.append(byte)
            }
        }
        return events
    }

    /// Convenience for text fixtures.
    package mutating func feed(_ text: String) -> [SSEEvent] { feed(Data(text.utf8)) }

    private mutating func processLine() -> SSEEvent? {
        var bytes = line
        line.removeAll(keepingCapacity: true)
        if atStart {
            atStart = false
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // a leading BOM is ignored
        }
        if bytes.isEmpty { return dispatch() }
        if bytes.first == UInt8(ascii: ":") { return nil }  // comment, often a keep-alive

        let field: String
        let value: String
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            field = String(decoding: bytes[..<colon], as: UTF8.self)
            var start = colon + 1
            if start < bytes.count, bytes[start] == UInt8(ascii: " ") { start += 1 }
            value = String(decoding: bytes[start...], as: UTF8.self)
        } else {
            field = String(decoding: bytes, as: UTF8.self)
            value = ""
        }
        switch field {
        case "event": eventType = value
        case "data":
            dataLines.append(value)
            hasData = true
        case "id":
            if !value.contains("\u{0}") { lastEventID = value }
        case "retry":
            if !value.isEmpty, value.allSatisfy({ $0.isASCII && $0.isNumber }) { retry = Int(value) }
        default:
            break  // unknown fields are ignored
        }
        return nil
    }

    private mutating func dispatch() -> SSEEvent? {
        defer {
            eventType = ""
            dataLines.removeAll()
            hasData = false
            retry = nil
        }
        guard hasData else { return nil }
        return SSEEvent(event: eventType.isEmpty ? "message" : eventType, data: dataLines.joined(separator: "\n"),
                        id: lastEventID, retry: retry)
    }
}
