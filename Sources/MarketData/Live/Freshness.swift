import Foundation
import StrategyCore

/// Decides whether a cached payload can be reused or must be fetched again.
///
/// End-of-day data changes once per trading day, after the close, so a payload fetched after the most
/// recent close is current. Weekends have no close; exchange holidays are not modelled, which costs at
/// most one extra refresh on such a day. A payload that only covers days that had already closed when it
/// was fetched never goes stale.
package enum Freshness: Sendable, Hashable {
    /// Refetch once the next trading-day close has passed.
    case untilNextClose
    /// Never refetch (the data describes a closed past).
    case forever

    /// 21:00 UTC is after the 16:00 New York close in both winter (21:00) and summer (20:00).
    package static let closeHourUTC = 21

    /// The latest weekday close at or before `now`.
    package static func latestClose(atOrBefore now: Date) -> Date {
        var day = Day(date: now)
        while true {
            let close = day.date.addingTimeInterval(Double(closeHourUTC) * 3600)
            if day.weekday != 0, day.weekday != 6, close <= now { return close }
            day = day.adding(days: -1)
        }
    }

    /// The policy for data covering days up to `rangeEnd` (nil: open-ended, "up to now").
    package static func forRange(ending rangeEnd: Day?, fetchedAt: Date) -> Freshness {
        guard let rangeEnd else { return .untilNextClose }
        return rangeEnd.date.addingTimeInterval(Double(closeHourUTC) * 3600) <= fetchedAt ? .forever : .untilNextClose
    }

    package func isFresh(fetchedAt: Date, now: Date) -> Bool {
        switch self {
        case .forever: true
        case .untilNextClose: fetchedAt >= Self.latestClose(atOrBefore: now)
        }
    }
}
