import Foundation
import StrategyCore

/// A seeded random-walk universe (synthetic sample data): the same bars for the same seed on every machine.
enum SyntheticUniverse {
    /// `tickers` series of `bars` weekdays each from 2000-01-03, sharing one calendar array.
    static func make(tickers: Int, bars: Int, seed: UInt64) -> [PriceSeries] {
        var rng = SplitMix64(seed: seed)
        let days = weekdays(bars, from: Day(year: 2000, month: 1, day: 3)!)
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

    static func weekdays(_ n: Int, from first: Day) -> [Day] {
        var days: [Day] = []
        days.reserveCapacity(n)
        var d = first
        while days.count < n {
            if d.weekday != 0 && d.weekday != 6 { days.append(d) }
            d = d.adding(days: 1)
        }
        return days
    }
}

/// SplitMix64: tiny, fast and seeded.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
