import Foundation
import Tools

/// Where the program writes: the answer stream and the error stream. The REPL and the commands write
/// through this, so a test can capture both without a subprocess.
protocol Console: AnyObject {
    /// Writes text to standard output as is (no newline added).
    func write(_ text: String)
    /// Writes one line to standard error.
    func writeError(_ line: String)
}

extension Console {
    /// Writes one line to standard output.
    func line(_ text: String = "") { write(text + "\n") }
}

/// The process's real standard output and error, unbuffered so answers and errors keep their order.
///
/// This is where text leaves for the terminal, so it is made safe here (`TerminalText.sanitize`): an
/// escape or other control byte from a strategy name, a CSV line or a model's reply shows as `\x1b`.
final class StandardConsole: Console {
    /// Whether stratchat's own colour codes pass; set once the output style is known (`OutputStyle.detect`),
    /// off until then and with `--no-color`, so then no escape at all reaches the terminal.
    nonisolated(unsafe) static var keepsColor = false

    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(TerminalText.sanitize(text, keepingColor: Self.keepsColor).utf8))
    }

    func writeError(_ line: String) {
        FileHandle.standardError.write(Data((TerminalText.sanitize(line, keepingColor: Self.keepsColor) + "\n").utf8))
    }
}
