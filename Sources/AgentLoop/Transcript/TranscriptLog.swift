import Foundation

/// The events of one session, kept in memory (for `/save` and `/export`) and, when recording, appended
/// to a file one JSON line at a time as they happen, so a session that is killed keeps what it did.
package final class TranscriptLog: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [TranscriptEvent] = []
    private var file: FileHandle?
    private var writeFailure: String?

    package init() {}

    /// Starts writing to `url` (created or truncated, readable by its owner only), with every event so far.
    package func record(to url: URL) throws(AgentError) {
        let path = url.path
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: path)
        else { throw .transcriptUnwritable(path: path, reason: "the file could not be created") }
        lock.withLock {
            file = handle
            for event in recorded { write(event, to: handle) }
        }
    }

    package func append(_ event: TranscriptEvent) {
        lock.withLock {
            recorded.append(event)
            if let file { write(event, to: file) }
        }
    }

    package var events: [TranscriptEvent] { lock.withLock { recorded } }

    /// A write that failed while recording (disk full); reported once by the caller.
    package var failure: String? { lock.withLock { writeFailure } }

    /// Writes every event so far to `url` as JSON lines (`/save`).
    package func save(to url: URL) throws(AgentError) {
        let text = events.compactMap { try? $0.jsonLine() }.map { $0 + "\n" }.joined()
        guard FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw .transcriptUnwritable(path: url.path, reason: "the file could not be written") }
    }

    package func close() {
        lock.withLock {
            try? file?.close()
            file = nil
        }
    }

    private func write(_ event: TranscriptEvent, to handle: FileHandle) {
        do {
            try handle.write(contentsOf: Data((try event.jsonLine() + "\n").utf8))
        } catch {
            writeFailure = writeFailure ?? error.localizedDescription
        }
    }
}

/// Reads a transcript file back into events.
package enum TranscriptReader {
    /// Every event of the file, in order; blank lines are skipped. A line that is not an event is an
    /// error naming the line.
    package static func read(_ url: URL) throws(AgentError) -> [TranscriptEvent] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .transcriptUnreadable(path: url.path, line: nil, reason: "no such file, or it cannot be read")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: url.path)
    }

    package static func parse(_ text: String, path: String = "transcript") throws(AgentError) -> [TranscriptEvent] {
        var events: [TranscriptEvent] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            do {
                events.append(try TranscriptEvent.decode(line: trimmed))
            } catch {
                throw .transcriptUnreadable(path: path, line: index + 1, reason: Self.reason(error))
            }
        }
        guard events.first?.type == .session else {
            throw .transcriptUnreadable(path: path, line: 1, reason: "it does not start with a session line")
        }
        return events
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): context.debugDescription
        case DecodingError.keyNotFound(let key, _): "the \"\(key.stringValue)\" field is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default: "not a JSON object (\(error.localizedDescription))"
        }
    }
}
