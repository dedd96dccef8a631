import Foundation
import StrategyCore

/// A fetched response kept in the cache, with when it was fetched so staleness can be judged.
package struct CachedPayload: Hashable, Sendable {
    package var payload: Data
    package var fetchedAt: Date

    package init(payload: Data, fetchedAt: Date) {
        self.payload = payload
        self.fetchedAt = fetchedAt
    }
}

/// One stored price series in brief, for `data info`.
package struct StoredSeriesSummary: Codable, Hashable, Sendable {
    package var source: String
    package var ticker: String
    package var first: Day
    package var last: Day
    package var count: Int

    package init(source: String, ticker: String, first: Day, last: Day, count: Int) {
        self.source = source
        self.ticker = ticker
        self.first = first
        self.last = last
        self.count = count
    }
}
