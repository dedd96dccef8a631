import Foundation

/// Daily bars of one ticker in columns, sorted by day, one bar per day.
///
/// Columnar so indicators run over contiguous arrays before the day loop.
package struct PriceSeries: Hashable, Sendable {
    package var ticker: String
    package var days: [Day]
    package var open: [Double]
    package var high: [Double]
    package var low: [Double]
    package var close: [Double]
    package var volume: [Double]

    package init(ticker: String, days: [Day] = [], open: [Double] = [], high: [Double] = [], low: [Double] = [],
                close: [Double] = [], volume: [Double] = []) {
        self.ticker = ticker
        self.days = days
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }

    package var count: Int { days.count }
    package var isEmpty: Bool { days.isEmpty }
    package var firstDay: Day? { days.first }
    package var lastDay: Day? { days.last }

    package mutating func append(day: Day, open: Double, high: Double, low: Double, close: Double, volume: Double) {
        days.append(day)
        self.open.append(open)
        self.high.append(high)
        self.low.append(low)
        self.close.append(close)
        self.volume.append(volume)
    }

    package mutating func reserveCapacity(_ n: Int) {
        days.reserveCapacity(n)
        open.reserveCapacity(n)
        high.reserveCapacity(n)
        low.reserveCapacity(n)
        close.reserveCapacity(n)
        volume.reserveCapacity(n)
    }

    /// Index of the first bar on or after `day` (count when none).
    package func firstIndex(onOrAfter day: Day) -> Int {
        var lo = 0, hi = days.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if days[mid] < day { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The bars within `from...to`, both ends included.
    package func slice(from: Day? = nil, to: Day? = nil) -> PriceSeries {
        let lo = from.map { firstIndex(onOrAfter: $0) } ?? 0
        let hi = to.map { firstIndex(onOrAfter: $0.adding(days: 1)) } ?? days.count
        guard lo < hi else { return PriceSeries(ticker: ticker) }
        return PriceSeries(
            ticker: ticker, days: Array(days[lo..<hi]), open: Array(open[lo..<hi]), high: Array(high[lo..<hi]),
            low: Array(low[lo..<hi]), close: Array(close[lo..<hi]), volume: Array(volume[lo..<hi]))
    }
}
