import Foundation
import StrategyCore

/// A seeded random-walk universe (synthetic sample data): the same bars for the same seed on every machine.
enum SyntheticUniverse {
    /// `tickers` series of `bars` weekdays each from 2000-01-03, sharing one calendar array.
    static func make(tickers: Int, bars: Int, seed: UInt64) -> [PriceSeries] {
        var rng = SplitMix64(seed: seed)
        let days = Day.weekdays(bars, from: Day(year: 2000, month: 1, day: 3)!)
        return (0..<tickers).map { k in
            var open = [Double](), high = [Double](), low = [Double](), close = [Double](), volume = [Double]()
            open.reserveCapacity(bars); high.reserveCapacity(bars); low.reserveCapacity(bars)
            close.reserveCapacity(bars); volume.reserveCapacity(bars)
            var price = 20 + 80 * rng.unit()
            for _ in 0..<bars {
                let o = price * (1 + 0.01 * (rng.unit() - 0.5))
                let c = o * (1 + 0.04 * (rng.unit() - 0.49))
                open.append(o)
                close.append(c)
                high.append(max(o, c) * (1 + 0.01 * rng.unit()))
                low.append(min(o, c) * (1 - 0.01 * rng.unit()))
                volume.append(1e6 * (0.5 + rng.unit()))
                price = c
            }
            return PriceSeries(ticker: String(format: "S%04d", k), days: days, open: open, high: high, low: low,
                               close: close, volume: volume)
        }
    }

}
