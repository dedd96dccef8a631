import Foundation
import StrategyCore

/// Which data a strategy's signals are read from, for `get_strategy_signals` and the daily scan alike: the universe
/// asked for, else the embedded set that can test the strategy (`DefaultDataChoice`, the backtest's rule), read on
/// the last day of that set's period.
package struct SignalDataChoice: Hashable, Sendable {
    package var universe: String
    /// The day signals are read on; nil for the last day most of the universe has.
    package var through: Day?
    /// Why the set was chosen, in one line; nil when the universe was asked for.
    package var reason: String?

    /// - Parameters:
    ///   - asked: the universe named by the person or the configuration; nil leaves the choice to the strategy.
    ///   - fallback: the universe used when nothing was asked and the feed offers no choice.
    package init(strategy: TradingStrategy, asked: String?, feed: any SignalDataFeed, fallback: String = ToolSettings().universe) {
        if asked == nil, let choice = feed.defaultChoice(for: strategy) {
            (universe, through, reason) = (choice.universe, choice.end, choice.reason)
        } else {
            (universe, through, reason) = (asked ?? fallback, nil, nil)
        }
    }
}
