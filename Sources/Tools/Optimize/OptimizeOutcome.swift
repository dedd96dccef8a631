import AgentLoop
import StrategyCore

/// A finished sweep with what it was planned from: the typed result of `optimize_strategy` and of
/// `stratchat optimize`.
package struct OptimizeOutcome: Sendable {
    package var strategy: TradingStrategy
    package var sweep: ParameterSweep.Result
    package var plan: BacktestPlan
    /// The version the best variant was saved as, when asked and it differs from the strategy.
    package var savedVersion: StoredStrategy?
    package var saveAsked: Bool

    /// For the model: the best variants (at most `OptimizePresenter.modelVariants`), the verdict and the note.
    package var modelResult: OptimizeResult { OptimizeResult(self, allVariants: false) }

    /// For scripts (`stratchat optimize --json`): every variant in grid order, so `best` indexes `variants`.
    package var fullJSON: AgentJSON { (try? AgentJSON(encoding: OptimizeResult(self, allVariants: true))) ?? .null }

    package func display(_ style: RenderStyle) -> String { OptimizePresenter(style: style).render(self) }
}
