import Foundation
import StrategyCore

/// A timing workload for the offline model's line reading (every reading built and scored), and for the
/// edit it leads to, for the benchmark executable; the clock comes in as a parameter.
package enum OfflineReadingBenchmark {
    /// Lines a trader types after creating a strategy: edits, commands, new ideas, small talk.
    package static let lines: [String] = [
        "tighten the stop to 6%",
        "lose the time limit and the profit target, and only buy when RSI(14) is under 60",
        "remove the max hold from Dip Buyer",
        "but only if volume is above its 50 day average",
        "call it Oversold Bounce",
        "widen the stop slightly, to 9%",
        "change 30 to 25",
        "switch to EMAs",
        "backtest it on AAPL and MSFT since 2015",
        "delete it",
        "buy when RSI is below 30 and the price is above the 200-day average",
        "thanks!",
    ]

    package struct Timing: Sendable {
        /// Mean time to read one line (build and score every reading), in nanoseconds.
        package var readNanoseconds: Double
        /// Mean time to apply one edit line to a strategy with the refine parser, in nanoseconds.
        package var refineNanoseconds: Double
        package var lines: Int
        package var checksum: Int
    }

    package static func run(repeats: Int, now: () -> UInt64) -> Timing {
        let reader = OfflineIntentReader(knownNames: ["Dip Buyer"], focus: "Dip Buyer")
        let parser = StrategyTextParser()
        guard let strategy = parser.parse("buy when RSI is below 30 and the price is above the 200-day average").strategy else {
            return Timing(readNanoseconds: 0, refineNanoseconds: 0, lines: 0, checksum: 0)
        }
        var sink = 0
        let count = max(1, repeats)
        var start = now()
        for _ in 0..<count {
            for line in lines { sink &+= reader.read(line).reference == nil ? 0 : 1 }
        }
        let read = now() - start
        start = now()
        for _ in 0..<count {
            for line in lines { sink &+= parser.refine(strategy, with: line).changes.count }
        }
        let refine = now() - start
        let total = Double(count * lines.count)
        return Timing(readNanoseconds: Double(read) / total, refineNanoseconds: Double(refine) / total,
                      lines: count * lines.count, checksum: sink)
    }
}
