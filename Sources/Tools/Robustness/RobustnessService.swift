import Foundation
import Store
import StrategyCore

/// The one way a robustness check runs, for `analyze_strategy_robustness`, `/robustness` and
/// `stratchat robustness`: backtests the strategy as `BacktestService` does (the same data, dates and
/// trial count), then resamples its closed trades and its days (Monte Carlo) and splits its days by the
/// benchmark's regime.
package struct RobustnessService: Sendable {
    package var backtests: BacktestService

    package init(backtests: BacktestService) {
        self.backtests = backtests
    }

    package init(context: ToolContext) {
        self.init(backtests: BacktestService(context: context))
    }

    package struct Query: Sendable {
        package var backtest: BacktestQuery
        package var runs: Int
        package var seed: UInt64
        package var blockLength: Int
        /// Reserve (or give back) the strategy's hold-out before the check.
        package var holdoutChange: HoldoutChange?
        /// Test the hold-out's days, counted as an opening.
        package var openHoldout: Bool

        package init(backtest: BacktestQuery, runs: Int = MonteCarlo.defaultRuns, seed: UInt64 = MonteCarlo.defaultSeed,
                     blockLength: Int = MonteCarlo.defaultBlockLength, holdoutChange: HoldoutChange? = nil, openHoldout: Bool = false) {
            self.backtest = backtest
            self.runs = runs
            self.seed = seed
            self.blockLength = blockLength
            self.holdoutChange = holdoutChange
            self.openHoldout = openHoldout
        }
    }

    package enum HoldoutChange: Hashable, Sendable {
        case reserve(Holdout)
        case remove

        /// "30%", "2016-01-04" or "off"/"none"/"remove".
        package static func parse(_ text: String) throws -> HoldoutChange {
            if ["off", "none", "remove", "clear"].contains(text.lowercased()) { return .remove }
            guard let holdout = Holdout.parse(text) else { throw SweepError.badHoldout(text) }
            return .reserve(holdout)
        }

        package static func parseIfValid(_ text: String) -> HoldoutChange? { try? parse(text) }
    }

    package func run(_ query: Query) async throws -> RobustnessOutcome {
        var backtest = query.backtest
        if let change = query.holdoutChange { try await apply(change, for: backtest) }
        if query.openHoldout { backtest.holdout = .open }
        var outcome = try Self.analyze(try await backtests.run(backtest), query: query)
        if let store = backtests.store, let id = backtest.strategy.id {
            outcome.holdout = try store.holdout(strategyId: id, user: backtests.userId)
        }
        return outcome
    }

    /// Reserves the hold-out where the strategy's whole test period (planned as if nothing were reserved)
    /// puts it, or gives it back.
    func apply(_ change: HoldoutChange, for query: BacktestQuery) async throws {
        guard let store = backtests.store, let id = query.strategy.id else {
            throw ToolsError.invalidArgument(tool: query.names.caller, name: "holdout", reason: "needs a stored strategy",
                                             fix: "Save the strategy first (create it in the chat), then reserve its hold-out.")
        }
        switch change {
        case .remove:
            try store.removeHoldout(strategyId: id, user: backtests.userId)
        case .reserve(let holdout):
            var whole = query
            whole.holdout = .ignore
            let request = try await backtests.plan(whole).request
            let days = Set(request.series.flatMap(\.days)).filter { $0 >= request.start && $0 <= request.end }.sorted()
            let start = try holdout.resolve(tradingDays: days)
            try store.setHoldout(strategyId: id, user: backtests.userId, start: start, spec: holdout.text)
        }
    }

    /// The Monte Carlo runs and the regimes of a finished backtest.
    static func analyze(_ backtest: BacktestOutcome, query: Query) throws -> RobustnessOutcome {
        let result = backtest.result
        let options = MonteCarlo.Options(runs: query.runs, seed: query.seed)
        let tradeReturns = MonteCarlo.tradeReturns(of: result)
        let trades = tradeReturns.isEmpty ? nil : try MonteCarlo.resampleTrades(returns: tradeReturns, options: options)
        let dailyReturns = MonteCarlo.dailyReturns(of: result)
        let days = dailyReturns.isEmpty ? nil
            : try MonteCarlo.blockBootstrap(dailyReturns: dailyReturns, blockLength: query.blockLength, options: options)
        var regimes: RegimeAnalysis.Result?
        var regimesProblem: String?
        if let benchmark = backtest.plan.request.benchmark {
            regimes = RegimeAnalysis.analyze(result, benchmark: benchmark)
            if regimes == nil { regimesProblem = "the benchmark \(result.assumptions.benchmark) has no close on or before the first tested day" }
        } else {
            regimesProblem = "there is no benchmark data to split the days by"
        }
        if let r = regimes, r.unclassifiedTrendDays == result.equityCurve.count {
            regimesProblem = "the benchmark has fewer than \(RegimeAnalysis.trendPeriod) closes by the last tested day"
        }
        return RobustnessOutcome(backtest: backtest, trades: trades, days: days, regimes: regimes, regimesProblem: regimesProblem)
    }
}
