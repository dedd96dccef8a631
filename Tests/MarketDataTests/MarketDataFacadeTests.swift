import Foundation
import Testing
@testable import MarketData
import StrategyCore

/// A stand-in live source: real (not synthetic) insider filings from a given day on, for one ticker.
struct FakeInsiderSource: MarketDataSource {
    var filings: [InsiderFiling]
    var since: Day
    var info: SourceInfo {
        SourceInfo(name: "fake", tickers: ["MSFT"],
                   coverage: [.init(kind: .insider, tickerCount: 1, first: since, last: nil, isSynthetic: false)])
    }
    func bars(tickers: [String], from: Day?, to: Day?) async throws -> [PriceSeries] { [] }
    func insiderFilings(tickers: [String], from: Day?, to: Day?) async throws -> [InsiderFiling] {
        filings.filter { tickers.contains($0.ticker) && within($0.filingDate, from, to) }
    }
}

@Suite("MarketData facade")
struct MarketDataFacadeTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }

    @Test("resolves sample, single tickers, lists and source names; sp500 needs a key")
    func universes() throws {
        let data = try MarketData.offline()
        let sample = try data.resolve(universe: "sample")
        #expect(sample.members.count == 524)
        #expect(sample.members.allSatisfy { $0.source == "embedded" })
        #expect(!sample.notes.isEmpty)
        #expect(try data.resolve(universe: "MSFT").tickers == ["MSFT"])
        #expect(try data.resolve(universe: "^GSPC").tickers == ["^GSPC"])
        #expect(try data.resolve(universe: "aapl, msft").tickers == ["AAPL", "MSFT"])
        #expect(try data.resolve(universe: "embedded").tickers.count == 526)
        #expect(throws: MarketDataError.self) { try data.resolve(universe: "sp500") }
        do {
            _ = try data.resolve(universe: "AAPX")
            Issue.record("an unknown ticker must be refused")
        } catch let error as MarketDataError {
            #expect(error.errorDescription?.contains("Did you mean \"AAPL\"") == true, "\(error)")
        }
    }

    @Test("bars come from the owning source, within the range, with no bar after the end")
    func bars() async throws {
        let data = try MarketData.offline()
        let universe = try data.resolve(universe: "MSFT,^GSPC")
        let series = try await data.bars(for: universe, from: Self.d("2010-01-01"), to: Self.d("2010-12-31"))
        #expect(series.map(\.ticker) == ["MSFT", "^GSPC"])
        #expect(series.allSatisfy { $0.firstDay! >= Self.d("2010-01-04") && $0.lastDay! <= Self.d("2010-12-31") })
        #expect(series[0].count == 252 && series[1].count == 252)
    }

    @Test("builds synthetic-labelled columns aligned with the series days")
    func columns() async throws {
        let data = try MarketData.offline()
        let series = try await data.bars(for: data.resolve(universe: "MSFT,XOM"), from: Self.d("2010-01-01"), to: Self.d("2010-06-30"))
        let result = try await data.externalColumns(fieldNames: ["insider_buy_count_30d", "pe_ratio", "reddit_rank", "rsi_14"], series: series)
        for s in series {
            let cols = try #require(result.columns[s.ticker])
            #expect(Set(cols.keys) == ["insider_buy_count_30d", "pe_ratio", "reddit_rank"])
            #expect(cols.values.allSatisfy { $0.count == s.count })
            #expect(cols["pe_ratio"]!.allSatisfy { !$0.isNaN }, "a report filed before the range is known from its first day")
        }
        #expect(result.isSynthetic)
        #expect(result.syntheticLabels.count == 3)
        #expect(result.syntheticLabels.allSatisfy { $0.contains("synthetic sample") })
        // XOM's sample data starts 2009-08-21, so a 30-day window is covered from 2010 on.
        #expect(result.columns["XOM"]!["insider_buy_count_30d"]!.allSatisfy { !$0.isNaN })
    }

    @Test("a live filing dated t+1 is invisible at t through the facade, and missing history is stated")
    func pointInTimeAndNoDataBefore() async throws {
        let filing = InsiderFiling(ticker: "MSFT", tradeDate: Self.d("2017-06-01"), filingDate: Self.d("2017-06-06"),
                                   insiderName: "A", title: "CEO", kind: .purchase, shares: 10, price: 70)
        let fake = FakeInsiderSource(filings: [filing], since: Self.d("2017-05-01"))
        let data = MarketData(sources: [fake, try EmbeddedSource.shared()])
        let msft = try await data.bars(for: data.resolve(universe: "MSFT"), from: Self.d("2017-04-03"), to: Self.d("2017-06-30"))
        let result = try await data.externalColumns(fieldNames: ["insider_buy_count_10d"], series: msft)
        let col = try #require(result.columns["MSFT"]?["insider_buy_count_10d"])
        let days = msft[0].days
        let dayBefore = try #require(days.firstIndex(of: Self.d("2017-06-05")))
        #expect(col[dayBefore] == 0)
        #expect(col[dayBefore + 1] == 1)
        #expect(col[0].isNaN, "before the source's coverage: no value, not zero")
        #expect(result.warnings.contains { $0.contains("no data before 2017-05-01") }, "\(result.warnings)")
        #expect(!result.isSynthetic, "the real source serves MSFT ahead of the synthetic sample")
    }

    @Test("says so when a kind of data has none for the dates or no source holds it")
    func noneForTheseDates() async throws {
        let storage = InMemoryBarStorage()
        var own = PriceSeries(ticker: "ZZZ")
        own.append(day: Self.d("2020-01-02"), open: 1, high: 1, low: 1, close: 1, volume: 1)
        _ = try storage.replaceBars(source: "mine", series: own)
        let data = try MarketData.offline(storage: storage)
        #expect(try data.resolve(universe: "mine").tickers == ["ZZZ"])
        let zzz = try await data.bars(for: data.resolve(universe: "ZZZ"))
        let result = try await data.externalColumns(fieldNames: ["reddit_mentions_7d"], series: zzz)
        #expect(result.columns["ZZZ"]!["reddit_mentions_7d"]!.allSatisfy { $0.isNaN })
        #expect(result.warnings.contains { $0.hasPrefix("reddit data: no source holds it for 1 of 1 tickers") }, "\(result.warnings)")

        let fake = FakeInsiderSource(filings: [], since: Self.d("2017-05-01"))
        let live = MarketData(sources: [fake, try EmbeddedSource.shared()])
        let old = try await live.bars(for: live.resolve(universe: "MSFT"), from: Self.d("2000-01-01"), to: Self.d("2000-03-01"))
        let none = try await live.externalColumns(fieldNames: ["insider_sell_count_30d"], series: old)
        #expect(none.warnings.contains { $0.contains("insider data: none for these dates (2000-01-03 … 2000-03-01)") }, "\(none.warnings)")
    }

    @Test("data info lists each source's tickers, ranges, real or synthetic, and the longer-series note")
    func dataInfo() throws {
        let report = try MarketData.offline().dataInfo()
        let embedded = try #require(report.sources.first)
        #expect(embedded.tickerCount == 526)
        #expect(embedded.universes["sample"] == 524)
        let text = report.rendered()
        #expect(text.contains("prices            526 tickers  1986-03-13 … 2018-12-31"), "\(text)")
        #expect(text.contains("universe sample   524 tickers  2009-08-21 … 2010-08-20 (some members 1986-03-13 … 2017-11-10)"), "\(text)")
        #expect(text.contains("universe ^IXIC    1 ticker     1999-01-04 … 2018-12-31"), "\(text)")
        #expect(text.contains("synthetic sample"))
        #expect(text.contains("longer adjusted series"))
        let json = try JSONEncoder().encode(report)
        #expect(try JSONDecoder().decode(DataInfoReport.self, from: json) == report)
    }
}

