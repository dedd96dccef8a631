import MarketData
import Store
import StrategyCore

/// Everything a backtest run is given once the query is resolved: the engine request (dates, bars, costs,
/// fill, benchmark), the universe and alternative data it came from, and why the dates differ from those
/// asked for.
package struct BacktestPlan: Sendable {
    package var request: BacktestRequest
    package var universe: ResolvedUniverse
    package var external: ExternalData
    /// Why the range used differs from the one asked for, in plain words.
    package var rangeNotes: [String]
    /// Said before the engine's own warnings: bad rows of a data file, a benchmark that could not be loaded.
    package var warnings: [String]
    /// The stored strategy's hold-out, when it has one (and the query did not ignore it).
    package var holdout: StrategyHoldout? = nil
    /// Whether this run tests the hold-out's days.
    package var opensHoldout = false
}
