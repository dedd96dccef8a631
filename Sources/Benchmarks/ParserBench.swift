import Foundation
import StrategyCore

/// The text parser's speed: the goal is under 1 ms per sentence.
enum ParserBench {
    static func line(repeats: Int = 2_000) -> String {
        let timing = ParserBenchmark.run(repeats: repeats) { DispatchTime.now().uptimeNanoseconds }
        return String(format: "text parser: %d parses, mean %.1f µs per sentence, slowest sentence %.1f µs (goal < 1,000 µs)",
                      timing.parses, timing.meanNanoseconds / 1e3, timing.slowestNanoseconds / 1e3)
    }
}
