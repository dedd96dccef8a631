import Store
import StrategyCore

extension HTMLReport {
    /// The strategy as `backtest` ran it: the stored version the backtest names, else `latest`, so a report
    /// of an older backtest shows the rules that produced it.
    package static func strategy(runBy backtest: StrategyBacktest, latest: TradingStrategy, store: StratStore,
                                 user: String) throws -> TradingStrategy {
        guard let ran = backtest.strategyVersion, ran != latest.version, let id = latest.id else { return latest }
        return try store.versions(strategyId: id, user: user).first { $0.version == ran }?.strategy ?? latest
    }
}
