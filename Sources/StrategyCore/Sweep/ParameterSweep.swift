import Dispatch
import Foundation

/// Runs every variant of a grid over the same data and judges the best one honestly.
///
/// `ParameterSweep.run(request, grid:workers:shouldCancel:progress:)` cleans each ticker's bars once and
/// computes each distinct indicator column once (a column is shared by every variant that reads it), then
/// simulates the variants on `workers` threads. Each variant's figures are those `BacktestEngine.run`
/// would give the same strategy. The result holds, per variant, its numbers, Sharpe (annualised),
/// return, drawdown, trades and daily returns; the best variant by the objective (ties: lowest index);
/// the Probability of Backtest Overfitting over all variants' daily returns (CSCV, 16 blocks); and the
/// best variant's Deflated Sharpe Ratio with every variant counted as a trial.
///
/// Synchronous and pure: the threads are joined before it returns, and the same inputs give the same result.
package enum ParameterSweep {
    /// What a sweep maximises in choosing its best variant.
    package enum Objective: String, Codable, Hashable, Sendable, CaseIterable {
        case sharpe
        case totalReturn = "total_return"
        case calmar

        func score(_ m: BacktestMetrics) -> Double? {
            switch self {
            case .sharpe: m.sharpeRatio
            case .totalReturn: m.totalReturnPct
            case .calmar: m.calmarRatio
            }
        }
    }

    package struct Variant: Hashable, Sendable {
        package var index: Int
        /// One value per grid axis.
        package var values: [Double]
        package var metrics: BacktestMetrics
        /// Close-to-close daily returns of the equity, the first against the initial capital.
        package var dailyReturns: [Double]
        package var definition: String
        /// The variant's closed trades, kept only when asked for (`keepTrades`), to check them against a backtest.
        var trades: [BacktestTrade] = []
    }

    package struct Result: Sendable {
        package var grid: ParameterGrid
        package var objective: Objective
        package var variants: [Variant]
        package var best: Int
        package var start: Day
        package var end: Day
        /// Nil when the variants cannot be cross-validated (too few days), with `pboProblem` saying why.
        package var overfitting: BacktestOverfitting?
        package var pboProblem: String?
        /// The best variant's PSR and DSR, every variant counted as a trial.
        package var bestStatistics: SharpeStatistics.Summary?
        /// The trials it counted, for the store.
        package var trials: [TrialCount.Backtest]
        /// The best variant as a strategy, ready to save as a version.
        package var bestStrategy: TradingStrategy
        package var bestBacktest: StrategyBacktest
    }

    package static func run(
        _ request: BacktestRequest, grid: ParameterGrid, objective: Objective = .sharpe, workers: Int = 2,
        shouldCancel: (@Sendable () -> Bool)? = nil, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> Result {
        try run(request, grid: grid, objective: objective, workers: workers, shouldCancel: shouldCancel, progress: progress,
                keepTrades: false)
    }

    static func run(
        _ request: BacktestRequest, grid: ParameterGrid, objective: Objective = .sharpe, workers: Int = 2,
        shouldCancel: (@Sendable () -> Bool)? = nil, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil,
        keepTrades: Bool
    ) throws -> Result {
        try BacktestEngine.validate(request)
        let strategies = try grid.strategies(request.strategy)
        let compiled = try strategies.map(CompiledStrategy.init)
        let series = request.series.sorted { $0.ticker < $1.ticker }
        let fields: [Field] = {
            var distinct: [Field] = [], seen = Set<Field>()
            for c in compiled { for field in c.fields where seen.insert(field).inserted { distinct.append(field) } }
            return distinct
        }()
        // Every distinct column once, before the variants run, so their threads only read; the tickers are split
        // between the threads.
        let shared = try Self.perTicker(series.count, workers: workers, shouldCancel: shouldCancel) { t in
            var p = try TickerFrame.Prepared(series: series[t], external: request.externalColumns[series[t].ticker] ?? [:],
                                             start: request.start, end: request.end)
            for field in fields { _ = p.column(field) }
            return p
        }
        let probe = try Self.perTicker(shared.count, workers: workers, shouldCancel: shouldCancel) { t in
            var p = shared[t]
            return p.frame(for: compiled[0])
        }
        let days = BacktestEngine.unionDays(probe, start: request.start, end: request.end)
        guard !days.isEmpty else { throw BacktestError.noData(start: request.start, end: request.end) }
        let benchmarkCloses = BacktestEngine.benchmarkCloses(request, days: days)

        let workers = max(1, min(workers, strategies.count))
        let units = Self.units(compiled, workers: workers)
        let known = try Self.sharedFlags(units.map { compiled[$0[0]] }, prepared: shared, workers: workers, shouldCancel: shouldCancel)
        let slots = Slots(count: strategies.count, units: units.count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let u = slots.nextUnit() {
                if slots.failed || shouldCancel?() == true {
                    slots.fail(BacktestError.cancelled)
                    return
                }
                // The unit's variants differ only in their risk numbers, so they trade on the same frames.
                let rules = compiled[units[u][0]]
                let frames = shared.indices.map { t in var p = shared[t]; return p.frame(for: rules, known: known[t]) }
                for v in units[u] {
                    if slots.failed || shouldCancel?() == true {
                        slots.fail(BacktestError.cancelled)
                        return
                    }
                    var variantRequest = request
                    variantRequest.strategy = strategies[v]
                    var simulator = PortfolioSimulator(frames: frames, days: days, settings: BacktestEngine.settings(variantRequest))
                    simulator.run { _ in }
                    // Only the figures are kept: a thousand equity curves and trade lists would not fit beside the bars.
                    slots.put(v, Variant(
                        index: v, values: grid.values(at: v),
                        metrics: BacktestEngine.metrics(variantRequest, simulator: simulator, benchmarkCloses: benchmarkCloses),
                        dailyReturns: BacktestMetrics.dailyReturns(simulator.equity.map(\.equity), base: request.initialCapital),
                        definition: strategies[v].definitionKey, trades: keepTrades ? simulator.trades : []), progress: progress)
                }
            }
        }
        if let error = slots.error { throw error }
        let variants = slots.values.map { $0! }
        var best = 0
        for v in variants.indices.dropFirst() {
            let a = objective.score(variants[v].metrics) ?? -.infinity, b = objective.score(variants[best].metrics) ?? -.infinity
            if a > b { best = v }
        }
        var bestRequest = request
        bestRequest.strategy = strategies[best]
        // The overfitting estimate and the best variant's full backtest are independent: one on each thread.
        let returns = variants.map(\.dailyReturns), chosen = compiled[best], chosenRequest = bestRequest
        let (overfitting, simulated) = Self.both(workers: workers, {
            try BacktestOverfitting.estimate(variants: returns)
        }, {
            try BacktestEngine.simulate(
                chosenRequest, strategy: chosen, frames: shared.map { var p = $0; return p.frame(for: chosen) }, days: days)
        })
        let bestBacktest = try simulated.get()
        let problem: String? = switch overfitting {
        case .success: nil
        case .failure(let error): (error as? any LocalizedError)?.errorDescription ?? "\(error)"
        }
        let first = bestBacktest.startDate, last = bestBacktest.endDate
        let trials = variants.map {
            TrialCount.Backtest(definition: $0.definition, start: first, end: last, sharpeRatio: $0.metrics.sharpeRatio)
        }
        let counted = TrialCount.count(trials, overlapping: (first, last))
        let statistics = SharpeStatistics.Summary.of(bestBacktest, trials: counted)
        return Result(grid: grid, objective: objective, variants: variants, best: best, start: first, end: last,
                      overfitting: try? overfitting.get(), pboProblem: problem, bestStatistics: statistics, trials: trials,
                      bestStrategy: strategies[best], bestBacktest: bestBacktest)
    }

    /// The variants in units of work: variants with the same rules (only risk numbers differ) form one unit, as
    /// they trade on the same frames. With fewer such groups than threads, each group is split so every thread works.
    static func units(_ compiled: [CompiledStrategy], workers: Int) -> [[Int]] {
        var index: [RuleSet: Int] = [:]
        var groups: [[Int]] = []
        for (v, c) in compiled.enumerated() {
            let key = RuleSet(c)
            if let g = index[key] {
                groups[g].append(v)
            } else {
                index[key] = groups.count
                groups.append([v])
            }
        }
        guard groups.count < workers else { return groups }
        return groups.flatMap { group in
            (0..<min(workers, group.count)).map { k in Array(stride(from: k, to: group.count, by: workers).map { group[$0] }) }
        }
    }

    /// What makes two variants' frames the same.
    struct RuleSet: Hashable {
        let entry: [CompiledStrategy.Rule]
        let entryLogic: Logic
        let exit: [CompiledStrategy.Rule]
        let exitLogic: Logic

        init(_ c: CompiledStrategy) {
            entry = c.entry
            entryLogic = c.entryLogic
            exit = c.exit
            exitLogic = c.exitLogic
        }
    }

    /// At most this many bytes of rule flags are kept for the whole sweep.
    static let sharedFlagsBudget = 64 << 20

    /// Per ticker, the flags of every rule that more than one unit reads (`close > sma_200` beside a swept RSI
    /// threshold), evaluated once; a rule that only one unit reads is evaluated there.
    static func sharedFlags(
        _ units: [CompiledStrategy], prepared: [TickerFrame.Prepared], workers: Int, shouldCancel: (@Sendable () -> Bool)?
    ) throws -> [[CompiledStrategy.Rule: [Bool]]] {
        var uses: [CompiledStrategy.Rule: Int] = [:]
        var order: [CompiledStrategy.Rule] = []
        for c in units {
            var seen = Set<CompiledStrategy.Rule>()
            for rule in c.entry + c.exit where seen.insert(rule).inserted {
                if uses[rule] == nil { order.append(rule) }
                uses[rule, default: 0] += 1
            }
        }
        let bars = prepared.reduce(0) { $0 + $1.clean.count }
        let shared = order.filter { uses[$0, default: 0] > 1 }.prefix(max(0, sharedFlagsBudget / max(1, bars)))
        let rules = Array(shared)
        return try perTicker(prepared.count, workers: workers, shouldCancel: shouldCancel) { t in
            var p = prepared[t]
            var known: [CompiledStrategy.Rule: [Bool]] = [:]
            for rule in rules { known[rule] = p.flags(rule) }
            return known
        }
    }

    /// `make(t)` for every ticker index `t`, the tickers split between `workers` threads; in ticker order, so the
    /// result is the same on any number of threads. Every ticker is tried, so the error thrown is the first
    /// ticker's, as on one thread.
    static func perTicker<T>(
        _ count: Int, workers: Int, shouldCancel: (@Sendable () -> Bool)?, _ make: @Sendable (Int) throws -> T
    ) throws -> [T] {
        let workers = max(1, min(workers, count))
        let results = Results<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for t in stride(from: w, to: count, by: workers) {
                if shouldCancel?() == true {
                    results.fail(t, BacktestError.cancelled)
                    return
                }
                do {
                    results.put(t, try make(t))
                } catch {
                    results.fail(t, error)
                }
            }
        }
        return try results.get()
    }

    /// `a` and `b`, on a thread each when there are two workers; each one's error is kept in its result.
    static func both<A, B>(
        workers: Int, _ a: @Sendable () throws -> A, _ b: @Sendable () throws -> B
    ) -> (Swift.Result<A, any Error>, Swift.Result<B, any Error>) {
        let first = Results<Swift.Result<A, any Error>>(count: 1), second = Results<Swift.Result<B, any Error>>(count: 1)
        let threads = workers >= 2 ? 2 : 1
        DispatchQueue.concurrentPerform(iterations: threads) { k in
            if k == 0 { first.put(0, Swift.Result { try a() }) }
            if k == 1 || threads == 1 { second.put(0, Swift.Result { try b() }) }
        }
        return (first.values[0]!, second.values[0]!)
    }

    /// Results filled by several threads under a lock, each index once.
    private final class Results<T>: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [T?]
        private var errors: [Int: any Error] = [:]

        init(count: Int) { values = Array(repeating: nil, count: count) }

        func put(_ index: Int, _ value: T) { lock.withLock { values[index] = value } }

        func fail(_ index: Int, _ error: any Error) { lock.withLock { errors[index] = error } }

        /// Every value in index order, or the error of the lowest index that failed.
        func get() throws -> [T] {
            try lock.withLock {
                if let first = errors.keys.min(), let error = errors[first] { throw error }
                return values.map { $0! }
            }
        }
    }

    /// The variants' results, filled by the worker threads under a lock.
    private final class Slots: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [Variant?]
        private(set) var error: (any Error)?
        private var done = 0
        private var taken = 0
        private let units: Int

        init(count: Int, units: Int) {
            values = Array(repeating: nil, count: count)
            self.units = units
        }

        /// The next unit of work for a thread, nil when every unit is taken.
        func nextUnit() -> Int? {
            lock.withLock {
                guard taken < units else { return nil }
                taken += 1
                return taken - 1
            }
        }

        var failed: Bool { lock.withLock { error != nil } }

        func put(_ index: Int, _ variant: Variant, progress: (@Sendable (Int, Int) -> Void)?) {
            let (finished, total) = lock.withLock {
                values[index] = variant
                done += 1
                return (done, values.count)
            }
            progress?(finished, total)
        }

        func fail(_ error: any Error) {
            lock.withLock { if self.error == nil { self.error = error } }
        }
    }
}
