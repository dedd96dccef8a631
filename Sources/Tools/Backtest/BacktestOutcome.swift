import AgentLoop
import StrategyCore

/// A finished backtest with what it was planned from: the typed result of `backtest_strategy` and of
/// `stratchat backtest`. Both print `modelResult`, so the command line's `--json` is the object the model reads.
package struct BacktestOutcome: Sendable {
    package var strategy: TradingStrategy
    package var result: StrategyBacktest
    package var plan: BacktestPlan
    /// The strategy's family of trials over data overlapping this backtest, this one included (one for a
    /// strategy that is not stored).
    package var trials: TrialCount
    /// PSR, DSR and minimum track record length; nil when the equity never moved.
    package var sharpeStatistics: SharpeStatistics.Summary?

    /// What the model reads and `--json` prints: metrics, best and worst trades, caveats; no equity curve.
    package var modelResult: BacktestResult { BacktestResult(self) }

    /// `modelResult` as JSON.
    package var modelJSON: AgentJSON { (try? AgentJSON(encoding: modelResult)) ?? .null }

    /// `modelJSON` with every closed trade, the positions still open at the end and the daily equity curve at
    /// full precision added, for scripts (`stratchat backtest --json --full`); too long for a model to read.
    package var fullJSON: AgentJSON {
        guard case .object(var object) = modelJSON else { return modelJSON }
        object["trades"] = (try? AgentJSON(encoding: result.trades)) ?? .null
        object["open_positions"] = (try? AgentJSON(encoding: result.openPositions)) ?? .null
        object["equity_curve"] = (try? AgentJSON(encoding: result.equityCurve)) ?? .null
        return .object(object)
    }

    /// The person's view: metrics table, charts, best and worst trades, assumptions and warnings.
    package func display(_ style: RenderStyle) -> String { BacktestPresenter(style: style).render(self) }
}
