import AgentLoop
import Foundation
import Tools

/// Shows one turn as it happens: the assistant's text as it streams (broken at spaces to fit a terminal),
/// each tool's display as soon as the tool finishes, and a plain line when the turn stops early.
@MainActor
struct TurnPrinter {
    let console: any Console
    let style: OutputStyle
    /// True when the last thing written did not end a line.
    private var midLine = false
    /// Fits the assistant's text to the terminal; nil when the output is not a terminal.
    private var wrapper: StreamingWrapper?

    init(console: any Console, style: OutputStyle) {
        self.console = console
        self.style = style
        wrapper = style.width.map { StreamingWrapper(width: $0) }
    }

    mutating func show(_ event: LoopEvent) {
        switch event {
        case .assistantTextDelta(let delta):
            // Escaped before it is wrapped, so the width counted is the width the terminal shows.
            let safe = TerminalText.escaped(delta)
            write(wrapper?.feed(safe) ?? safe)
        case .assistantMessage:
            endLine()
        case .toolStarted(let call):
            endLine()
            if style.color { console.line(style.paint("· \(call.name)…", .dim)) }
        case .toolFinished(_, let output):
            endLine()
            if var display = output.display, !display.isEmpty {
                if let width = wrapper?.width { display = StreamingWrapper.fit(display, width: width) }
                console.write("\n" + (display.hasSuffix("\n") ? display : display + "\n") + "\n")
            }
        case .usage:
            break
        case .turnEnded:
            endLine()
        case .roundCapReached(let limit):
            endLine()
            console.line("Stopped after \(limit) model rounds without a final answer (max_rounds in the config raises the cap). Ask again to continue.")
        case .repeatedFailure(_, let message):
            endLine()
            console.line(message)
        case .cancelled:
            endLine()
            console.line(style.paint("Cancelled.", .dim))
        }
    }

    /// Ends a line left open by streamed text, after any word the wrapper still holds.
    mutating func endLine() {
        if let held = wrapper?.finish() { write(held) }
        if midLine { console.write("\n") }
        midLine = false
    }

    private mutating func write(_ text: String) {
        guard !text.isEmpty else { return }
        console.write(text)
        midLine = !text.hasSuffix("\n")
    }
}
