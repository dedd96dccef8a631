import Foundation
import StrategyCore

/// A clock a test moves by hand, handed to a store as its `now`, so actions are recorded at chosen times.
package final class MovingClock: @unchecked Sendable {
    private let lock = NSLock()
    private var date: Date

    package init(at date: Date) {
        self.date = date
    }

    package func now() -> Date { lock.withLock { date } }

    /// Moves the clock to `seconds` after the start of `day` (UTC).
    package func set(_ day: Day, seconds: Double) { lock.withLock { date = day.date.addingTimeInterval(seconds) } }
}
