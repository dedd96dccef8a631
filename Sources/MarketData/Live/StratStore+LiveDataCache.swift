import Foundation
import Store
import StrategyCore

/// The store is the program's live-data cache: fetched payloads and request counts survive restarts,
/// so a repeated backtest makes no request and the daily quota is counted across runs.
extension StratStore: LiveDataCache {
    package func payload(source: String, key: String) throws -> (Data, Date)? {
        try cachedPayload(source: source, key: key).map { ($0.payload, $0.fetchedAt) }
    }

    package func store(source: String, key: String, payload: Data, fetchedAt: Date) throws {
        try putCachedPayload(source: source, key: key, payload: payload, fetchedAt: fetchedAt)
    }

    package func requests(source: String, day: Day) throws -> Int {
        try requestCount(source: source, day: day)
    }
}
