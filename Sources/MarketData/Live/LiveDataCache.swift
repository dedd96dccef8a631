import Foundation
import StrategyCore

/// Where live sources keep every payload they fetched, with its fetch time, and count their requests.
///
/// A repeated backtest must make no new request, and a daily quota must survive restarts, so both
/// live in the store; tests use `InMemoryLiveDataCache`.
package protocol LiveDataCache: Sendable {
    /// The payload stored under `source`/`key` and when it was fetched, or nil.
    func payload(source: String, key: String) throws -> (Data, Date)?
    /// Stores (or replaces) a payload.
    func store(source: String, key: String, payload: Data, fetchedAt: Date) throws
    /// How many requests were made to `source` on `day` (the quota day, UTC).
    func requests(source: String, day: Day) throws -> Int
    /// Counts one more request to `source` on `day` and returns the day's count so far.
    @discardableResult
    func recordRequest(source: String, day: Day) throws -> Int
}

/// A cache that lives only as long as the process; for tests and for one-shot runs without a store.
package final class InMemoryLiveDataCache: LiveDataCache, @unchecked Sendable {
    private let lock = NSLock()
    private var payloads: [String: (Data, Date)] = [:]
    private var counts: [String: Int] = [:]

    package init() {}

    package func payload(source: String, key: String) throws -> (Data, Date)? {
        lock.withLock { payloads[source + "\u{1F}" + key] }
    }

    package func store(source: String, key: String, payload: Data, fetchedAt: Date) throws {
        lock.withLock { payloads[source + "\u{1F}" + key] = (payload, fetchedAt) }
    }

    package func requests(source: String, day: Day) throws -> Int {
        lock.withLock { counts[source + "\u{1F}" + day.iso, default: 0] }
    }

    @discardableResult
    package func recordRequest(source: String, day: Day) throws -> Int {
        lock.withLock {
            counts[source + "\u{1F}" + day.iso, default: 0] += 1
            return counts[source + "\u{1F}" + day.iso, default: 0]
        }
    }
}
