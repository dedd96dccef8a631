import Foundation
import Tools

/// One thing a line reader can hand the REPL.
enum LineInput: Hashable, Sendable {
    /// A complete line, without its line break.
    case line(String)
    /// Ctrl-C: the line being typed was dropped; the REPL shows a fresh prompt.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case end
}

/// Where the REPL's lines come from: an interactive editor on a terminal, or plain lines from a pipe.
protocol LineReader: AnyObject {
    /// Blocks until the person finishes a line, interrupts it, or the input ends.
    func nextLine() -> LineInput
    /// Asks a yes/no style question and reads the answer, kept out of the history; nil at the end of
    /// input or on Ctrl-C.
    func answer(to question: String) -> String?
    /// Whether the last Ctrl-C dropped text the person had typed (false: it came at an empty prompt).
    var lastInterruptDroppedText: Bool { get }
}

extension LineReader {
    var lastInterruptDroppedText: Bool { false }

    /// The question on standard output (escaped: it can hold a strategy's name), the answer from the next line.
    func answer(to question: String) -> String? {
        FileHandle.standardOutput.write(Data(TerminalText.escaped(question).utf8))
        guard case .line(let text) = nextLine() else { return nil }
        return text
    }
}

/// Where Ctrl-C comes from while the agent works (the prompt is not being read then).
protocol InterruptSource: AnyObject {
    /// Calls `handler`, on any thread, for each Ctrl-C until the returned watch is stopped.
    func watch(_ handler: @escaping @Sendable () -> Void) -> InterruptWatch
}

/// A running watch for Ctrl-C; `stop` ends it and waits until the handler can no longer be called.
final class InterruptWatch: @unchecked Sendable {
    private let stopAction: () -> Void
    init(stop: @escaping () -> Void) { stopAction = stop }
    func stop() { stopAction() }
}
