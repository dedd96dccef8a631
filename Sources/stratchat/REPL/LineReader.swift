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
}
