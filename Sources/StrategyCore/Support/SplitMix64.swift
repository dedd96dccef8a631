import Foundation

/// A small, fast, seedable generator whose output is the same on every platform and run: the synthetic
/// alternative data, the benchmark universe and the engine's test data all draw from it.
///
/// Swift's `Hasher` and `SystemRandomNumberGenerator` are seeded per process, so neither can key
/// reproducible synthetic data; this generator plus an FNV-1a hash of the ticker can.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    /// A generator keyed by a base seed, a ticker and a purpose, so each stream is independent and stable.
    package init(seed: UInt64, key: String, stream: String) {
        state = seed ^ SplitMix64.fnv1a(key) ^ (SplitMix64.fnv1a(stream) &* 0x9E37_79B9_7F4A_7C15)
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) from the top 53 bits.
    package mutating func unit() -> Double { Double(next() >> 11) / 9_007_199_254_740_992 }

    /// Standard normal by Box–Muller (one value per call, for simplicity over speed).
    package mutating func normal() -> Double {
        let u1 = max(unit(), 1e-300), u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Whole number in `0..<n`.
    package mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    package static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }
}
