import Dispatch
import Foundation
import Store

/// Closes the store however the process ends, so the write-ahead log is checkpointed into
/// `stratchat.db` and no `-wal` or `-shm` is left behind: at `exit`, and on SIGTERM and SIGHUP (and SIGINT
/// when no line editor has taken it) by closing and then exiting with 128 + the signal's number.
enum ExitGuard {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    static func install() {
        atexit { StratStore.closeAll() }
        for number in [SIGTERM, SIGHUP, SIGINT] {
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
