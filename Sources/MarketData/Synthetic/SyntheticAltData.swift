import Foundation
import StrategyCore

/// Deterministic, plausible alternative data for tickers that have prices but no real filings:
/// a "synthetic sample", labelled so everywhere it is used.
///
/// The embedded prices come with no insider trades, Reddit mentions, fundamentals or analyst grades,
/// yet strategies using those fields should still run offline. Each ticker's data is drawn from its own
/// `SplitMix64` stream keyed by ticker, so it is the same in every run and for any subset of tickers,
/// except Reddit ranks, which rank a ticker among all the series passed in on that day.
public struct SyntheticAltData: Hashable, Sendable {
    /// The label every result built on this data carries.
    public static let label = "synthetic sample"
    public static let defaultSeed: UInt64 = 0x5EED_2009_0821

    public var insider: [InsiderFiling]
    public var mentions: [MentionObservation]
    public var fundamentals: [FundamentalSnapshot]
    public var grades: [AnalystGrade]

    /// Generates data for every series; indices (tickers starting with "^") get none.
    public static func generate(for series: [PriceSeries], seed: UInt64 = defaultSeed) -> SyntheticAltData {
        var result = SyntheticAltData(insider: [], mentions: [], fundamentals: [], grades: [])
        for s in series.sorted(by: { $0.ticker < $1.ticker }) where !s.ticker.hasPrefix("^") && s.count > 1 {
            result.insider += SyntheticInsider.generate(s, seed: seed)
            result.mentions += SyntheticMentions.counts(s, seed: seed)
            result.fundamentals += SyntheticFundamentals.generate(s, seed: seed)
            result.grades += SyntheticFundamentals.grades(s, seed: seed)
        }
        result.mentions = SyntheticMentions.ranked(result.mentions)
        return result
    }
}

/// Insider trades: purchases cluster after drawdowns, sales after rallies, filed 0–2 business days later.
enum SyntheticInsider {
    static let titles = ["Chief Executive Officer", "Chief Financial Officer", "Chief Operating Officer", "President",
                         "Chair of the Board", "Director", "Director", "Director", "EVP, General Counsel",
                         "SVP, Operations", "10% Owner"]

    static func generate(_ s: PriceSeries, seed: UInt64) -> [InsiderFiling] {
        var rng = SplitMix64(seed: seed, key: s.ticker, stream: "insider")
        // A fixed roster per ticker: about half of the trades come from the C-suite.
        let roster = (0..<6).map { k in (name: "Insider \(s.ticker)-\(k + 1) (synthetic)", title: titles[rng.below(titles.count)]) }
        var out: [InsiderFiling] = []
        var peak = s.close[0]
        var window: [Double] = []
        for i in 0..<s.count {
            window.append(s.close[i])
            if window.count > 60 { window.removeFirst() }
            peak = window.max() ?? s.close[i]
            let drawdown = s.close[i] / peak - 1
            let low60 = window.min() ?? s.close[i]
            let rally = s.close[i] / low60 - 1
            // Baseline 0.3% a day; each point of drawdown past 8% adds a quarter point.
            let pBuy = 0.003 + 0.25 * max(0, -drawdown - 0.08)
            let pSell = 0.01 + 0.08 * max(0, rally - 0.15)
            for (kind, p) in [(InsiderFiling.Kind.purchase, pBuy), (.sale, pSell)] where rng.unit() < p {
                let who = roster[rng.below(roster.count)]
                let dollars = exp(log(50_000) + rng.unit() * log(40.0))  // $50k … $2M, log-uniform
                let shares = max(1, (dollars / s.close[i]).rounded())
                let lag = rng.below(3)
                out.append(InsiderFiling(ticker: s.ticker, tradeDate: s.days[i], filingDate: businessDays(after: s.days[i], lag),
                                         insiderName: who.name, title: who.title, kind: kind, shares: shares,
                                         price: s.close[i]))
            }
        }
        return out
    }

    /// `day` moved forward by `n` weekdays (holidays are ignored; filings still land on weekdays).
    static func businessDays(after day: Day, _ n: Int) -> Day {
        var d = day
        var left = n
        while left > 0 {
            d = d.adding(days: 1)
            if d.weekday != 0 && d.weekday != 6 { left -= 1 }
        }
        return d
    }
}

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

extension SyntheticInsider {
    /// Weekdays after `from` up to and including `to` (0 when the same day).
    static func businessDaysBetween(_ from: Day, _ to: Day) -> Int {
        var n = 0
        var d = from
        while d < to {
            d = d.adding(days: 1)
            if d.weekday != 0 && d.weekday != 6 { n += 1 }
        }
        return n
    }
}
