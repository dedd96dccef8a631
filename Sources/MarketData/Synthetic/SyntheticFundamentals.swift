import Foundation
import StrategyCore

/// Quarterly valuation snapshots and analyst actions that drift slowly around per-ticker levels.
enum SyntheticFundamentals {
    /// One report per quarter, filed about six weeks after the quarter ends, starting with the
    /// report before the first bar so the series opens with a known value.
    static func generate(_ s: PriceSeries, seed: UInt64) -> [FundamentalSnapshot] {
        guard let first = s.firstDay, let last = s.lastDay else { return [] }
        var rng = SplitMix64(seed: seed, key: s.ticker, stream: "fundamentals")
        var pe = 10 + 20 * rng.unit()
        var pb = 1 + 4 * rng.unit()
        let shares = exp(log(1e8) + rng.unit() * log(50.0))  // 100M … 5B shares
        var yield = rng.unit() < 0.3 ? 0 : 0.5 + 3.5 * rng.unit()
        var out: [FundamentalSnapshot] = []
        var (year, quarter) = (first.year - 1, 4)
        while true {
            let filing = Day(year: quarter == 4 ? year + 1 : year, month: quarter == 4 ? 2 : quarter * 3 + 2, day: 10)!
                .adding(days: rng.below(10))
            if filing > last { break }
            if filing.adding(days: 92) >= first {
                let k = max(0, s.firstIndex(onOrAfter: filing.adding(days: 1)) - 1)
                pe = max(4, pe * exp(0.08 * rng.normal()))
                pb = max(0.3, pb * exp(0.06 * rng.normal()))
                if yield > 0 { yield = max(0.1, yield * exp(0.05 * rng.normal())) }
                out.append(FundamentalSnapshot(ticker: s.ticker, filingDate: filing, peRatio: round2(pe), pbRatio: round2(pb),
                                               marketCap: (s.close[k] * shares).rounded(), dividendYield: round2(yield)))
            }
            (year, quarter) = quarter == 4 ? (year + 1, 1) : (year, quarter + 1)
        }
        return out
    }

    static let firms = ["Synthetic Securities", "Sample Capital Markets", "Example & Co", "Placeholder Research"]

    /// Analyst actions about once a month; the consensus moves a tenth of a point per upgrade or downgrade.
    static func grades(_ s: PriceSeries, seed: UInt64) -> [AnalystGrade] {
        var rng = SplitMix64(seed: seed, key: s.ticker, stream: "analyst")
        var score = 2.8 + 1.4 * rng.unit()
        var out: [AnalystGrade] = []
        for i in 0..<s.count where rng.unit() < 0.05 {
            let roll = rng.unit()
            let action: AnalystGrade.Action = roll < 0.3 ? .upgrade : roll < 0.55 ? .downgrade : roll < 0.95 ? .maintain : .initiate
            if action == .upgrade { score = min(5, score + 0.1) }
            if action == .downgrade { score = max(1, score - 0.1) }
            out.append(AnalystGrade(ticker: s.ticker, day: s.days[i], firm: firms[rng.below(firms.count)], action: action,
                                    consensusScore: round2(score)))
        }
        return out
    }

    static func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }
}
