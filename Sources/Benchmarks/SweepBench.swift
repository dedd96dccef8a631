import Foundation
import StrategyCore

/// The parameter sweep's speed. The goal: 1,000 variants over 500 tickers × 10 years in under 10 s on two
/// cores, with memory under twice a single backtest's peak.
///
/// The grid is the bench strategy's RSI entry threshold (20 to 44.5 by 0.5: 50 values) × its stop (4% to
/// 23% by 1: 20 values); every variant reads the same two indicator columns, computed once.
enum SweepBench {
    /// One timed sweep, as `--sweep N --json` prints it for the peer comparison.
    struct Figures: Codable {
        let variants: Int
        let wallSeconds: Double
        let cpuSeconds: Double
        let singleBacktestSeconds: Double
        let singlePeakRSS: Int
        let sweepPeakRSS: Int
        /// CPU seconds of each thread that worked during the sweep, most first: two threads near half each show the
        /// work split over both cores, whatever else keeps the machine busy.
        let threadCPUSeconds: [Double]
        let pbo: Double?
        let best: Int
        let deflatedSharpe: Double?
    }

    /// The bench grid: 50 RSI entry thresholds (20 to 44.5 by 0.5) × `wanted / 50` stops (4%, 5%, …).
    static func grid(variants wanted: Int) throws -> ParameterGrid {
        let stops = max(1, wanted / 50)
        return try ParameterGrid(axes: [
            .init(path: "entry_conditions.0.value", values: (0..<50).map { 20 + Double($0) * 0.5 }),
            .init(path: "risk_parameters.stop_loss_pct", values: (0..<stops).map { 4 + Double($0) }),
        ])
    }

    static func measure(variants wanted: Int = 1_000) throws -> Figures {
        let series = SyntheticUniverse.make(tickers: 500, bars: 2_520, seed: 42)
        let request = BenchCase.request(series)
        let clock = ContinuousClock()

        let single = clock.now
        _ = try BacktestEngine.run(request)
        let singleSeconds = seconds(clock.now - single)
        let singlePeak = peakRSSBytes()

        let grid = try grid(variants: wanted)
        let threadsStart = threadCPUTicks()
        let cpuStart = processCPUSeconds()
        let start = clock.now
        let result = try ParameterSweep.run(request, grid: grid, workers: 2)
        let wall = seconds(clock.now - start)
        let cpu = processCPUSeconds() - cpuStart
        let perThread = threadCPUTicks().map { tid, ticks in Double(ticks - (threadsStart[tid] ?? 0)) / Double(sysconf(Int32(_SC_CLK_TCK))) }
        return Figures(variants: result.variants.count, wallSeconds: wall, cpuSeconds: cpu, singleBacktestSeconds: singleSeconds,
                       singlePeakRSS: singlePeak, sweepPeakRSS: peakRSSBytes(),
                       threadCPUSeconds: perThread.filter { $0 > 0.05 }.sorted(by: >), pbo: result.overfitting?.pbo, best: result.best,
                       deflatedSharpe: result.bestStatistics?.deflatedSharpeRatio)
    }

    static func lines(variants wanted: Int = 1_000) throws -> [String] {
        let f = try measure(variants: wanted)
        return [
            String(format: "Sweep, %d variants × 500 tickers × 10 y (2 workers): %.2f s wall (goal < 10 s), %.1f variants/s, %.2f s CPU (%.2f cores busy)",
                   f.variants, f.wallSeconds, Double(f.variants) / f.wallSeconds, f.cpuSeconds, f.cpuSeconds / f.wallSeconds),
            "  CPU per thread that worked: " + f.threadCPUSeconds.map { String(format: "%.2f s", $0) }.joined(separator: ", ")
                + String(format: " (the busiest did %.0f%% of the CPU time)", (f.threadCPUSeconds.first ?? 0) / max(1e-9, f.threadCPUSeconds.reduce(0, +)) * 100),
            String(format: "  one backtest of the same universe first: %.2f s, peak RSS %@; after the sweep peak RSS %@ (%.2fx; goal < 2x)",
                   f.singleBacktestSeconds, mb(f.singlePeakRSS) as NSString, mb(f.sweepPeakRSS) as NSString,
                   Double(f.sweepPeakRSS) / Double(f.singlePeakRSS)),
            String(format: "  PBO %.3f; best variant %d, deflated Sharpe %.3f", f.pbo ?? .nan, f.best, f.deflatedSharpe ?? .nan),
            "(bars are a seeded random walk, synthetic sample; release build)",
        ]
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// CPU time so far of each thread of this process, in clock ticks, by thread id (Linux `/proc/self/task/*/stat`).
    static func threadCPUTicks() -> [String: Int] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        var out: [String: Int] = [:]
        for tid in tasks {
            guard let stat = try? String(contentsOfFile: "/proc/self/task/\(tid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // After the command name: state is field 3, utime and stime are fields 14 and 15.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { continue }
            out[tid] = user + system
        }
        return out
    }

    /// CPU time of every thread of this process so far.
    static func processCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
