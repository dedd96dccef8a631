import Foundation
import StrategyCore

/// Financial Modeling Prep as a `MarketDataSource`: real dividend-adjusted prices for any listed symbol
/// (index levels for an index such as ^GSPC),
/// insider filings, fundamentals and analyst grades, and the "sp500" universe once its list is loaded.
///
/// Every request goes through the client's `LiveFetcher`, so it is cached, counted against the daily
/// limit and fails with an error naming FMP; nothing here substitutes other data for a failed request.
package struct FMPSource: MarketDataSource {
    package static let name = FMPClient.source

    /// How far back prices are asked for when a caller gives no start (five years, what the free plan serves).
    package static let defaultSpanDays = 5 * 366
    /// The earliest day FMP is asked about for prices and fundamentals (its histories begin in the 1980s).
    package static let historyStart = Day(year: 1985, month: 1, day: 1)!
    /// Insider filings: Form 4 had to be filed electronically on EDGAR from 2003-06-30, so earlier
    /// purchases are missing from any feed built on it.
    package static let insiderHistoryStart = Day(year: 2003, month: 6, day: 30)!

    package let client: FMPClient
    package let info: SourceInfo

    /// - Parameter constituents: today's S&P 500 list, when it was loaded; it becomes the "sp500" universe.
    package init(client: FMPClient, constituents: [SP500Constituent]? = nil) {
        self.client = client
        let sp500 = constituents?.map(\.ticker) ?? []
        let today = Day(date: client.fetcher.currentDate)
        func real(_ kind: DataKind, from first: Day) -> SourceInfo.Coverage {
            .init(kind: kind, tickerCount: sp500.count, first: first, last: today, isSynthetic: false)
        }
        var notes = [
            "Financial Modeling Prep (FMP_API_KEY set): real dividend-adjusted daily prices for any listed symbol "
                + "(index levels for an index such as ^GSPC), "
                + "insider filings (dated by filing), annual fundamentals (dated by filing) and analyst grades. "
                + "Fetched on demand for any listed symbol, cached in the database and refreshed once per trading day; "
                + (client.fetcher.dailyLimit.map { "at most \($0) requests a day are sent (counted locally)." } ?? "no daily limit is set."),
        ]
        if constituents == nil {
            notes.append("The \"sp500\" universe (today's S&P 500 list) is fetched when a command asks for it.")
        } else {
            notes.append("\"sp500\" is today's S&P 500 membership: a backtest over past years carries survivorship bias "
                         + "toward the companies that are in the index now.")
        }
        info = SourceInfo(
            name: Self.name, tickers: sp500,
            coverage: [real(.prices, from: Self.historyStart), real(.insider, from: Self.insiderHistoryStart),
                       real(.fundamentals, from: Self.historyStart), real(.analyst, from: Self.historyStart)],
            universes: constituents == nil ? [:] : ["sp500": sp500], notes: notes, acceptsAnyTicker: true)
    }

    /// The source with today's S&P 500 list loaded (one request a day; later calls use the cache).
    package func loadingSP500() async throws -> FMPSource {
        FMPSource(client: client, constituents: try await client.sp500Constituents())
    }

    private var today: Day { Day(date: client.fetcher.currentDate) }

    package func bars(tickers: [String], from: Day?, to: Day?) async throws -> [PriceSeries] {
        let to = min(to ?? today, today)
        let from = max(from ?? to.adding(days: -Self.defaultSpanDays), Self.historyStart)
        guard from <= to else { return tickers.map { PriceSeries(ticker: $0) } }
        // Said up front, before the first request, when the whole universe would cross the daily limit.
        try client.fetcher.checkBudget(requests: client.uncachedPriceRequests(tickers: tickers, from: from, to: to))
        var out: [PriceSeries] = []
        for ticker in tickers {
            out.append(try await client.dailyBars(ticker: ticker, from: from, to: to))
        }
        return out
    }

    package func insiderFilings(tickers: [String], from: Day?, to: Day?) async throws -> [InsiderFiling] {
        var out: [InsiderFiling] = []
        for ticker in tickers {
            out += try await client.insiderFilings(ticker: ticker).filter { within($0.filingDate, from, to) }
        }
        return out
    }

    package func fundamentals(tickers: [String], from: Day?, to: Day?) async throws -> [FundamentalSnapshot] {
        var out: [FundamentalSnapshot] = []
        for ticker in tickers {
            out += try await client.fundamentals(ticker: ticker).filter { within($0.filingDate, from, to) }
        }
        return out
    }

    /// Individual grades in the range, plus today's consensus when the range reaches today (FMP keeps no
    /// history of the consensus, so it is visible from the day it was fetched on).
    package func analystGrades(tickers: [String], from: Day?, to: Day?) async throws -> [AnalystGrade] {
        var out: [AnalystGrade] = []
        for ticker in tickers {
            out += try await client.analystGrades(ticker: ticker).filter { within($0.day, from, to) }
            if (to ?? today) >= today {
                out.append(try await client.analystConsensus(ticker: ticker))
            }
        }
        return out
    }

    package func coverageStart(kind: DataKind, ticker: String) -> Day? {
        info.coverage(of: kind)?.first
    }
}
