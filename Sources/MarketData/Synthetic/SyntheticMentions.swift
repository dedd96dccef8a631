import Foundation
import StrategyCore

/// Reddit mentions: a heavy-tailed base level per ticker, jumps on large moves, sentiment following returns.
enum SyntheticMentions {
    static func counts(_ s: PriceSeries, seed: UInt64) -> [MentionObservation] {
        var rng = SplitMix64(seed: seed, key: s.ticker, stream: "mentions")
        // Pareto with tail index 1.2: most tickers get a few mentions a day, a few get hundreds.
        let base = min(3_000, 2 / pow(max(rng.unit(), 1e-9), 1 / 1.2))
        var out: [MentionObservation] = []
        out.reserveCapacity(s.count)
        for i in 1..<s.count {
            let ret = s.close[i] / s.close[i - 1] - 1
            let jump = 1 + 8 * max(0, abs(ret) - 0.02) / 0.02
            let mentions = Int((base * jump * exp(0.6 * rng.normal())).rounded())
            let sentiment = tanh(25 * ret + 0.3 * rng.normal())
            out.append(MentionObservation(ticker: s.ticker, day: s.days[i], mentions: mentions, rank: nil,
                                          sentiment: (sentiment * 1_000).rounded() / 1_000))
        }
        return out
    }

    /// Ranks each day's observations by mentions (1 = most), ties by ticker.
    static func ranked(_ observations: [MentionObservation]) -> [MentionObservation] {
        let byDay = Dictionary(grouping: observations, by: \.day)
        var out: [MentionObservation] = []
        out.reserveCapacity(observations.count)
        for day in byDay.keys.sorted() {
            let sorted = byDay[day]!.sorted { ($0.mentions, $1.ticker) > ($1.mentions, $0.ticker) }
            for (k, var o) in sorted.enumerated() {
                o.rank = k + 1
                out.append(o)
            }
        }
        return out.sorted { ($0.ticker, $0.day) < ($1.ticker, $1.day) }
    }
}
