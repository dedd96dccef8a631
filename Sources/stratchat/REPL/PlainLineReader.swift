import Foundation
import Tools

/// Reads standard input line by line with no prompt and no editing, for scripts and tests
/// (`printf '/strategies\n' | stratchat`).
final class PlainLineReader: LineReader {
    private let source: () -> String?

    /// - Parameter source: returns the next line without its line break, or nil at the end;
    ///   standard input by default.
    init(source: @escaping () -> String? = { Swift.readLine(strippingNewline: true) }) {
        self.source = source
    }

    func nextLine() -> LineInput {
        guard var line = source() else { return .end }
        if line.hasSuffix("\r") { line.removeLast() }  // files saved with Windows line endings
        return .line(line)
    }

    func answer(to question: String) -> String? {
        // Both escaped: the question can hold a strategy's name, and the answer is whatever the input held.
        FileHandle.standardOutput.write(Data(TerminalText.escaped(question).utf8))
        guard case .line(let text) = nextLine() else { return nil }
        FileHandle.standardOutput.write(Data((TerminalText.escaped(text) + "\n").utf8))
        return text
    }
}
