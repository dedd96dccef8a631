import Foundation
import StrategyCore

/// The answer to "show me signals": the day's signals with the capital they need and what the last
/// backtest says they are worth, both stated as estimates.
package struct SignalReport: Codable, Hashable, Sendable {
    package var strategyId: String
    package var strategyName: String
    package var universe: String
    /// "Today": the last day of the chosen data, or the day asked for.
    package var day: Day
    /// Which day "today" is, and that the data set ends in the past when it does.
    package var todayNote: String
    package var signals: [StrategySignal]
    /// How many of `signals` were stored for the first time (a second run on one day stores none).
    package var newSignals: Int
    /// The money one entry takes at the strategy's position size.
    package var capitalPerEntry: Double
    /// `capitalPerEntry` × entry signals.
    package var capitalNeeded: Double
    /// The capital the sizing is a share of (the last backtest's, or 100,000).
    package var capitalBase: Double
    /// (win rate × average win + loss rate × average loss) × capital, from the last backtest; nil without one.
    package var expectedValue: Double?
    /// Day, data and formula statements to show with the signals.
    package var notes: [String]
    package var warnings: [String]
    /// Tickers read on `day`, and tickers of the universe without a bar that day (halted, delisted, not yet listed).
    package var tickersScanned = 0
    package var tickersWithoutBar = 0
    /// Entry signals below `minConfidence`: counted, not listed or stored.
    package var belowMinConfidence = 0
    package var minConfidence = 0.0

    package var entries: [StrategySignal] { signals.filter { $0.signalType == .entry } }
    package var exits: [StrategySignal] { signals.filter { $0.signalType == .exit } }

    /// The signals as a person reads them, in the shape of the original design's example.
    package func render() -> String {
        var out: [String] = []
        let e = entries.count, x = exits.count
        out.append("\(e) entry signal\(e == 1 ? "" : "s") and \(x) exit signal\(x == 1 ? "" : "s") for \"\(strategyName)\" on \(day)")
        out.append(todayNote)
        for (k, s) in signals.enumerated() {
            let kind = s.signalType == .entry ? "" : " EXIT"
            out.append("\(k + 1). \(s.ticker)\(kind) (signal \(s.signalId ?? "not stored")) — confidence \(Int(s.confidenceScore.rounded()))/100")
            var price = "   price \(String(format: "%.2f", s.priceAtSignal))"
            if let t = s.targetPrice {
                price += String(format: " · target %.2f (%+.1f%%)", t, (t / s.priceAtSignal - 1) * 100)
            }
            if let stop = s.stopPrice {
                price += String(format: " · stop %.2f (%+.1f%%)", stop, (stop / s.priceAtSignal - 1) * 100)
            }
            out.append(price)
            for line in s.reasoning.split(separator: "\n") { out.append("   - \(line)") }
        }
        if e > 0 {
            out.append(String(format: "Capital needed (estimate): $%.0f for %d entr%@ at $%.0f each, sized on $%.0f",
                              capitalNeeded, e, e == 1 ? "y" : "ies", capitalPerEntry, capitalBase))
            if let ev = expectedValue {
                out.append(String(format: "Expected value (estimate): %@$%.0f from the last backtest's win rate and average win and loss", ev < 0 ? "-" : "+", abs(ev)))
            } else {
                out.append("Expected value: not estimated, the strategy has no backtest with trades yet")
            }
        }
        out += notes.map { "Note: \($0)" }
        out += warnings.map { "Warning: \($0)" }
        return out.joined(separator: "\n")
    }
}
