import Foundation
import Networking
import StrategyCore

/// Financial Modeling Prep on its `stable` API: prices, insider filings, fundamentals, analyst grades and
/// the S&P 500 list, mapped to domain types (wire shapes and their sources: `FMPWire`).
///
/// Every call goes through `LiveFetcher`, so it is cached, counted against the free tier's daily limit,
/// retried on 429/5xx, and fails with an error that names FMP and the endpoint but never the key.
package struct FMPClient: Sendable {
    package static let source = "fmp"
    package static let keyVariable = "FMP_API_KEY"
    /// The free plan's documented allowance (250 calls a day).
    package static let freeTierDailyLimit = 250
    package static let defaultBaseURL = URL(string: "https://financialmodelingprep.com/stable/")!

    package let baseURL: URL
    package let fetcher: LiveFetcher
    /// Seconds without progress before a request fails.
    package var timeout: TimeInterval = 20
    /// "annual" works on the free plan; "quarter" needs a paid one but tracks valuations more closely.
    package var fundamentalsPeriod = "annual"
    /// Rows asked of the insider search (one page).
    package var insiderLimit = 500
    private let apiKey: String

    package init(apiKey: String, fetcher: LiveFetcher, baseURL: URL = FMPClient.defaultBaseURL) {
        self.apiKey = apiKey
        self.fetcher = fetcher
        self.baseURL = baseURL
    }

    /// The client configured from `FMP_API_KEY`; throws `missingKey` when it is not set.
    package static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                       transport: any HTTPTransport = URLSessionTransport(),
                                       cache: any LiveDataCache,
                                       dailyLimit: Int = FMPClient.freeTierDailyLimit) throws -> FMPClient {
        guard let key = environment[keyVariable]?.trimmingCharacters(in: .whitespaces), !key.isEmpty else {
            throw LiveSourceError.missingKey(source: source, variable: keyVariable)
        }
        return FMPClient(apiKey: key, fetcher: LiveFetcher(source: source, transport: transport, cache: cache,
                                                           dailyLimit: dailyLimit))
    }

    // MARK: Prices

    /// Daily bars, oldest first: dividend-adjusted for a stock or fund, index levels for an index (`^GSPC`).
    package func dailyBars(ticker: String, from: Day, to: Day) async throws -> PriceSeries {
        let path = Self.pricePath(for: ticker)
        let query = [("symbol", ticker), ("from", from.iso), ("to", to.iso)]
        let rows: [(date: String, bar: Bar)]
        if Self.isIndex(ticker) {
            let wire: [FMPWire.IndexBar] = try await get(path, query, rangeEnd: to)
            rows = wire.map { ($0.date, ($0.open, $0.high, $0.low, $0.close, $0.volume)) }
        } else {
            let wire: [FMPWire.AdjustedBar] = try await get(path, query, rangeEnd: to)
            rows = wire.map { ($0.date, ($0.adjOpen, $0.adjHigh, $0.adjLow, $0.adjClose, $0.volume)) }
        }
        var byDay: [Day: Bar] = [:]
        for (index, (date, row)) in rows.enumerated() {
            guard let day = Day(iso: date) else { throw shape(path, "row \(index) has the date \"\(date)\"") }
            let values = [row.open, row.high, row.low, row.close]
            guard values.allSatisfy({ $0.isFinite && $0 > 0 }), row.high >= row.low else {
                throw shape(path, "the bar of \(date) has impossible prices \(values)")
            }
            byDay[day] = row
        }
        guard !byDay.isEmpty else {
            throw LiveSourceError.noData(source: Self.source, endpoint: endpoint(path, query),
                                         what: "\(ticker) from \(from.iso) to \(to.iso)")
        }
        var series = PriceSeries(ticker: ticker)
        series.reserveCapacity(byDay.count)
        for day in byDay.keys.sorted() where day >= from && day <= to {
            let row = byDay[day]!
            series.append(day: day, open: row.open, high: row.high, low: row.low, close: row.close, volume: row.volume ?? 0)
        }
        return series
    }

    /// One day's prices as either price endpoint gives them.
    private typealias Bar = (open: Double, high: Double, low: Double, close: Double, volume: Double?)

    /// An index symbol (`^GSPC`, `^IXIC`), which FMP serves on its own endpoint.
    static func isIndex(_ ticker: String) -> Bool { ticker.hasPrefix("^") }

    static func pricePath(for ticker: String) -> String {
        isIndex(ticker) ? "historical-price-eod/full" : "historical-price-eod/dividend-adjusted"
    }

    /// How many of these tickers' price requests are not answered by the cache, for a budget check up front.
    package func uncachedPriceRequests(tickers: [String], from: Day, to: Day) -> Int {
        tickers.filter { ticker in
            let query = [("symbol", ticker), ("from", from.iso), ("to", to.iso)]
            return !fetcher.isCached(cacheKey(Self.pricePath(for: ticker), query), rangeEnd: to)
        }.count
    }

    // MARK: Insider trades

    /// Open-market purchases and sales (codes P and S), each known from its filing date on.
    package func insiderFilings(ticker: String) async throws -> [InsiderFiling] {
        let path = "insider-trading/search"
        let query = [("symbol", ticker), ("page", "0"), ("limit", String(insiderLimit))]
        let rows: [FMPWire.InsiderTrade] = try await get(path, query)
        var filings: [InsiderFiling] = []
        for (index, row) in rows.enumerated() {
            let code = row.transactionType?.uppercased() ?? ""
            let kind: InsiderFiling.Kind
            if code.hasPrefix("P-") || code == "P" { kind = .purchase } else if code.hasPrefix("S-") || code == "S" {
                kind = .sale
            } else { continue }  // awards, exercises, gifts and tax withholding carry no market opinion
            guard let filed = FMPWire.day(row.filingDate) else {
                throw shape(path, "row \(index) has no usable filingDate (\"\(row.filingDate)\")")
            }
            filings.append(InsiderFiling(
                ticker: row.symbol ?? ticker, tradeDate: FMPWire.day(row.transactionDate) ?? filed, filingDate: filed,
                insiderName: row.reportingName ?? "unknown", title: row.typeOfOwner ?? "", kind: kind,
                shares: abs(row.securitiesTransacted ?? 0), price: row.price ?? 0))
        }
        return filings.sorted { ($0.filingDate, $0.tradeDate, $0.insiderName) < ($1.filingDate, $1.tradeDate, $1.insiderName) }
    }

    /// The filings a decision on `day` may see: those filed by that day's close.
    package static func visible(_ filings: [InsiderFiling], on day: Day) -> [InsiderFiling] {
        filings.filter { $0.filingDate <= day }
    }

    // MARK: Fundamentals

    /// Valuation snapshots from key-metrics and ratios, dated by the filing of the period's income statement.
    ///
    /// Three requests: key-metrics (market cap), ratios (P/E, P/B, yield) and income-statement (filing dates).
    /// A period whose filing date FMP does not give is dated 90 days after its end, the latest a 10-K may be
    /// filed, so it is never visible too early.
    package func fundamentals(ticker: String) async throws -> [FundamentalSnapshot] {
        let query = [("symbol", ticker), ("period", fundamentalsPeriod), ("limit", "40")]
        let metrics: [FMPWire.KeyMetrics] = try await get("key-metrics", query)
        let ratios: [FMPWire.Ratios] = try await get("ratios", query)
        let statements: [FMPWire.StatementDates] = try await get("income-statement", query)
        let ratiosByDate = Dictionary(ratios.map { ($0.date, $0) }, uniquingKeysWith: { first, _ in first })
        let filedByDate = Dictionary(statements.map { ($0.date, FMPWire.day($0.filingDate ?? $0.acceptedDate)) },
                                     uniquingKeysWith: { first, _ in first })
        let periods = Set(metrics.map(\.date)).union(ratiosByDate.keys)
        var snapshots: [FundamentalSnapshot] = []
        for period in periods {
            guard let end = FMPWire.day(period) else { throw shape("key-metrics", "a period ends on \"\(period)\"") }
            let filed = (filedByDate[period] ?? nil) ?? end.adding(days: 90)
            let ratio = ratiosByDate[period]
            let yield = ratio?.dividendYieldPercentage ?? ratio?.dividendYield.map { $0 * 100 }
            snapshots.append(FundamentalSnapshot(
                ticker: ticker, filingDate: filed, peRatio: ratio?.priceToEarningsRatio, pbRatio: ratio?.priceToBookRatio,
                marketCap: metrics.first { $0.date == period }?.marketCap, dividendYield: yield))
        }
        return snapshots.sorted { $0.filingDate < $1.filingDate }
    }

    // MARK: Analysts

    /// Individual analyst actions (upgrades, downgrades, initiations), oldest first.
    package func analystGrades(ticker: String) async throws -> [AnalystGrade] {
        let rows: [FMPWire.Grade] = try await get("grades", [("symbol", ticker)])
        return try rows.enumerated().map { index, row in
            guard let day = FMPWire.day(row.date) else { throw shape("grades", "row \(index) has the date \"\(row.date)\"") }
            return AnalystGrade(ticker: ticker, day: day, firm: row.gradingCompany ?? "unknown",
                                action: Self.action(row.action))
        }.sorted { ($0.day, $0.firm) < ($1.day, $1.firm) }
    }

    /// Today's consensus, on the 1 (strong sell) to 5 (strong buy) scale, dated the day it was fetched
    /// (FMP gives no history for it, so it is only visible from that day on).
    package func analystConsensus(ticker: String) async throws -> AnalystGrade {
        let path = "grades-consensus"
        let rows: [FMPWire.GradesConsensus] = try await get(path, [("symbol", ticker)])
        guard let row = rows.first else {
            throw LiveSourceError.noData(source: Self.source, endpoint: endpoint(path, [("symbol", ticker)]), what: ticker)
        }
        let counts = [row.strongSell, row.sell, row.hold, row.buy, row.strongBuy].map { max(0, $0 ?? 0) }
        let total = counts.reduce(0, +)
        // Weighted mean of the five buckets scored 1…5.
        let score = total > 0 ? zip(counts, 1...5).map { $0 * Double($1) }.reduce(0, +) / total : nil
        return AnalystGrade(ticker: ticker, day: Day(date: fetcherNow()), firm: "consensus", action: .maintain,
                            consensusScore: score)
    }

    static func action(_ text: String?) -> AnalystGrade.Action {
        switch text?.lowercased() ?? "" {
        case "upgrade", "up": .upgrade
        case "downgrade", "down": .downgrade
        case let other where other.hasPrefix("init"): .initiate
        default: .maintain
        }
    }

    // MARK: Universe

    /// Today's S&P 500 members.
    package func sp500Constituents() async throws -> [SP500Constituent] {
        let rows: [FMPWire.Constituent] = try await get("sp500-constituent", [])
        guard !rows.isEmpty else {
            throw LiveSourceError.noData(source: Self.source, endpoint: endpoint("sp500-constituent", []), what: "the S&P 500 list")
        }
        return rows.map {
            SP500Constituent(ticker: $0.symbol, name: $0.name, sector: $0.sector, dateFirstAdded: FMPWire.day($0.dateFirstAdded))
        }.sorted { $0.ticker < $1.ticker }
    }

    // MARK: Plumbing

    private func get<T: Decodable>(_ path: String, _ query: [(String, String)], rangeEnd: Day? = nil) async throws -> T {
        let request = HTTPRequest(url: url(path, query + [("apikey", apiKey)]), headers: ["Accept": "application/json"],
                                  timeout: timeout)
        return try await fetcher.fetch(request, cacheKey: cacheKey(path, query), rangeEnd: rangeEnd) { data in
            try JSONDecoder().decode(T.self, from: data)
        }
    }

    private func url(_ path: String, _ query: [(String, String)]) -> URL {
        var parts = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        parts.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        return parts.url!
    }

    /// The endpoint as errors show it: path and parameters, no key.
    private func endpoint(_ path: String, _ query: [(String, String)]) -> String {
        Redactor.endpoint(url(path, query))
    }

    private func cacheKey(_ path: String, _ query: [(String, String)]) -> String {
        ([path] + query.map { "\($0.0)=\($0.1)" }).joined(separator: "|")
    }

    private func shape(_ path: String, _ detail: String) -> LiveSourceError {
        .unexpectedShape(source: Self.source, endpoint: Redactor.endpoint(baseURL.appendingPathComponent(path)), detail: detail)
    }

    private func fetcherNow() -> Date { fetcher.currentDate }
}

extension FMPClient: CustomStringConvertible, CustomReflectable {
    /// Never shows the key, so logging or dumping a client is safe.
    package var description: String { "FMPClient(\(baseURL.absoluteString), key: \(Redactor.placeholder))" }
    package var customMirror: Mirror { Mirror(self, children: ["baseURL": baseURL, "key": Redactor.placeholder]) }
}
