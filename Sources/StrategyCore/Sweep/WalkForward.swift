import Foundation

/// Walk-forward analysis: a sweep picks the best variant in each train window, and that variant trades the
/// test window that follows; the test windows' equity, chained, is the out-of-sample result.
///
/// `WalkForward.run(request, grid:options:)` cuts `request.start … request.end` into windows of
/// `trainMonths` then `testMonths` calendar months. Rolling windows move the train start on by the test
/// length; anchored ones keep the first start. Each train step is `ParameterSweep.run` on a request that ends
/// on the train window's last day, and the engine reads no bar after a request's end, so no test-window price
/// can reach its own train step. Each test window starts flat with the equity the previous one ended on.
///
/// Walk-forward efficiency is the out-of-sample annualised return over the mean annualised in-sample return
/// of the chosen variants (nil when that mean is not positive).
package enum WalkForward {
    package struct Options: Hashable, Sendable {
        package var trainMonths: Int
        package var testMonths: Int
        package var anchored: Bool
        package var objective: ParameterSweep.Objective

        package init(trainMonths: Int, testMonths: Int, anchored: Bool = false, objective: ParameterSweep.Objective = .sharpe) {
            self.trainMonths = trainMonths
            self.testMonths = testMonths
            self.anchored = anchored
            self.objective = objective
        }
    }

    package struct Window: Hashable, Sendable {
        package var trainStart: Day
        package var trainEnd: Day
        package var testStart: Day
        package var testEnd: Day
        /// The chosen variant's index in the grid and its values.
        package var chosen: Int
        package var values: [Double]
        package var inSample: BacktestMetrics
        package var inSampleDays: Int
        package var outOfSample: BacktestMetrics
        package var outOfSampleDays: Int
    }

    package struct Result: Sendable {
        package var grid: ParameterGrid
        package var options: Options
        package var windows: [Window]
        /// The test windows' equity, chained from the request's capital.
        package var equity: [EquityPoint]
        package var outOfSampleReturnPct: Double
        package var efficiency: Double?
    }

    /// The windows' dates, before anything runs.
    package static func windows(start: Day, end: Day, options: Options) -> [(trainStart: Day, trainEnd: Day, testStart: Day, testEnd: Day)] {
        var out: [(Day, Day, Day, Day)] = []
        var k = 0
        while true {
            let trainStart = options.anchored ? start : adding(months: k * options.testMonths, to: start)
            let testStart = adding(months: options.trainMonths + k * options.testMonths, to: start)
            guard testStart <= end else { break }
            let testEnd = min(adding(months: options.testMonths, to: testStart).adding(days: -1), end)
            out.append((trainStart, testStart.adding(days: -1), testStart, testEnd))
            k += 1
        }
        return out
    }

    /// The same day of the month `months` later (the month's last day when it is shorter).
    static func adding(months: Int, to day: Day) -> Day {
        let c = day.components
        let total = c.year * 12 + (c.month - 1) + months
        let (year, month) = (total / 12, total % 12 + 1)
        for d in stride(from: c.day, through: min(c.day, 28), by: -1) {
            if let moved = Day(year: year, month: month, day: d) { return moved }
        }
        return Day(year: year, month: month, day: 28) ?? day
    }

    /// The sweep of one train window: the request cut to end on `trainEnd`.
    package static func train(_ request: BacktestRequest, grid: ParameterGrid, from trainStart: Day, to trainEnd: Day,
                              objective: ParameterSweep.Objective, workers: Int = 2,
                              shouldCancel: (@Sendable () -> Bool)? = nil) throws -> ParameterSweep.Result {
        var train = request
        train.start = trainStart
        train.end = trainEnd
        return try ParameterSweep.run(train, grid: grid, objective: objective, workers: workers, shouldCancel: shouldCancel)
    }

    package static func run(_ request: BacktestRequest, grid: ParameterGrid, options: Options, workers: Int = 2,
                            shouldCancel: (@Sendable () -> Bool)? = nil) throws -> Result {
        guard options.trainMonths >= 1, options.testMonths >= 1 else {
            throw SweepError.trainTooShort(days: 0, needed: 1)
        }
        let plan = windows(start: request.start, end: request.end, options: options)
        guard !plan.isEmpty else { throw SweepError.noTestWindow(trainMonths: options.trainMonths, start: request.start, end: request.end) }
        // The train window must hold the longest look-back of any variant's fields.
        let lookback = try (0..<grid.count).map { try CompiledStrategy(grid.strategy(request.strategy, variant: $0)) }
            .flatMap(\.fields).map(IndicatorEngine.lookback).max() ?? 0
        let calendar = Set(request.series.flatMap(\.days))
        var capital = request.initialCapital
        var windows: [Window] = [], equity: [EquityPoint] = []
        for w in plan {
            let trainDays = calendar.count { $0 >= w.trainStart && $0 <= w.trainEnd }
            guard trainDays > lookback else { throw SweepError.trainTooShort(days: trainDays, needed: lookback) }
            let sweep = try train(request, grid: grid, from: w.trainStart, to: w.trainEnd, objective: options.objective,
                                  workers: workers, shouldCancel: shouldCancel)
            var test = request
            test.strategy = sweep.bestStrategy
            test.start = w.testStart
            test.end = w.testEnd
            test.initialCapital = capital
            let result: StrategyBacktest
            do {
                result = try BacktestEngine.run(test, shouldCancel: shouldCancel)
            } catch BacktestError.noData {
                continue
            }
            capital = result.equityCurve.last?.equity ?? capital
            equity += result.equityCurve
            windows.append(Window(
                trainStart: w.trainStart, trainEnd: w.trainEnd, testStart: w.testStart, testEnd: w.testEnd,
                chosen: sweep.best, values: sweep.variants[sweep.best].values, inSample: sweep.variants[sweep.best].metrics,
                inSampleDays: sweep.variants[sweep.best].dailyReturns.count, outOfSample: result.metrics,
                outOfSampleDays: result.equityCurve.count))
        }
        let total = capital / request.initialCapital - 1
        let oosDays = windows.reduce(0) { $0 + $1.outOfSampleDays }
        func annualised(_ r: Double, days: Int) -> Double {
            days > 0 && r > -1 ? pow(1 + r, BacktestMetrics.tradingDaysPerYear / Double(days)) - 1 : -1
        }
        let inSample = windows.map { annualised($0.inSample.totalReturnPct / 100, days: $0.inSampleDays) }
        let meanIn = inSample.isEmpty ? 0 : inSample.reduce(0, +) / Double(inSample.count)
        return Result(grid: grid, options: options, windows: windows, equity: equity, outOfSampleReturnPct: total * 100,
                      efficiency: meanIn > 0 ? annualised(total, days: oosDays) / meanIn : nil)
    }
}
