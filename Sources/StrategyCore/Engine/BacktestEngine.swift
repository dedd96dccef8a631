import Foundation

/// Runs a strategy over a universe of daily bars and measures the result.
///
/// Pure and synchronous: no I/O and no clock. The same request gives the same bytes out.
/// Indicators are computed once per ticker before the day loop; the loop then reveals one day at a
/// time, so a decision at day t never sees day t+1 (see `PortfolioSimulator`).
package enum BacktestEngine {
    /// The rule for a day on which both the stop and the target could have been touched.
    package static let stopTargetRule =
        "stop and target checked against each day's low and high from the entry day on; a gap fills at the open; when both could fire the same day, the stop is taken"

    /// Runs a backtest.
    /// - Parameters:
    ///   - progress: called with `(done, total)` as tickers are prepared and days are simulated.
    ///   - shouldCancel: polled as the work goes; returning true stops the run with `BacktestError.cancelled`.
    package static func run(
        _ request: BacktestRequest, progress: ((_ done: Int, _ total: Int) -> Void)? = nil,
        shouldCancel: (() -> Bool)? = nil
    ) throws -> StrategyBacktest {
        try validate(request)
        let strategy = try CompiledStrategy(request.strategy)
        let series = request.series.sorted { $0.ticker < $1.ticker }

        var frames: [TickerFrame] = []
        frames.reserveCapacity(series.count)
        let total = series.count
        for (k, s) in series.enumerated() {
            if shouldCancel?() == true { throw BacktestError.cancelled }
            let frame = try TickerFrame.make(
                series: s, external: request.externalColumns[s.ticker] ?? [:], strategy: strategy,
                start: request.start, end: request.end)
            frames.append(frame)
            progress?(k + 1, total)
        }
        let days = unionDays(frames, start: request.start, end: request.end)
        guard !days.isEmpty else { throw BacktestError.noData(start: request.start, end: request.end) }
        return try simulate(request, strategy: strategy, frames: frames, days: days) { d in
            if shouldCancel?() == true { throw BacktestError.cancelled }
            progress?(frames.count + d + 1, frames.count + days.count)
        }
    }

    /// The day loop over prepared frames and the result; `checkpoint` is called about 100 times with the day index.
    static func simulate(
        _ request: BacktestRequest, strategy: CompiledStrategy, frames: [TickerFrame], days: [Day],
        checkpoint: ((Int) throws -> Void)? = nil
    ) throws -> StrategyBacktest {
        var simulator = PortfolioSimulator(frames: frames, days: days, settings: settings(request))
        let step = max(1, days.count / 100)
        try simulator.run { d in
            if d % step == 0 || d == days.count - 1 { try checkpoint?(d) }
        }
        return assemble(request: request, strategy: strategy, frames: frames, days: days, simulator: simulator)
    }

    /// The day loop's settings: the request's costs and fill rule, the strategy's risk numbers.
    static func settings(_ request: BacktestRequest) -> PortfolioSimulator.Settings {
        .init(initialCapital: request.initialCapital, fill: request.fill,
              rules: FillRules(risk: request.strategy.riskParameters, commissionPct: request.commissionPct,
                               slippageBps: request.slippageBps))
    }

    static func validate(_ r: BacktestRequest) throws {
        guard r.start <= r.end else { throw BacktestError.emptyDateRange(start: r.start, end: r.end) }
        guard r.initialCapital.isFinite, r.initialCapital > 0 else {
            throw BacktestError.invalidSetting(name: "initial capital", value: r.initialCapital)
        }
        for (name, value) in [("commission_pct", r.commissionPct), ("slippage_bps", r.slippageBps),
                              ("position_size_pct", r.strategy.riskParameters.positionSizePct)]
            where !(value.isFinite && value >= 0) {
            throw BacktestError.invalidSetting(name: name, value: value)
        }
    }

    /// Trading days are the days the data has: every day on which some ticker has a bar, within the range.
    static func unionDays(_ frames: [TickerFrame], start: Day, end: Day) -> [Day] {
        let live = frames.filter { $0.startIndex < $0.count }
        guard let lo = live.map({ $0.days[$0.startIndex].serial }).min(),
              let hi = live.map({ $0.days[$0.count - 1].serial }).max() else { return [] }
        var seen = [Bool](repeating: false, count: Int(hi - lo) + 1)
        var previous: [Day] = []
        for f in live {
            // Universes usually share one calendar; skip re-marking an identical one.
            if f.days == previous { continue }
            for i in f.startIndex..<f.count { seen[Int(f.days[i].serial - lo)] = true }
            previous = f.days
        }
        var days: [Day] = []
        for (k, s) in seen.enumerated() where s { days.append(Day(serial: lo + Int32(k))) }
        return days
    }
}
