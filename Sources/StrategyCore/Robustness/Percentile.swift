import Foundation

/// Percentiles as numpy computes them by default (`method="linear"`, Hyndman–Fan type 7): the value at
/// virtual index h = (n − 1)·p/100, interpolated between its two neighbours in sorted order.
///
/// Selection (quickselect) instead of a full sort, so a fan chart's hundreds of columns stay cheap.
enum Percentile {
    /// The `percents` (ascending) of `values`, which are reordered in place.
    static func linear(_ values: UnsafeMutableBufferPointer<Double>, _ percents: [Double]) -> [Double] {
        let n = values.count
        guard n > 0 else { return percents.map { _ in .nan } }
        var from = 0
        return percents.map { p in
            let h = Double(n - 1) * (p / 100)
            let lo = min(n - 1, Int(h.rounded(.down)))
            select(values, lo, from: from)
            from = lo
            let a = values[lo], t = h - Double(lo)
            guard t > 0, lo + 1 < n else { return a }
            // After selecting `lo`, everything to its right is at least values[lo]: the next order statistic is their minimum.
            var b = values[lo + 1]
            for i in (lo + 2)..<n where values[i] < b { b = values[i] }
            // numpy's lerp: a + (b − a)·t below t = 0.5, b − (b − a)·(1 − t) from there.
            let diff = b - a
            return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
        }
    }

    /// Reorders `v[from...]` so that `v[k]` holds the value sorted order puts there, smaller values to its left.
    ///
    /// Branch-free Lomuto partitions (the comparison result moves the boundary, so unpredictable data
    /// costs no mispredictions); when `k` lands right of the boundary a second pass gathers the values
    /// equal to the pivot, so runs of equal values end the search at once.
    static func select(_ v: UnsafeMutableBufferPointer<Double>, _ k: Int, from: Int) {
        var lo = from, hi = v.count - 1
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            let pivot = median(v[lo], v[mid], v[hi])
            let less = partition(v, lo, hi) { $0 < pivot }
            if k < less {
                hi = less - 1
                continue
            }
            let equal = partition(v, less, hi) { $0 <= pivot }
            if k < equal { return }
            lo = equal
        }
    }

    /// Moves the values of `v[lo...hi]` that satisfy `before` to the front; returns where the rest begins.
    @inline(__always)
    private static func partition(_ v: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int,
                                  _ before: (Double) -> Bool) -> Int {
        var boundary = lo
        for i in lo...hi {
            let x = v[i]
            let moves = before(x)
            v[i] = v[boundary]
            v[boundary] = x
            boundary += moves ? 1 : 0
        }
        return boundary
    }

    private static func median(_ a: Double, _ b: Double, _ c: Double) -> Double {
        max(min(a, b), min(max(a, b), c))
    }
}
