import Foundation

/// Percentiles as numpy computes them by default (`method="linear"`, Hyndman–Fan type 7): the value at
/// virtual index h = (n − 1)·p/100, interpolated between its two neighbours in sorted order.
///
/// Selection (three-way quickselect) instead of a full sort, so a fan chart's hundreds of columns stay
/// cheap; equal values, such as every path's start, cost no extra passes.
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
    static func select(_ v: UnsafeMutableBufferPointer<Double>, _ k: Int, from: Int) {
        var lo = from, hi = v.count - 1
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            let pivot = median(v[lo], v[mid], v[hi])
            // Three-way partition: [lo, lt) < pivot, [lt, i) == pivot, (gt, hi] > pivot.
            var lt = lo, i = lo, gt = hi
            while i <= gt {
                let x = v[i]
                if x < pivot {
                    v.swapAt(lt, i)
                    lt += 1
                    i += 1
                } else if x > pivot {
                    v.swapAt(i, gt)
                    gt -= 1
                } else {
                    i += 1
                }
            }
            if k < lt { hi = lt - 1 } else if k > gt { lo = gt + 1 } else { return }
        }
    }

    private static func median(_ a: Double, _ b: Double, _ c: Double) -> Double {
        max(min(a, b), min(max(a, b), c))
    }
}
