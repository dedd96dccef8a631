import Foundation
import StrategyCore

/// A fetched response kept in the cache, with when it was fetched so staleness can be judged.
public struct CachedPayload: Hashable, Sendable {
    public var payload: Data
    public var fetchedAt: Date

    public init(payload: Data, fetchedAt: Date) {
        self.payload = payload
        self.fetchedAt = fetchedAt
    }
}

/// One stored price series in brief, for `data info`.
public struct StoredSeriesSummary: Codable, Hashable, Sendable {
    public var source: String
    public var ticker: String
    public var first: Day
    public var last: Day
    public var count: Int

    public init(source: String, ticker: String, first: Day, last: Day, count: Int) {
        self.source = source
        self.ticker = ticker
        self.first = first
        self.last = last
        self.count = count
    }
}
