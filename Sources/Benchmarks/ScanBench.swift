import Foundation
import MarketData
import Store
import StrategyCore
import Tools

/// Times the daily scan over the embedded 524-ticker sample: one strategy (first run, then warm re-runs
/// of the same day), and growing numbers of strategies to show how the cost scales.
struct ScanBench: Codable {
    struct Size: Codable {
        let strategies: Int
        let seconds: Double
        /// CPU time of the whole process during the scan: on a shared machine the wall time includes waiting for a core.
        let cpuSeconds: Double
    }

    let tickers: Int
    let oneColdSeconds: Double
    let oneWarmBestSeconds: Double
    let oneWarmMedianSeconds: Double
    let sizes: [Size]

    static func measure(sizes: [Int] = [10, 100, 1_000], warmRuns: Int = 10) async throws -> ScanBench {
        let one = try await timings(strategies: 1, runs: 1 + warmRuns)
        var grown: [Size] = []
        for n in sizes {
            let timed = try await timings(strategies: n, runs: 1)
            grown.append(Size(strategies: n, seconds: timed.runs[0], cpuSeconds: timed.cpu[0]))
        }
        let warm = one.runs.dropFirst().sorted()
        return ScanBench(tickers: one.tickers, oneColdSeconds: one.runs[0], oneWarmBestSeconds: warm.first ?? 0,
                         oneWarmMedianSeconds: warm[warm.count / 2], sizes: grown)
    }

    /// A fresh temporary store with `strategies` active strategies, scanned `runs` times on the data's last day;
    /// with `paperAccounts`, the strategies are attached to that many paper accounts in turn, and each run starts
    /// from a fresh store (an account never steps a day twice, so a rerun would trade nothing).
    static func timings(strategies: Int, runs: Int, paperAccounts: Int = 0) async throws -> (tickers: Int, runs: [Double], cpu: [Double]) {
        guard paperAccounts > 0 else { return try await scans(strategies: strategies, runs: runs, paperAccounts: 0) }
        var all: (tickers: Int, runs: [Double], cpu: [Double]) = (0, [], [])
        for _ in 0..<runs {
            let one = try await scans(strategies: strategies, runs: 1, paperAccounts: paperAccounts)
            all = (one.tickers, all.runs + one.runs, all.cpu + one.cpu)
        }
        return all
    }

    /// One store, scanned `runs` times.
    private static func scans(strategies: Int, runs: Int, paperAccounts: Int) async throws -> (tickers: Int, runs: [Double], cpu: [Double]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stratchat-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try StratStore.open(at: folder.appendingPathComponent("bench.db").path)
        try store.ensureUser("bench")
        var ids: [String] = []
        for i in 0..<strategies {
            ids.append(try store.createStrategy(strategy(variant: i), user: "bench", note: nil).id)
        }
        if paperAccounts > 0 {
            let paper = PaperService(store: store, user: "bench")
            for k in 0..<paperAccounts { _ = try paper.open(name: "bench-\(k)", capital: 100_000) }
            for (i, id) in ids.enumerated() { _ = try paper.add(strategy: id, to: "bench-\(i % paperAccounts)") }
        }
        let market = try MarketData.offline(storage: store)
        let tickers = try market.resolve(universe: "sample").members.count
        let service = ScanService(store: store, feed: MarketDataFeed(market: market),
                                  lockPath: folder.appendingPathComponent("scan.lock").path)
        var times: [Double] = [], cpu: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<runs {
            let cpuStart = SweepBench.processCPUSeconds()
            let start = clock.now
            let report = await service.run(ScanOptions(quiet: true))
            times.append(EmbeddedLoad.seconds(clock.now - start))
            cpu.append(SweepBench.processCPUSeconds() - cpuStart)
            guard report.exitCode == 0 else { throw BenchFailure(message: report.output(quiet: false)) }
            guard report.paperAccountsTraded == paperAccounts else {
                throw BenchFailure(message: "\(report.paperAccountsTraded) of \(paperAccounts) paper accounts traded")
            }
        }
        return (tickers, times, cpu)
    }

