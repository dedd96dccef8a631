import Foundation
import StrategyCore

/// The robustness statistics' speed. The goal: Monte Carlo of 10,000 resamples of 500 trades under 200 ms.
///
/// Trade and daily returns are synthetic (a seeded normal draw); the timing does not depend on their values.
enum RobustnessBench {
    static func lines(repeats: Int = 5) throws -> [String] {
        var rng = SplitMix64(seed: 17)
        let trades = (0..<500).map { _ in 0.005 + 0.05 * rng.normal() }
        let days = (0..<2_520).map { _ in 0.0004 + 0.01 * rng.normal() }
        let variants = (0..<100).map { _ in (0..<2_520).map { _ in 0.0003 + 0.01 * rng.normal() } }

        let trade = try time(repeats) { _ = try MonteCarlo.resampleTrades(returns: trades) }
        let bare = try time(repeats) { _ = try MonteCarlo.resampleTrades(returns: trades, options: .init(fanPoints: 2)) }
        let everyStep = try time(repeats) { _ = try MonteCarlo.resampleTrades(returns: trades, options: .init(fanPoints: 501)) }
        let blocks = try time(repeats) { _ = try MonteCarlo.blockBootstrap(dailyReturns: days) }
        let pbo = try time(3) { _ = try BacktestOverfitting.estimate(variants: variants) }
        return [
            String(format: "Monte Carlo, 10,000 resamples of 500 trades: best %.1f ms, median %.1f ms, best CPU %.1f ms (goal < 200 ms)",
                   trade.best * 1e3, trade.median * 1e3, trade.cpu * 1e3),
            String(format: "  of which the fan chart's 101 points: %.1f ms CPU; with a point at each of the 501 steps: best %.1f ms, CPU %.1f ms",
                   (trade.cpu - bare.cpu) * 1e3, everyStep.best * 1e3, everyStep.cpu * 1e3),
            String(format: "Monte Carlo, 10,000 block bootstraps of 2,520 days: best %.1f ms, median %.1f ms, best CPU %.1f ms",
                   blocks.best * 1e3, blocks.median * 1e3, blocks.cpu * 1e3),
            String(format: "PBO by CSCV, 16 blocks (12,870 splits) × 100 variants × 2,520 days: best %.1f ms, best CPU %.1f ms",
                   pbo.best * 1e3, pbo.cpu * 1e3),
            "(synthetic returns from a seeded generator; one core, release build)",
        ]
    }

    /// Best and median wall time, and the best thread CPU time (wall time includes waiting for a core).
    static func time(_ repeats: Int, _ body: () throws -> Void) rethrows -> (best: Double, median: Double, cpu: Double) {
        let clock = ContinuousClock()
        var times: [Double] = [], cpu: [Double] = []
        for _ in 0..<repeats {
            let cpuStart = threadCPUSeconds()
            let start = clock.now
            try body()
            let elapsed = clock.now - start
            cpu.append(threadCPUSeconds() - cpuStart)
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        times.sort()
        return (times[0], times[times.count / 2], cpu.min() ?? 0)
    }
}
