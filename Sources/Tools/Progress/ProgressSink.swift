import Foundation

/// Where a long tool reports how far it has got, so the terminal can show a progress line while the
/// person waits. The tools only count; drawing (and staying silent off a terminal) is the caller's business.
package protocol ProgressSink: Sendable {
    /// `done` of `total` steps of the work named by `label` ("Backtesting RSI dip on sample").
    func update(_ label: String, done: Int, total: Int)
    /// The work ended (finished, failed or cancelled): whatever was drawn goes away.
    func finish()
}

extension ProgressSink {
    /// The engine's progress callback for a backtest of `strategyName` on `universeName`.
    ///
    /// The engine counts in two phases, preparing each ticker (total = tickers) then simulating (total =
    /// tickers + days); each gets its own label so the percent and the time left never run backwards.
    package func backtestCallback(strategyName: String, universeName: String, tickers: Int) -> @Sendable (Int, Int) -> Void {
        let preparing = "Preparing \(tickers) ticker\(tickers == 1 ? "" : "s") for \(strategyName)"
        let simulating = "Backtesting \(strategyName) on \(universeName)"
        return { done, total in self.update(total == tickers ? preparing : simulating, done: done, total: total) }
    }
}
