import Foundation
import MarketData
import StrategyCore

/// Times loading both embedded sets together, the 2009-2010 cross-section and the long history
/// (read each resource, decode every column into `PriceSeries`).
///
/// Cold is the first load in a fresh process: the code and the decoder run for the first time (the file
/// itself is usually in the operating system's page cache by then, as it is for a person who ran stratchat
/// a moment ago). Warm is each later load in the same process.
struct EmbeddedLoad: Codable {
    let fileBytes: Int
    let tickers: Int
    let bars: Int
    let coldSeconds: Double
    /// Processor time of the cold load (every thread): what it costs when a core is free, as on a quiet machine.
    let coldCPUSeconds: Double
    let warmBestSeconds: Double
    let warmMedianSeconds: Double

    /// Measures in this process, which must not have loaded the set before.
    static func measure(warmRuns: Int = 20) throws -> EmbeddedLoad {
        let clock = ContinuousClock()
        let cpuStart = processorSeconds()
        let start = clock.now
        let sets = try EmbeddedDataSet.Resource.allCases.map { try EmbeddedDataSet.load($0) }
        let cold = seconds(clock.now - start)
        let coldCPU = processorSeconds() - cpuStart
        var warm: [Double] = []
        for _ in 0..<warmRuns {
            let begin = clock.now
            for resource in EmbeddedDataSet.Resource.allCases { _ = try EmbeddedDataSet.load(resource) }
            warm.append(seconds(clock.now - begin))
        }
        warm.sort()
        let size = EmbeddedDataSet.Resource.allCases.reduce(0) { total, resource in
            total + ((try? EmbeddedDataSet.resourceURL(resource).map { try Data(contentsOf: $0).count }) ?? nil ?? 0)
        }
        return EmbeddedLoad(fileBytes: size, tickers: sets.reduce(0) { $0 + $1.series.count },
                            bars: sets.reduce(0) { $0 + $1.series.values.reduce(0) { $0 + $1.count } }, coldSeconds: cold,
                            coldCPUSeconds: coldCPU, warmBestSeconds: warm[0], warmMedianSeconds: warm[warm.count / 2])
    }

    /// This process's processor time so far, all threads.
    static func processorSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// One line for the bench table.
    var line: String {
        String(format: "embedded data sets (cross-section + long history): %d series, %d bars, %.2f MB in files; load cold %.1f ms wall, %.1f ms processor time (first in a fresh process; goal < 60 ms; on a busy machine the wall time includes waiting for a core), warm best %.1f ms, median %.1f ms",
               tickers, bars, Double(fileBytes) / 1_048_576, coldSeconds * 1e3, coldCPUSeconds * 1e3, warmBestSeconds * 1e3, warmMedianSeconds * 1e3)
    }
}
