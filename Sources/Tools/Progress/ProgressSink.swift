import Foundation

/// Where a long tool reports how far it has got, so the terminal can show a progress line while the
/// person waits. The tools only count; drawing (and staying silent off a terminal) is the caller's business.
public protocol ProgressSink: Sendable {
    /// `done` of `total` steps of the work named by `label` ("Backtesting RSI dip on sample").
    func update(_ label: String, done: Int, total: Int)
    /// The work ended (finished, failed or cancelled): whatever was drawn goes away.
    func finish()
}
