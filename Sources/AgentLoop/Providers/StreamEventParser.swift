import Foundation

/// One server-sent event.
struct StreamEvent: Hashable, Sendable {
    var event: String?
    var data: String
}

/// A minimal server-sent-events parser: feed bytes in any chunking, get complete events out.
///
/// Handles `\n`, `\r\n` and `\r` line ends (also split across chunks), comments, multi-line
/// `data`, and the optional space after the colon. Lines are cut at byte level, which is safe
/// for UTF-8 because no multi-byte sequence contains a CR or LF byte.
struct StreamEventParser: Sendable {
    private var line: [UInt8] = []
    private var skipLineFeed = false
    private var eventName: String?
    private var dataLines: [String] = []

    init() {}

    mutating func feed(_ bytes: Data) -> [StreamEvent] {
        var events: [StreamEvent] = []
        for byte in bytes {
            if skipLineFeed {
                skipLineFeed = false
                if byte == 0x0A { continue }
            }
            switch byte {
            case 0x0A:
                endLine(into: &events)
            case 0x0D:
                endLine(into: &events)
                skipLineFeed = true
            default:
                line.append(byte)
            }
        }
        return events
    }

    /// Ends the stream. As the SSE specification says, an event without its closing blank line
    /// is incomplete and discarded: a body cut mid-event must look cut, not complete.
    mutating func finish() -> [StreamEvent] {
        line = []
        eventName = nil
        dataLines = []
        return []
    }

    private mutating func endLine(into events: inout [StreamEvent]) {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            if !dataLines.isEmpty { events.append(StreamEvent(event: eventName, data: dataLines.joined(separator: "\n"))) }
            eventName = nil
            dataLines = []
            return
        }
        if line.first == UInt8(ascii: ":") { return }
        let text = String(decoding: line, as: UTF8.self)
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            field = Substring(text)
            value = ""
        }
        switch field {
        case "data": dataLines.append(String(value))
        case "event": eventName = String(value)
        default: break
        }
    }
}
