import Foundation

/// Daily bars of one ticker in columns, sorted by day, one bar per day.
///
/// Columnar so indicators run over contiguous arrays before the day loop.
public struct PriceSeries: Hashable, Sendable {
    public var ticker: String
    public var days: [Day]
    public var open: [Double]
    public var high: [Double]
    public var low: [Double]
    public var close: [Double]
    public var volume: [Double]

    public init(ticker: String, days: [Day] = [], open: [Double] = [], high: [Double] = [], low: [Double] = [],
                close: [Double] = [], volume: [Double] = []) {
        self.ticker = ticker
        self.days = days
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }

    public var count: Int { days.count }
    public var isEmpty: Bool { days.isEmpty }
    public var firstDay: Day? { days.first }
    public var lastDay: Day? { days.last }

    public mutating func append(day: Day, open: Double, high: Double, low: Double, close: Double, volume: Double) {
        days.append(day)
        self.open.append(open)
        self.high.append(high)
        self.low.append(low)
        self.close.append(close)
        self.volume.append(volume)
    }

    public mutating func reserveCapacity(_ n: Int) {
        days.reserveCapacity(n)
        open.reserveCapacity(n)
        high.reserveCapacity(n)
        low.reserveCapacity(n)
        close.reserveCapacity(n)
        volume.reserveCapacity(n)
    }

    /// Index of the first bar on or after `day` (count when none).
    public func firstIndex(onOrAfter day: Day) -> Int {
        var lo = 0, hi = days.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if days[mid] < day { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The bars within `from...to`, both ends included.
    public func slice(from: Day? = nil, to: Day? = nil) -> PriceSeries {
        let lo = from.map { firstIndex(onOrAfter: $0) } ?? 0
        let hi = to.map { firstIndex(onOrAfter: $0.adding(days: 1)) } ?? days.count
        guard lo < hi else { return PriceSeries(ticker: ticker) }
        return PriceSeries(
            ticker: ticker, days: Array(days[lo..<hi]), open: Array(open[lo..<hi]), high: Array(high[lo..<hi]),
            low: Array(low[lo..<hi]), close: Array(close[lo..<hi]), volume: Array(volume[lo..<hi]))
    }
}
