import Foundation
import StrategyCore

/// Reddit mention counts and ranks from ApeWisdom as a `MarketDataSource`.
///
/// ApeWisdom shows only the present, so coverage starts at the first daily snapshot saved in the cache
/// (today when none is saved yet). Days before it have no value, and `MarketData` states "no data
/// before D" for them; they are never taken as zero mentions.
package struct ApeWisdomSource: MarketDataSource {
    package static let name = ApeWisdomClient.source

    package let client: ApeWisdomClient

    package init(client: ApeWisdomClient) {
        self.client = client
    }

    private var today: Day { Day(date: client.fetcher.currentDate) }

    /// The first day with a saved snapshot, else today.
    package var firstObservedDay: Day { ((try? client.savedDays()) ?? []).first ?? today }

    package var info: SourceInfo {
        SourceInfo(
            name: Self.name, tickers: [],
            coverage: [.init(kind: .mentions, tickerCount: 0, first: firstObservedDay, last: today, isSynthetic: false)],
            notes: ["ApeWisdom Reddit mention counts and ranks (no key needed): one snapshot saved per day; "
                    + "no history before the first saved snapshot (\(firstObservedDay.iso)); no sentiment."],
            acceptsAnyTicker: true)
    }

    package func bars(tickers: [String], from: Day?, to: Day?) async throws -> [PriceSeries] {
        throw MarketDataError.sourceUnavailable("Prices from ApeWisdom", fix: "ApeWisdom serves Reddit mentions only; prices come from another source.")
    }

    package func mentions(tickers: [String], from: Day?, to: Day?) async throws -> [MentionObservation] {
        let to = to ?? today
        // Before the first snapshot there is nothing to read; the range is clipped, not failed, so the
        // coverage start turns into a stated "no data before D" for the days before it.
        let start = firstObservedDay
        let from = max(from ?? start, start)
        guard from <= to else { return [] }
        return try await client.observations(tickers: Set(tickers.map { $0.uppercased() }), from: from, to: to)
    }

    package func coverageStart(kind: DataKind, ticker: String) -> Day? {
        kind == .mentions ? firstObservedDay : nil
    }
}
