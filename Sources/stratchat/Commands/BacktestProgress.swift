import Foundation

/// A percentage on stderr while the engine runs, only when stderr is a terminal.
final class BacktestProgress: @unchecked Sendable {
    private let enabled: Bool
    private var shown = -1

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func report(done: Int, total: Int) {
        guard enabled, total > 0 else { return }
        let percent = done * 100 / total
        guard percent != shown else { return }
        shown = percent
        FileHandle.standardError.write(Data("\rbacktesting… \(percent)%".utf8))
    }

    func finish() {
        guard enabled, shown >= 0 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
