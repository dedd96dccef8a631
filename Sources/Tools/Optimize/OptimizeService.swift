import Foundation
import Store
import StrategyCore

/// The one way a parameter sweep runs, for `optimize_strategy`, `/optimize` and `stratchat optimize`: plans
/// the data as a backtest would (`BacktestService.plan`), sweeps the grid on two cores, records every variant
/// as a trial of a stored strategy and keeps the sweep as its latest (for the report), and saves the best
/// variant as a new version when asked.
package struct OptimizeService: Sendable {
    package var backtests: BacktestService
    package var workers: Int
    /// Polled as the variants run, beside the task's own cancellation: true stops the sweep with nothing recorded.
    package var shouldCancel: (@Sendable () -> Bool)?

    package init(backtests: BacktestService, workers: Int = 2) {
        self.backtests = backtests
        self.workers = workers
    }

    package init(context: ToolContext) {
        self.init(backtests: BacktestService(context: context))
    }

    package struct Query: Sendable {
        package var backtest: BacktestQuery
        package var axes: [ParameterGrid.Axis]
        package var objective: ParameterSweep.Objective = .sharpe
        /// Save the best variant as the strategy's next version.
        package var saveBest = false
        /// Also walk forward: each train window's sweep picks the variant that trades the next test window.
        package var walkForward: WalkForward.Options?

        package init(backtest: BacktestQuery, axes: [ParameterGrid.Axis], objective: ParameterSweep.Objective = .sharpe,
                     saveBest: Bool = false, walkForward: WalkForward.Options? = nil) {
            self.backtest = backtest
            self.axes = axes
            self.objective = objective
            self.saveBest = saveBest
            self.walkForward = walkForward
        }
    }

    package func run(_ query: Query) async throws -> OptimizeOutcome {
        let strategy = query.backtest.strategy
        let grid = try ParameterGrid(axes: query.axes.map { try $0.resolved(in: strategy) })
        try grid.check(strategy)
        let plan = try await backtests.plan(query.backtest)
        let progress = backtests.progress
        defer { progress?.finish() }
        let label = "Sweeping \(grid.count) variants of \(strategy.name)"
        let cancelled = CancelFlag()
        var report: (@Sendable (Int, Int) -> Void)?
        if let sink = progress {
            report = { done, total in sink.update(label, done: done, total: total) }
        }
        let request = plan.request, objective = query.objective, workers = workers, reporting = report, stop = shouldCancel
        let sweep: ParameterSweep.Result = try await withTaskCancellationHandler {
            try ParameterSweep.run(request, grid: grid, objective: objective, workers: workers,
                                   shouldCancel: { cancelled.isSet || stop?() == true }, progress: reporting)
        } onCancel: {
            cancelled.set()
        }
        var walk: WalkForward.Result?
        if var options = query.walkForward {
            options.objective = objective
            let wfOptions = options
            progress?.update("Walking forward over \(grid.count) variants of \(strategy.name)", done: 0, total: 1)
            walk = try await withTaskCancellationHandler {
                try WalkForward.run(request, grid: grid, options: wfOptions, workers: workers, shouldCancel: { cancelled.isSet })
            } onCancel: {
                cancelled.set()
            }
        }
        var saved: StoredStrategy?
        if let store = backtests.store, let id = strategy.id {
            let user = backtests.userId
            try store.recordTrials(sweep.trials, strategyId: id, user: user, source: "sweep")
            try store.saveSweep(StoredSweep(sweep, walkForward: walk, version: strategy.version ?? 1), strategyId: id, user: user)
            if query.saveBest, sweep.bestStrategy.definitionKey != strategy.definitionKey {
                let note = "best of a \(grid.count)-variant sweep (\(OptimizePresenter.gridText(grid))) by \(query.objective.rawValue)"
                saved = try store.updateStrategy(id: id, to: sweep.bestStrategy, user: user, note: note).0
            }
        }
        return OptimizeOutcome(strategy: strategy, sweep: sweep, plan: plan, savedVersion: saved, saveAsked: query.saveBest, walkForward: walk)
    }

    /// Set from the task's cancellation handler, read by the sweep's threads.
    final class CancelFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }
}
