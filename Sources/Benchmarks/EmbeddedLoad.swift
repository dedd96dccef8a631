import Foundation
import MarketData
import StrategyCore

/// Times loading the whole embedded data set (read the resource, decode every column into `PriceSeries`).
///
/// Cold is the first load in a fresh process: the code and the decoder run for the first time (the file
/// itself is usually in the operating system's page cache by then, as it is for a person who ran stratchat
/// a moment ago). Warm is each later load in the same process.
struct EmbeddedLoad: Codable {
    let fileBytes: Int
    let tickers: Int
    let bars: Int
    let coldSeconds: Double
    let warmBestSeconds: Double
    let warmMedianSeconds: Double

    /// Measures in this process, which must not have loaded the set before.
    static func measure(warmRuns: Int = 20) throws -> EmbeddedLoad {
        let clock = ContinuousClock()
        let start = clock.now
        let set = try EmbeddedDataSet.load()
        let cold = seconds(clock.now - start)
        var warm: [Double] = []
        for _ in 0..<warmRuns {
            let begin = clock.now
            _ = try EmbeddedDataSet.load()
            warm.append(seconds(clock.now - begin))
        }
        warm.sort()
        let size = (try? EmbeddedDataSet.resourceURL.map { try Data(contentsOf: $0).count }) ?? nil
        return EmbeddedLoad(fileBytes: size ?? 0, tickers: set.series.count,
                            bars: set.series.values.reduce(0) { $0 + $1.count }, coldSeconds: cold,
                            warmBestSeconds: warm[0], warmMedianSeconds: warm[warm.count / 2])
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// One line for the bench table.
    var line: String {
        String(format: "embedded data set: %d tickers, %d bars, %.2f MB file; load cold %.1f ms (first in a fresh process), warm best %.1f ms, median %.1f ms",
               tickers, bars, Double(fileBytes) / 1_048_576, coldSeconds * 1e3, warmBestSeconds * 1e3, warmMedianSeconds * 1e3)
    }
}
