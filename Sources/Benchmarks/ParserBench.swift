import Foundation
import StrategyCore
import Tools

/// The text parser's speed: the goal is under 1 ms per sentence.
enum ParserBench {
    static func line(repeats: Int = 2_000) -> String {
        let timing = ParserBenchmark.run(repeats: repeats) { DispatchTime.now().uptimeNanoseconds }
        return String(format: "text parser: %d parses, mean %.1f µs per sentence, slowest sentence %.1f µs (goal < 1,000 µs)",
                      timing.parses, timing.meanNanoseconds / 1e3, timing.slowestNanoseconds / 1e3)
    }

    /// The offline model's cost per line: every reading built and scored, then the edit applied.
    static func readingLine(repeats: Int = 500) -> String {
        let timing = OfflineReadingBenchmark.run(repeats: repeats) { DispatchTime.now().uptimeNanoseconds }
        return String(format: "line reading: %d lines, mean %.1f µs to build and score the readings of a line, %.1f µs to apply an edit line (goal < 1,000 µs)",
                      timing.lines, timing.readNanoseconds / 1e3, timing.refineNanoseconds / 1e3)
    }
}
