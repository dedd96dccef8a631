@testable import stratchat

/// A console that keeps what was written, so in-process tests can read it.
final class RecordingConsole: Console {
    private(set) var output = ""
    private(set) var errors = ""

    func write(_ text: String) { output += text }
    func writeError(_ line: String) { errors += line + "\n" }
}
