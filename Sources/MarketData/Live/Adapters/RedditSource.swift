import Foundation
import StrategyCore

/// Reddit's own search (when `REDDIT_CLIENT_ID` and `REDDIT_CLIENT_SECRET` are set) as a `MarketDataSource`:
/// mention counts and mean VADER sentiment per day for the last week, the window Reddit search covers.
package struct RedditSource: MarketDataSource {
    package static let name = RedditClient.source
    /// Days the search window reaches back ("week"), today included.
    package static let windowDays = 7

    package let client: RedditClient

    package init(client: RedditClient) {
        self.client = client
    }

    private var today: Day { Day(date: client.fetcher.currentDate) }

    /// The first day the search window covers.
    package var firstObservedDay: Day { today.adding(days: -(Self.windowDays - 1)) }

    package var info: SourceInfo {
        SourceInfo(
            name: Self.name, tickers: [],
            coverage: [.init(kind: .mentions, tickerCount: 0, first: firstObservedDay, last: today, isSynthetic: false)],
            notes: ["Reddit search (REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET set): posts of the last \(Self.windowDays) days "
                    + "naming a ticker, with VADER sentiment extended by finance slang; no history before \(firstObservedDay.iso)."],
            acceptsAnyTicker: true)
    }

    package func bars(tickers: [String], from: Day?, to: Day?) async throws -> [PriceSeries] {
        throw MarketDataError.sourceUnavailable("Prices from Reddit", fix: "Reddit serves mentions only; prices come from another source.")
    }

    package func mentions(tickers: [String], from: Day?, to: Day?) async throws -> [MentionObservation] {
        let to = min(to ?? today, today)
        let from = max(from ?? firstObservedDay, firstObservedDay)
        guard from <= to else { return [] }
        var out: [MentionObservation] = []
        for ticker in tickers {
            out += try await client.observations(ticker: ticker, from: from, to: to)
        }
        return out
    }

    package func coverageStart(kind: DataKind, ticker: String) -> Day? {
        kind == .mentions ? firstObservedDay : nil
    }
}
