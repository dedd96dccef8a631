import Foundation

/// Ids that look like UUIDs but come from a seeded generator (SplitMix64), so a replay that makes the
/// same calls in the same order gets the same ids, and the recorded tool calls that name them still match.
package final class SeededIds: @unchecked Sendable {
    package let seed: UInt64
    private var state: UInt64
    private let lock = NSLock()

    package init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    /// A fresh seed below 2^53, so it survives JSON readers that hold numbers as doubles.
    package static func randomSeed() -> UInt64 {
        UInt64.random(in: 0..<(1 << 53))
    }

    package func next() -> String {
        let (high, low) = lock.withLock { (step(), step()) }
        let hex = String(format: "%016llx%016llx", high, low)
        let chars = Array(hex)
        func part(_ range: Range<Int>) -> String { String(chars[range]) }
        return [part(0..<8), part(8..<12), part(12..<16), part(16..<20), part(20..<32)].joined(separator: "-")
    }

    private func step() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A clock a replay can pin: it reads the real time until `pin` is called, then the pinned time.
package final class SessionClock: @unchecked Sendable {
    private let lock = NSLock()
    private var pinned: Date?

    package init(pinnedTo date: Date? = nil) {
        pinned = date
    }

    package func pin(_ date: Date) {
        lock.withLock { pinned = date }
    }

    package func now() -> Date {
        lock.withLock { pinned } ?? Date()
    }
}
