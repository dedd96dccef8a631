import AgentLoop
import Store
import StrategyCore

/// A finished robustness check: the backtest it judged (with its trials and deflated Sharpe), the Monte
/// Carlo runs over its trades and its days, and its regimes. The typed result of
/// `analyze_strategy_robustness` and of `stratchat robustness`.
package struct RobustnessOutcome: Sendable {
    package var backtest: BacktestOutcome
    /// Closed trades resampled with replacement; nil when the backtest closed no trade.
    package var trades: MonteCarlo.Result?
    /// Daily returns rebuilt from blocks; nil when the backtest has no day.
    package var days: MonteCarlo.Result?
    package var regimes: RegimeAnalysis.Result?
    /// Why there are no regimes, in words.
    package var regimesProblem: String?
    /// The strategy's hold-out after the check (with every opening, this one included); nil when none is reserved.
    package var holdout: StrategyHoldout? = nil

    /// Whether this check tested the hold-out's days.
    package var openedHoldout: Bool { backtest.plan.opensHoldout }

    package var modelResult: RobustnessResult { RobustnessResult(self) }

    package var modelJSON: AgentJSON { (try? AgentJSON(encoding: modelResult)) ?? .null }

    package func display(_ style: RenderStyle) -> String { RobustnessPresenter(style: style).render(self) }
}