    /// The bench strategy (rsi_14 < 30 AND close > sma_200, exit rsi_14 > 70, 8% stop, 30 days), with the
    /// thresholds varied so many strategies are not copies of one another.
    static func strategy(variant i: Int) -> TradingStrategy {
        let rsi = Double(20 + i % 21)
        let average = [50, 100, 150, 200][i / 21 % 4]
        return TradingStrategy(
            name: "bench \(i)", timeframe: .shortTerm,
            entryConditions: [
                Condition(field: "rsi_14", operator: .lt, value: .number(rsi)),
                Condition(field: "close", operator: .gt, value: .field(FieldReference(field: "sma_\(average)"))),
            ],
            exitConditions: [Condition(field: "rsi_14", operator: .gt, value: .number(70))],
            riskParameters: RiskParameters(stopLossPct: 8, takeProfitPct: nil, maxHoldDays: 30, positionSizePct: 5))
    }

    var lines: [String] {
        var out = [String(format: "daily scan, 1 strategy over the %d-ticker sample: first %.1f ms, warm best %.1f ms, median %.1f ms (goal < 50 ms warm)",
                          tickers, oneColdSeconds * 1e3, oneWarmBestSeconds * 1e3, oneWarmMedianSeconds * 1e3)]
        for size in sizes {
            out.append(String(format: "daily scan, %5d strategies: %8.2f s wall, %.2f s CPU  (%.1f ms per strategy)",
                              size.strategies, size.seconds, size.cpuSeconds, size.seconds / Double(size.strategies) * 1e3)
                       + (size.strategies == 1_000 ? "  (goal < 2 s)" : ""))
        }
        return out
    }
}

/// The scan with 100 strategies attached to paper accounts against the same scan without them (goal ≤ 2×).
struct PaperScanBench {
    let strategies: Int
    let accounts: Int
    let plain: (runs: [Double], cpu: [Double])
    let paper: (runs: [Double], cpu: [Double])

    /// Alternate runs of each, every run on a fresh store, so load on a shared machine falls on both alike; a run takes
    /// about a tenth of a second, so the medians of several keep one disturbed run from deciding the ratio.
    static func measure(strategies: Int = 100, accounts: Int = 10, runs: Int = 7) async throws -> PaperScanBench {
        var plain: (runs: [Double], cpu: [Double]) = ([], [])
        var paper: (runs: [Double], cpu: [Double]) = ([], [])
        for _ in 0..<runs {
            let a = try await ScanBench.timings(strategies: strategies, runs: 1)
            let b = try await ScanBench.timings(strategies: strategies, runs: 1, paperAccounts: accounts)
            plain = (plain.runs + a.runs, plain.cpu + a.cpu)
            paper = (paper.runs + b.runs, paper.cpu + b.cpu)
        }
        return PaperScanBench(strategies: strategies, accounts: accounts, plain: plain, paper: paper)
    }

    static func median(_ x: [Double]) -> Double { x.sorted()[x.count / 2] }

    var lines: [String] {
        let (pw, pc, qw, qc) = (Self.median(plain.runs), Self.median(plain.cpu), Self.median(paper.runs), Self.median(paper.cpu))
        return [
            String(format: "daily scan, %d strategies, no paper accounts:        median %.2f s wall, %.2f s CPU (%d runs)",
                   strategies, pw, pc, plain.runs.count),
            String(format: "daily scan, %d strategies in %d paper accounts:      median %.2f s wall, %.2f s CPU (%d runs)",
                   strategies, accounts, qw, qc, paper.runs.count),
            String(format: "paper trading costs %.2fx the scan's wall time, %.2fx its CPU time (goal <= 2x)", qw / pw, qc / pc),
        ]
    }
}

struct BenchFailure: LocalizedError {
    let message: String
    var errorDescription: String? { message }
}
