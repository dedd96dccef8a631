import Store
import StrategyCore

extension HTMLReport {
    /// The strategy as `backtest` ran it: the stored version the backtest names, else `latest`, so a report
    /// of an older backtest shows the rules that produced it.
    package static func strategy(runBy backtest: StrategyBacktest, latest: StoredStrategy, store: StratStore,
                                 user: String) throws -> StoredStrategy {
        guard let ran = backtest.strategyVersion, ran != latest.version else { return latest }
        return try store.versions(strategyId: latest.id, user: user).first { $0.version == ran }?.strategy ?? latest
    }
}
