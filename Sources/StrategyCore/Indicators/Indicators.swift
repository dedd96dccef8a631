import Foundation

/// Columnar indicator math over whole arrays, computed once per ticker before the day loop.
///
/// Every function returns a column as long as its input, with `NaN` ("no value") until the
/// look-back is filled, so index `t` of an indicator always lines up with bar `t`.
/// A NaN inside the input poisons the values that use it, never a crash.
package enum Indicators {
    /// Mean of the last `period` values; first value at `period − 1`.
    ///
    /// A running sum, re-added from scratch every `period` steps so rounding cannot drift.
    package static func sma(_ x: [Double], period: Int) -> [Double] {
        let n = x.count
        var out = [Double](repeating: .nan, count: n)
        guard period > 0, n >= period else { return out }
        x.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { out in
                var sum = 0.0
                for i in 0..<period { sum += x[i] }
                let p = Double(period)
                out[period - 1] = sum / p
                var sinceResum = 0
                for i in period..<n {
                    sinceResum += 1
                    if sinceResum == period {
                        sum = 0
                        for j in (i - period + 1)...i { sum += x[j] }
                        sinceResum = 0
                    } else {
                        sum += x[i] - x[i - period]
                    }
                    out[i] = sum / p
                }
            }
        }
        return out
    }

    /// Exponential average with α = 2/(N+1), seeded with the simple mean of the first `period`
    /// values counted from `firstValid` (the first value is at `firstValid + period − 1`).
    package static func ema(_ x: [Double], period: Int, firstValid: Int = 0) -> [Double] {
        let n = x.count
        var out = [Double](repeating: .nan, count: n)
        let seedAt = firstValid + period - 1
        guard period > 0, firstValid >= 0, seedAt < n else { return out }
        var sum = 0.0
        for i in firstValid...seedAt { sum += x[i] }
        var value = sum / Double(period)
        out[seedAt] = value
        let alpha = 2.0 / Double(period + 1)
        for i in (seedAt + 1)..<max(seedAt + 1, n) {
            value = alpha * x[i] + (1 - alpha) * value
            out[i] = value
        }
        return out
    }

    /// Wilder's smoothing of `x` from `first` on: the first value, at `first + period − 1`, is the
    /// simple mean of `period` values; later ones are `(prev × (period − 1) + x) / period`.
    static func wilder(_ x: [Double], period: Int, first: Int) -> [Double] {
        let n = x.count
        var out = [Double](repeating: .nan, count: n)
        let start = first + period - 1
        guard period > 0, start < n else { return out }
        var sum = 0.0
        for i in first...start { sum += x[i] }
        var value = sum / Double(period)
        out[start] = value
        let p = Double(period)
        for i in (start + 1)..<max(start + 1, n) {
            value = (value * (p - 1) + x[i]) / p
            out[i] = value
        }
        return out
    }

    /// Wilder's RSI: first value at bar `period`, from the simple mean of the first `period` gains
    /// and losses; 100 when there is no loss.
    package static func rsi(_ close: [Double], period: Int) -> [Double] {
        let n = close.count
        var out = [Double](repeating: .nan, count: n)
        guard period > 0, n > period else { return out }
        let p = Double(period)
        var gain = 0.0, loss = 0.0
        for i in 1...period {
            let d = close[i] - close[i - 1]
            if d > 0 { gain += d } else if d < 0 { loss -= d }
        }
        gain /= p
        loss /= p
        out[period] = rsiValue(gain: gain, loss: loss)
        for i in (period + 1)..<max(period + 1, n) {
            let d = close[i] - close[i - 1]
            gain = (gain * (p - 1) + (d > 0 ? d : 0)) / p
            loss = (loss * (p - 1) + (d < 0 ? -d : 0)) / p
            out[i] = rsiValue(gain: gain, loss: loss)
        }
        return out
    }

    @inline(__always)
    static func rsiValue(gain: Double, loss: Double) -> Double {
        if loss == 0 { return gain.isNaN ? .nan : 100 }
        return 100 - 100 / (1 + gain / loss)
    }

    /// MACD line (`ema_F − ema_S`), its signal (`ema_G` of the line, seeded with the mean of the
    /// line's first G values) and their difference.
    package static func macd(_ close: [Double], fast: Int, slow: Int, signal: Int)
        -> (line: [Double], signal: [Double], hist: [Double])
    {
        let f = ema(close, period: fast), s = ema(close, period: slow)
        let line = zip(f, s).map { $0 - $1 }
        let firstValid = line.firstIndex { !$0.isNaN } ?? line.count
        let sig = ema(line, period: signal, firstValid: firstValid)
        let hist = zip(line, sig).map { $0 - $1 }
        return (line, sig, hist)
    }

    /// Bollinger bands: `sma_N ± k ×` population standard deviation of the last N closes.
    ///
    /// The deviation is taken around each window's own mean (two passes per window), so bands
    /// stay exact where a running sum of squares would cancel.
    package static func bollinger(_ close: [Double], period: Int, k: Double)
        -> (upper: [Double], middle: [Double], lower: [Double])
    {
        let n = close.count
        let middle = sma(close, period: period)
        var upper = [Double](repeating: .nan, count: n), lower = upper
        guard period > 0, n >= period else { return (upper, middle, lower) }
        let p = Double(period)
        for i in (period - 1)..<n {
            let m = middle[i]
            var ss = 0.0
            for j in (i - period + 1)...i {
                let d = close[j] - m
                ss += d * d
            }
            let sd = (ss / p).squareRoot()
            upper[i] = m + k * sd
            lower[i] = m - k * sd
        }
        return (upper, middle, lower)
    }

    /// Wilder's average true range. The true range needs the previous close, so it starts at bar 1
    /// and the first value, at bar `period`, is the mean of the first `period` true ranges (as TA-Lib).
    package static func atr(high: [Double], low: [Double], close: [Double], period: Int) -> [Double] {
        let n = close.count
        var tr = [Double](repeating: .nan, count: n)
        for i in 1..<max(1, n) {
            let pc = close[i - 1]
            tr[i] = max(high[i] - low[i], abs(high[i] - pc), abs(low[i] - pc))
        }
        return wilder(tr, period: period, first: 1)
    }

    /// `(x_t / x_{t−N} − 1) × 100`; first value at bar N.
    package static func changePct(_ x: [Double], period: Int) -> [Double] {
        let n = x.count
        var out = [Double](repeating: .nan, count: n)
        guard period > 0 else { return out }
        for i in period..<max(period, n) { out[i] = (x[i] / x[i - period] - 1) * 100 }
        return out
    }

    /// Highest (or lowest) value of the `period` bars **before** t; first value at bar `period`.
    ///
    /// A monotonic deque keeps this linear in the number of bars whatever the window.
    package static func extreme(_ x: [Double], period: Int, highest: Bool) -> [Double] {
        let n = x.count
        var out = [Double](repeating: .nan, count: n)
        guard period > 0, n > period else { return out }
        var deque = [Int](repeating: 0, count: n)
        var head = 0, tail = 0
        for t in period..<n {
            // Window is bars t-period ... t-1; push bar t-1 (and the earlier ones on the first step).
            let from = t == period ? 0 : t - 1
            for j in from...(t - 1) {
                let v = x[j]
                while tail > head, highest ? x[deque[tail - 1]] <= v : x[deque[tail - 1]] >= v { tail -= 1 }
                deque[tail] = j
                tail += 1
            }
            while deque[head] < t - period { head += 1 }
            out[t] = x[deque[head]]
        }
        return out
    }
}
