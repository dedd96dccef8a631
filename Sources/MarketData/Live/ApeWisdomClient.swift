import Foundation
import Networking
import StrategyCore

/// One ticker's line in ApeWisdom's ranking of Reddit mentions over the last 24 hours.
package struct ApeWisdomEntry: Codable, Hashable, Sendable {
    package var ticker: String
    package var name: String?
    package var rank: Int
    package var mentions: Int
    package var upvotes: Int?
    package var rank24hAgo: Int?
    package var mentions24hAgo: Int?
}

/// Reddit mention counts and ranks from ApeWisdom (no key needed).
///
/// ApeWisdom only shows the present, so history is what we saved: one snapshot per day, kept in the
/// cache under that day. Asking for days before the first snapshot fails with "no data before D"
/// rather than pretending those days had no mentions.
package struct ApeWisdomClient: Sendable {
    package static let source = "apewisdom"
    package static let defaultBaseURL = URL(string: "https://apewisdom.io/api/v1.0/")!

    package let baseURL: URL
    package let fetcher: LiveFetcher
    /// Which ranking: "all-stocks", "wallstreetbets", "stocks"…
    package var filter = "all-stocks"
    /// How many pages (about 100 tickers each) a snapshot reads.
    package var pages = 3
    package var timeout: TimeInterval = 20

    static let historyKey = "snapshot-days"

    package init(fetcher: LiveFetcher, baseURL: URL = ApeWisdomClient.defaultBaseURL) {
        self.fetcher = fetcher
        self.baseURL = baseURL
    }

    /// The client with the program's transport; ApeWisdom publishes no quota, so none is enforced.
    package static func live(cache: any LiveDataCache, transport: any HTTPTransport = URLSessionTransport()) -> ApeWisdomClient {
        ApeWisdomClient(fetcher: LiveFetcher(source: source, transport: transport, cache: cache))
    }

    /// Today's ranking (UTC day), fetched at most once per day and remembered as that day's snapshot.
    package func snapshot() async throws -> [ApeWisdomEntry] {
        let today = Day(date: fetcher.currentDate)
        var entries: [ApeWisdomEntry] = []
        var page = 1
        while page <= pages {
            let path = "filter/\(filter)/page/\(page)"
            let request = HTTPRequest(url: baseURL.appendingPathComponent(path), headers: ["Accept": "application/json"],
                                      timeout: timeout)
            let decoded: ApeWisdomWire.Page = try await fetcher.fetch(
                request, cacheKey: "\(path)@\(today.iso)", freshness: .forever) { data in
                try JSONDecoder().decode(ApeWisdomWire.Page.self, from: data)
            }
            entries += decoded.results.map {
                ApeWisdomEntry(ticker: $0.ticker.uppercased(), name: $0.name, rank: $0.rank.value, mentions: $0.mentions.value,
                               upvotes: $0.upvotes?.value, rank24hAgo: $0.rank_24h_ago?.value,
                               mentions24hAgo: $0.mentions_24h_ago?.value)
            }
            if let total = decoded.pages?.value, page >= total { break }
            page += 1
        }
        try remember(today)
        return entries
    }

    /// Mention observations for the days in `from...to` that have a saved snapshot; today's is fetched
    /// when the range reaches today. Throws `noHistory` when `from` is before the first saved snapshot.
    package func observations(tickers: Set<String>? = nil, from: Day, to: Day) async throws -> [MentionObservation] {
        let today = Day(date: fetcher.currentDate)
        if to >= today { _ = try await snapshot() }
        let days = try savedDays()
        guard let first = days.first, from >= first else {
            throw LiveSourceError.noHistory(source: Self.source, what: "Reddit mention counts", before: days.first ?? today)
        }
        var result: [MentionObservation] = []
        for day in days where day >= from && day <= to {
            for entry in try savedEntries(on: day) where tickers?.contains(entry.ticker) ?? true {
                result.append(MentionObservation(ticker: entry.ticker, day: day, mentions: entry.mentions, rank: entry.rank))
            }
        }
        return result
    }

    /// The days with a saved snapshot, oldest first.
    package func savedDays() throws -> [Day] {
        guard let (data, _) = try cacheCall({ try fetcher.cache.payload(source: Self.source, key: Self.historyKey) }) else {
            return []
        }
        return ((try? JSONDecoder().decode([Day].self, from: data)) ?? []).sorted()
    }

    private func savedEntries(on day: Day) throws -> [ApeWisdomEntry] {
        var entries: [ApeWisdomEntry] = []
        for page in 1...max(1, pages) {
            let key = "filter/\(filter)/page/\(page)@\(day.iso)"
            guard let (data, _) = try cacheCall({ try fetcher.cache.payload(source: Self.source, key: key) }) else { break }
            guard let decoded = try? JSONDecoder().decode(ApeWisdomWire.Page.self, from: data) else { break }
            entries += decoded.results.map {
                ApeWisdomEntry(ticker: $0.ticker.uppercased(), name: $0.name, rank: $0.rank.value, mentions: $0.mentions.value)
            }
        }
        return entries
    }

    private func remember(_ day: Day) throws {
        var days = Set(try savedDays())
        guard days.insert(day).inserted else { return }
        let data = try JSONEncoder().encode(days.sorted())
        try cacheCall { try fetcher.cache.store(source: Self.source, key: Self.historyKey, payload: data, fetchedAt: fetcher.currentDate) }
    }

    private func cacheCall<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as LiveSourceError { throw error } catch {
            throw LiveSourceError.cache(source: Self.source, reason: "\(error)")
        }
    }
}
