import Dispatch
import Foundation
import Store

/// Ctrl-C during a command's long work (a sweep, a scan) at a terminal: the first asks the work to stop at its
/// next safe point, so nothing is left half-written; a second ends the process at once, the store closed first.
///
/// Only at a terminal: otherwise `ExitGuard` already turns SIGINT into closing the store and exiting.
final class Interrupt: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var source: (any DispatchSourceSignal)?
    private let onFirst: @Sendable () -> Void

    private init(onFirst: @escaping @Sendable () -> Void) { self.onFirst = onFirst }

    /// Whether Ctrl-C was pressed.
    var requested: Bool { lock.withLock { count > 0 } }

    /// Listens until `stop()`; `onFirst` runs once, on the first Ctrl-C.
    static func listen(onFirst: @escaping @Sendable () -> Void = {}) -> Interrupt {
        let interrupt = Interrupt(onFirst: onFirst)
        guard isatty(STDIN_FILENO) == 1 else { return interrupt }
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [interrupt] in interrupt.pressed() }
        source.resume()
        interrupt.lock.withLock { interrupt.source = source }
        return interrupt
    }

    private func pressed() {
        let presses = lock.withLock { count += 1; return count }
        if presses == 1 {
            FileHandle.standardError.write(Data("\r\u{1B}[Kstopping at the next safe point (Ctrl-C again to quit at once)\n".utf8))
            onFirst()
        } else {
            StratStore.closeAll()
            _exit(130)
        }
    }

    /// Stops listening; Ctrl-C ends the process again.
    func stop() {
        let held = lock.withLock { defer { source = nil }; return source }
        guard let held else { return }
        held.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