@Suite("MarketData facade with a strategy")
struct MarketDataStrategyTests {
    @Test("builds columns for exactly the alternative fields a strategy reads")
    func strategyFields() async throws {
        let json = """
            {"name": "insiders and oversold", "timeframe": "medium_term",
             "entry_conditions": [{"field": "insider_csuite_buy_count_60d", "operator": "gte", "value": 1},
                                  {"field": "rsi_14", "operator": "lt", "value": 30}],
             "entry_logic": "and",
             "exit_conditions": [{"field": "analyst_upgrades_30d", "operator": "gt", "value": 0}],
             "exit_logic": "or", "risk_parameters": {}}
            """
        let strategy = try JSONDecoder().decode(TradingStrategy.self, from: Data(json.utf8))
        let data = try MarketData.offline()
        let series = try await data.bars(for: data.resolve(universe: "AAPL"))
        let result = try await data.externalColumns(for: strategy, series: series)
        #expect(Set(result.columns["AAPL"]?.keys.map { $0 } ?? []) == ["insider_csuite_buy_count_60d", "analyst_upgrades_30d"])
        #expect(result.syntheticLabels.count == 2)
    }
}

/// A stand-in live price source that can fetch any ticker.
struct FakeLivePrices: MarketDataSource {
    var info: SourceInfo {
        SourceInfo(name: "live", tickers: [], coverage: [.init(kind: .prices, tickerCount: 0, first: nil, last: nil, isSynthetic: false)],
                   acceptsAnyTicker: true)
    }
    func bars(tickers: [String], from: Day?, to: Day?) async throws -> [PriceSeries] {
        tickers.map { PriceSeries(ticker: $0) }
    }
}

@Suite("MarketData facade with a live source")
struct MarketDataLiveOrderTests {
    @Test("a live source placed first serves explicit tickers and one-ticker sets, while \"sample\" keeps the embedded prices")
    func order() throws {
        let data = MarketData(sources: [FakeLivePrices(), try EmbeddedSource.shared()])
        #expect(try data.resolve(universe: "AAPL,NEWCO").members.map(\.source) == ["live", "live"])
        #expect(Set(try data.resolve(universe: "sample").members.map(\.source)) == ["embedded"])
        // The embedded set's one-ticker sets are tickers: a live source serves today's prices for them.
        #expect(try data.resolve(universe: "MSFT").members == [.init(ticker: "MSFT", source: "live")])
        #expect(try data.resolve(universe: "^GSPC").members == [.init(ticker: "^GSPC", source: "live")])
        #expect(try MarketData.offline().resolve(universe: "MSFT").members == [.init(ticker: "MSFT", source: "embedded")])
    }
}

@Suite("MarketData facade edge cases")
struct MarketDataEdgeTests {
    @Test("a range with no bars gives empty columns, not a crash")
    func emptySeries() async throws {
        let data = try MarketData.offline()
        let none = try await data.bars(for: data.resolve(universe: "XOM"), from: Day(iso: "2015-01-01"), to: Day(iso: "2015-02-01"))
        #expect(none.map(\.count) == [0])
        let result = try await data.externalColumns(fieldNames: ["pe_ratio"], series: none)
        #expect(result.columns["XOM"]?["pe_ratio"] == [])
        let nothing = try await data.externalColumns(fieldNames: ["pe_ratio"], series: [])
        #expect(nothing.columns.isEmpty)
    }
}
