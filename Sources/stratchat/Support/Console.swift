import Foundation

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
final class StandardConsole: Console {
    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    func writeError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
