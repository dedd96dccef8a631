import AgentLoop
import Foundation

/// Shows one turn as it happens: the assistant's text as it streams, each tool's display as soon as the
/// tool finishes, and a plain line when the turn stops early.
@MainActor
struct TurnPrinter {
    let console: any Console
    let style: OutputStyle
    /// True when the last thing written did not end a line.
    private var midLine = false

    init(console: any Console, style: OutputStyle) {
        self.console = console
        self.style = style
    }

    mutating func show(_ event: LoopEvent) {
        switch event {
        case .assistantTextDelta(let delta):
            console.write(delta)
            midLine = !delta.hasSuffix("\n") && (midLine || !delta.isEmpty)
        case .assistantMessage:
            endLine()
        case .toolStarted(let call):
            endLine()
            if style.color { console.line(style.paint("· \(call.name)…", .dim)) }
        case .toolFinished(_, let output):
            endLine()
            if let display = output.display, !display.isEmpty {
                console.write("\n" + (display.hasSuffix("\n") ? display : display + "\n") + "\n")
            }
        case .usage, .turnEnded:
            break
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

    /// Ends a line left open by streamed text.
    mutating func endLine() {
        if midLine { console.write("\n") }
        midLine = false
    }
}
