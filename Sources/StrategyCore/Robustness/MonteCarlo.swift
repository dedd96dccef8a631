import Foundation

/// Monte Carlo views of a backtest: what else its trades or days could have added up to.
///
/// - `MonteCarlo.resampleTrades(returns:options:)`: each run draws as many trades as there were, with
///   replacement, from the closed trades' returns (fractions of the equity each was taken on: 0.05 is
///   +5%) and compounds them in the order drawn.
/// - `MonteCarlo.blockBootstrap(dailyReturns:blockLength:options:)`: each run rebuilds a daily return
///   series of the original length from blocks of `blockLength` consecutive days (default 20) that start
///   at uniformly drawn days (a moving-block bootstrap), the last block cut short; blocks keep the
///   days' autocorrelation.
///
/// Both take `Options` (10,000 runs, seed `MonteCarlo.defaultSeed`, up to 101 fan-chart points) and return a
/// `Result`: the 5th, 50th and 95th percentiles of the final return and of the maximum drawdown (percent
/// points, drawdown positive), the probability of a loss, and the fan chart's percentile bands of the
/// return so far at each recorded step. Percentiles interpolate as numpy's default (`linear`).
///
/// Deterministic: one `SplitMix64` stream, drawn run after run; index draws are `next() % count`
/// (`SplitMix64.below`).
package enum MonteCarlo {
    package static let defaultSeed: UInt64 = 12_345
    package static let defaultRuns = 10_000
    package static let defaultBlockLength = 20
    package static let defaultFanPoints = 101

    package struct Options: Hashable, Sendable {
        package var runs: Int
        package var seed: UInt64
        /// At most this many fan-chart points: every step when the path has fewer steps, otherwise the
        /// steps ⌊k·steps / (points − 1)⌋ for k = 0 … points − 1 (the first and the last included).
        /// Each point costs a selection over all runs, so the default 101 (a point per 1% of the path) is
        /// what a chart can show; ask for more when a path's every step must be drawn.
        package var fanPoints: Int

        package init(runs: Int = MonteCarlo.defaultRuns, seed: UInt64 = MonteCarlo.defaultSeed,
                    fanPoints: Int = MonteCarlo.defaultFanPoints) {
            self.runs = runs
            self.seed = seed
            self.fanPoints = fanPoints
        }
    }

    package enum Method: String, Codable, Hashable, Sendable {
        case trades
        case dailyBlocks = "daily_blocks"
    }

    /// The 5th, 50th and 95th percentiles of one figure across the runs.
    package struct Spread: Codable, Hashable, Sendable {
        package var p5: Double
        package var p50: Double
        package var p95: Double
    }

    /// The fan chart at one step: percentiles of the return so far, in percent.
    package struct FanBand: Codable, Hashable, Sendable {
        package var step: Int
        package var p5: Double
        package var p50: Double
        package var p95: Double
    }

    package struct Result: Codable, Hashable, Sendable {
        package var method: Method
        package var runs: Int
        /// Trades or days per run.
        package var steps: Int
        package var seed: UInt64
        package var blockLength: Int?
        package var finalReturnPct: Spread
        /// Positive: 27.3 means a fall of 27.3% from a running peak.
        package var maxDrawdownPct: Spread
        /// Share of runs that ended below where they started.
        package var probabilityOfLoss: Double
        package var fan: [FanBand]
    }

    package static func resampleTrades(returns: [Double], options: Options = Options()) throws -> Result {
        try validate(returns, what: "closed trades", options: options)
        let count = returns.count
        return returns.withUnsafeBufferPointer { x in
            simulate(method: .trades, steps: count, blockLength: nil, options: options) { rng, path in
                var equity = 1.0
                for s in 1...count {
                    equity *= 1 + x[rng.below(count)]
                    path[s] = equity
                }
            }
        }
    }

    package static func blockBootstrap(dailyReturns returns: [Double], blockLength: Int = defaultBlockLength,
                                      options: Options = Options()) throws -> Result {
        try validate(returns, what: "daily returns", options: options)
        guard blockLength >= 1 else { throw RobustnessError.invalidOption(name: "block length", value: blockLength, minimum: 1) }
        let count = returns.count, length = min(blockLength, count), starts = count - length + 1
        return returns.withUnsafeBufferPointer { x in
            simulate(method: .dailyBlocks, steps: count, blockLength: length, options: options) { rng, path in
                var equity = 1.0, s = 1
                while s <= count {
                    let start = rng.below(starts)
                    for i in start..<(start + min(length, count - s + 1)) {
                        equity *= 1 + x[i]
                        path[s] = equity
                        s += 1
                    }
                }
            }
        }
    }

    static func validate(_ returns: [Double], what: String, options: Options) throws {
        guard !returns.isEmpty else { throw RobustnessError.noReturns(what: what) }
        if let t = returns.firstIndex(where: { !$0.isFinite }) { throw RobustnessError.notFinite(variant: 0, period: t) }
        guard options.runs >= 1 else { throw RobustnessError.invalidOption(name: "runs", value: options.runs, minimum: 1) }
        guard options.fanPoints >= 2 else {
            throw RobustnessError.invalidOption(name: "fan points", value: options.fanPoints, minimum: 2)
        }
    }

    /// The recorded fan-chart steps for a path of `steps` steps.
    static func fanSteps(steps: Int, points: Int) -> [Int] {
        steps + 1 <= points ? Array(0...steps) : (0..<points).map { $0 * steps / (points - 1) }
    }

    /// Runs `fill` once per run on a path whose index 0 is the start (1.0) and index s the equity
    /// multiple after step s, then summarises the runs.
    private static func simulate(
        method: Method, steps: Int, blockLength: Int?, options: Options,
        fill: (inout SplitMix64, UnsafeMutableBufferPointer<Double>) -> Void
    ) -> Result {
        let runs = options.runs
        let recorded = fanSteps(steps: steps, points: options.fanPoints), points = recorded.count
        var rng = SplitMix64(seed: options.seed)
        var finals = [Double](repeating: 0, count: runs), drawdowns = finals
        // Row-major while simulating (each run writes its points side by side), column by column for selection.
        var fan = [Double](repeating: 0, count: runs * points)
        var path = [Double](repeating: 1, count: steps + 1)
        path.withUnsafeMutableBufferPointer { path in
            fan.withUnsafeMutableBufferPointer { fan in
                for run in 0..<runs {
                    fill(&rng, path)
                    var peak = 1.0, depth = 0.0
                    for s in 1...steps {
                        let e = path[s]
                        if e > peak { peak = e } else { depth = max(depth, 1 - e / peak) }
                    }
                    finals[run] = (path[steps] - 1) * 100
                    drawdowns[run] = depth * 100
                    let row = run * points
                    for k in 0..<points { fan[row + k] = (path[recorded[k]] - 1) * 100 }
                }
            }
        }
        let losses = finals.count { $0 < 0 }
        let percents = [5.0, 50, 95]
        func spread(_ values: inout [Double]) -> Spread {
            let p = values.withUnsafeMutableBufferPointer { Percentile.linear($0, percents) }
            return Spread(p5: p[0], p50: p[1], p95: p[2])
        }
        // A tile of columns at a time, copied out contiguously: reads stay sequential, selection stays in cache.
        var bands: [FanBand] = []
        bands.reserveCapacity(points)
        let tile = 32
        var column = [Double](repeating: 0, count: tile * runs)
        fan.withUnsafeBufferPointer { fan in
            column.withUnsafeMutableBufferPointer { column in
                for first in stride(from: 0, to: points, by: tile) {
                    let width = min(tile, points - first)
                    for run in 0..<runs {
                        let row = run * points + first
                        for j in 0..<width { column[j * runs + run] = fan[row + j] }
                    }
                    for j in 0..<width {
                        let p = Percentile.linear(UnsafeMutableBufferPointer(rebasing: column[(j * runs)..<((j + 1) * runs)]), percents)
                        bands.append(FanBand(step: recorded[first + j], p5: p[0], p50: p[1], p95: p[2]))
                    }
                }
            }
        }
        return Result(method: method, runs: runs, steps: steps, seed: options.seed, blockLength: blockLength,
                      finalReturnPct: spread(&finals), maxDrawdownPct: spread(&drawdowns),
                      probabilityOfLoss: Double(losses) / Double(runs), fan: bands)
    }
}
