import Foundation
import StrategyCore

/// Where imported bars are kept; the SQLite store conforms, and tests use `InMemoryBarStorage`.
///
/// `source` names a set of imported series (a folder's name, or "csv"), so importing the same ticker into
/// the same source replaces its rows while other sources keep theirs.
package protocol BarStorage: Sendable {
    /// Replaces every bar of each series' ticker in `source`, all or nothing; returns the rows that went and came.
    func replaceBars(source: String, series: [PriceSeries]) throws -> (removed: Int, inserted: Int)
    /// One stored series, or nil when there is none.
    func storedBars(source: String, ticker: String) throws -> PriceSeries?
    func storedSummaries() throws -> [StoredBarsSummary]
}

extension BarStorage {
    /// Replaces one ticker's bars.
    package func replaceBars(source: String, series: PriceSeries) throws -> (removed: Int, inserted: Int) {
        try replaceBars(source: source, series: [series])
    }
}

/// One stored series, summarised without loading its bars.
package struct StoredBarsSummary: Codable, Hashable, Sendable {
    package var source: String
    package var ticker: String
    package var count: Int
    package var first: Day?
    package var last: Day?

    package init(source: String, ticker: String, count: Int, first: Day?, last: Day?) {
        self.source = source
        self.ticker = ticker
        self.count = count
        self.first = first
        self.last = last
    }
}

/// Bars kept in memory: for tests, and for a session that has no database.
package final class InMemoryBarStorage: BarStorage, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String: [String: PriceSeries]] = [:]

    package init() {}

    package func replaceBars(source: String, series: [PriceSeries]) throws -> (removed: Int, inserted: Int) {
        lock.lock()
        defer { lock.unlock() }
        var removed = 0, inserted = 0
        for one in series {
            removed += stored[source]?[one.ticker]?.count ?? 0
            stored[source, default: [:]][one.ticker] = one
            inserted += one.count
        }
        return (removed, inserted)
    }

    package func storedBars(source: String, ticker: String) throws -> PriceSeries? {
        lock.lock()
        defer { lock.unlock() }
        return stored[source]?[ticker]
    }

    package func storedSummaries() throws -> [StoredBarsSummary] {
        lock.lock()
        defer { lock.unlock() }
        return stored.flatMap { source, byTicker in
            byTicker.values.map { StoredBarsSummary(source: source, ticker: $0.ticker, count: $0.count, first: $0.firstDay, last: $0.lastDay) }
        }.sorted { ($0.source, $0.ticker) < ($1.source, $1.ticker) }
    }
}
