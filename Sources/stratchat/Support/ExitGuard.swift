import Dispatch
import Foundation
import Store

/// Closes the store however the process ends, so the write-ahead log is checkpointed into
/// `stratchat.db` and no `-wal` or `-shm` is left behind: at `exit`, and on SIGTERM and SIGHUP (and SIGINT
/// when standard input is not a terminal) by closing and then exiting with 128 + the signal's number.
///
/// At a terminal SIGINT is left alone: the line editor's own handler turns Ctrl-C into "drop the line" or
/// "cancel the turn", and a dispatch signal source would take the signal from it.
enum ExitGuard {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    nonisolated(unsafe) private static var installed = false

    /// Called as each command starts (`GlobalOptions.launch`); later calls do nothing.
    static func install() {
        guard !installed else { return }
        installed = true
        atexit { StratStore.closeAll() }
        let signals = isatty(STDIN_FILENO) == 1 ? [SIGTERM, SIGHUP] : [SIGTERM, SIGHUP, SIGINT]
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                StratStore.closeAll()
                _exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
