import Foundation
import Tools

/// Draws a `ProgressLine` on standard error while long work runs, redrawing it in place.
///
/// Quiet unless standard error is a terminal (a script or a pipe gets nothing), quiet for work that ends
/// within `delay` (a short backtest should not flash a bar), at most one redraw per `interval` (10 a second)
/// except when a new phase (label) begins, and the line is erased when the work finishes, so the answer
/// prints on a clean line.
final class ProgressPrinter: ProgressSink, @unchecked Sendable {
    private let isTerminal: Bool
    private let write: @Sendable (String) -> Void
    private let now: @Sendable () -> Date
    private let width: @Sendable () -> Int
    private let ascii: Bool
    private let delay: TimeInterval
    private let interval: TimeInterval
    private let lock = NSLock()
    private var started: (label: String, at: Date)?
    private var lastDraw: Date?
    private var drawn = false

    init(isTerminal: Bool, ascii: Bool = false, delay: TimeInterval = 0.3, interval: TimeInterval = 0.1,
         now: @escaping @Sendable () -> Date = Date.init, width: @escaping @Sendable () -> Int = { 80 },
         write: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        self.ascii = ascii
        self.delay = delay
        self.interval = interval
        self.now = now
        self.width = width
        self.write = write
    }

    /// The printer for this process: standard error, drawn only when it is a terminal, as wide as it is.
    static func standardError(ascii: Bool = false) -> ProgressPrinter {
        ProgressPrinter(isTerminal: isatty(STDERR_FILENO) == 1, ascii: ascii, width: {
            var size = winsize()
            if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
            return 80
        }, write: { FileHandle.standardError.write(Data($0.utf8)) })
    }

    func update(_ label: String, done: Int, total: Int) {
        guard isTerminal else { return }
        let moment = now()
        let text: String? = lock.withLock {
            // A new label is a new phase: its own start for the time left, drawn at once if a line is showing.
            let newPhase = started.map { $0.label != label } ?? true
            if newPhase { started = (label, moment) }
            let elapsed = moment.timeIntervalSince(started!.at)
            guard drawn || elapsed >= delay else { return nil }
            if !newPhase, let lastDraw, moment.timeIntervalSince(lastDraw) < interval { return nil }
            lastDraw = moment
            drawn = true
            let line = ProgressLine(label: label, done: done, total: total, elapsed: elapsed)
            return "\r" + line.rendered(width: width(), ascii: ascii) + "\u{1B}[K"
        }
        if let text { write(text) }
    }

    func finish() {
        let erase: Bool = lock.withLock {
            defer { started = nil; lastDraw = nil; drawn = false }
            return drawn
        }
        if erase { write("\r\u{1B}[K") }
    }
}
