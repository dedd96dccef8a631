import Foundation
import MarketData
import Store
import StrategyCore

/// Everything the strategy tools work with: whose strategies, where they are stored, where the data
/// comes from, the defaults, and the clock and ids (injected so tests and replays can pin them).
package struct ToolContext: Sendable {
    package var store: StratStore
    package var userId: String
    package var marketData: MarketData
    package var settings: ToolSettings
    /// Turns plain words into strategies for `create_trading_strategy` and `refine_strategy`.
    package var interpreter: any StrategyInterpreter
    package var now: @Sendable () -> Date
    package var makeId: @Sendable () -> String
    /// Told how far long work (a backtest over a big universe) has got; nil shows nothing.
    package var progress: (any ProgressSink)?

    package init(
        store: StratStore, userId: String, marketData: MarketData, settings: ToolSettings = ToolSettings(),
        interpreter: any StrategyInterpreter, now: @escaping @Sendable () -> Date = Date.init,
        makeId: @escaping @Sendable () -> String = StratStore.randomId, progress: (any ProgressSink)? = nil
    ) {
        self.store = store
        self.userId = userId
        self.marketData = marketData
        self.settings = settings
        self.interpreter = interpreter
        self.now = now
        self.makeId = makeId
        self.progress = progress
    }
}
