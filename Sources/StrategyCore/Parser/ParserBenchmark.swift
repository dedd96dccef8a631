import Foundation

/// A timing workload for the text parser, for the benchmark executable: the clock comes in as a parameter,
/// so this module still reads no clock of its own.
package enum ParserBenchmark {
    /// Phrasings of every kind the parser handles, from a two-word idiom to a full strategy with risk.
    package static let sentences: [String] = [
        "buy when insiders are buying and RSI is oversold",
        "Buy stocks when 3+ insiders buy more than $500K total in the last 30 days AND the stock is above its 50-day moving average. Sell when the stock drops below the 50-day MA or hits a 12% stop loss.",
        "buy on a golden cross, sell on a death cross",
        "swing trade: buy if RSI(2) < 10 and price > 200 SMA, sell when RSI(2) > 70, max hold 10 days",
        "buy when volume is twice its 20-day average and price breaks out above the 20 day high",
        "buy when reddit mentions are spiking and sentiment is positive, 8% stop, take profit at 20%, 5% positions",
        "buy when the stock is down 10% in 5 days and there's no insider selling, risk 2% per trade",
        "entry: rsi_14 < 30 and close > sma_200; exit: rsi_14 > 70 or stop 8%; size 5%",
        "buy when rsi is oversld and the MACD crosses above its signal line",
        "short when RSI is above 70",
    ]

    package struct Timing: Sendable {
        /// Mean time to parse one sentence, in nanoseconds.
        package var meanNanoseconds: Double
        /// The slowest sentence's mean, in nanoseconds, and the sentence.
        package var slowestNanoseconds: Double
        package var slowestSentence: String
        package var parses: Int
        /// A sum over the results, so an optimising build cannot skip the work.
        package var checksum: Int
    }

    /// Parses every sentence `repeats` times (after one warm-up pass); `now` returns a monotonic time in nanoseconds.
    package static func run(repeats: Int, now: () -> UInt64) -> Timing {
        let parser = StrategyTextParser()
        for sentence in sentences { _ = parser.parse(sentence) }
        var total: UInt64 = 0
        var slowest: (Double, String) = (0, "")
        var sink = 0
        for sentence in sentences {
            let start = now()
            for _ in 0..<max(1, repeats) { sink &+= parser.parse(sentence).assumptions.count }
            let elapsed = now() - start
            total += elapsed
            let mean = Double(elapsed) / Double(max(1, repeats))
            if mean > slowest.0 { slowest = (mean, sentence) }
        }
        let parses = sentences.count * max(1, repeats)
        return Timing(meanNanoseconds: Double(total) / Double(parses), slowestNanoseconds: slowest.0,
                      slowestSentence: slowest.1, parses: parses, checksum: sink)
    }
}
