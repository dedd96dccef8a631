import Foundation
import StrategyCore

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
