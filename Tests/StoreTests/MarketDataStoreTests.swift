import Foundation
@testable import Store
import StrategyCore
import Testing

@Suite("Market data in the store")
struct MarketDataStoreTests {
    @Test("a cached payload reads back with its fetch time, and a second put replaces it")
    func cache() throws {
        let store = try Fixtures.store()
        #expect(try store.cachedPayload(source: "fmp", key: "eod/AAPL") == nil)
        let first = Date(timeIntervalSince1970: 1_700_000_000)
        try store.putCachedPayload(source: "fmp", key: "eod/AAPL", payload: Data("[1,2]".utf8), fetchedAt: first)
        #expect(try store.cachedPayload(source: "fmp", key: "eod/AAPL") == CachedPayload(payload: Data("[1,2]".utf8), fetchedAt: first))
        let later = first.addingTimeInterval(86_400)
        let bytes = Data([0, 255, 7, 0])
        try store.putCachedPayload(source: "fmp", key: "eod/AAPL", payload: bytes, fetchedAt: later)
        #expect(try store.cachedPayload(source: "fmp", key: "eod/AAPL") == CachedPayload(payload: bytes, fetchedAt: later))
        #expect(try store.cachedPayload(source: "apewisdom", key: "eod/AAPL") == nil, "sources do not share keys")
    }

    @Test("bars round-trip exactly and can be read within a range")
    func barsRoundTrip() throws {
        let store = try Fixtures.store()
        let series = Fixtures.series("AAPL", count: 30)
        #expect(try store.replaceBars(source: "csv", series: series) == (removed: 0, inserted: 30))
        #expect(try store.bars(source: "csv", ticker: "AAPL") == series)
        let slice = try store.bars(source: "csv", ticker: "AAPL", from: series.days[5], to: series.days[9])
        #expect(slice == series.slice(from: series.days[5], to: series.days[9]))
        #expect(try store.bars(source: "csv", ticker: "MSFT") == nil)
        #expect(try store.bars(source: "embedded", ticker: "AAPL") == nil)
    }

    @Test("close-only flags are stored bar by bar; a full bar that happens to be flat is not taken for a close")
    func closeOnlyFlags() throws {
        let store = try Fixtures.store()
        // Ten full bars, then twenty from closes alone (a close-only file merged after an OHLCV one).
        var merged = Fixtures.series("MIX", count: 10)
        for i in 10..<30 {
            let close = 60 + Double(i)
            merged.append(day: merged.days[0].adding(days: i), open: close, high: close, low: close, close: close, volume: 0,
                          closeOnly: true)
        }
        // A real bar can have open = high = low = close and no volume (a halted day); it stays a full bar.
        var flat = PriceSeries(ticker: "FLAT")
        for i in 0..<5 { flat.append(day: merged.days[0].adding(days: i), open: 20, high: 20, low: 20, close: 20, volume: 0) }
        _ = try store.replaceBars(source: "csv", series: [merged, flat])
        let read = try #require(try store.bars(source: "csv", ticker: "MIX"))
        #expect(read == merged)
        #expect(!read.isCloseOnly(9) && read.isCloseOnly(10) && read.closeOnlyCount == 20)
        #expect(try store.bars(source: "csv", ticker: "FLAT")?.closeOnlyCount == 0)
        #expect(try store.allBars(source: "csv") == [flat, merged])
    }

    @Test("importing a ticker again replaces its rows from that source only and says how many")
    func replace() throws {
        let store = try Fixtures.store()
        _ = try store.replaceBars(source: "csv", series: Fixtures.series("AAPL", count: 30))
        _ = try store.replaceBars(source: "embedded", series: Fixtures.series("AAPL", count: 12))
        _ = try store.replaceBars(source: "csv", series: Fixtures.series("MSFT", count: 8))
        let shorter = Fixtures.series("AAPL", count: 20, base: 70)
        #expect(try store.replaceBars(source: "csv", series: shorter) == (removed: 30, inserted: 20))
        #expect(try store.bars(source: "csv", ticker: "AAPL") == shorter)
        #expect(try store.bars(source: "embedded", ticker: "AAPL")?.count == 12)
        let first = Fixtures.day("2010-01-04")
        #expect(try store.storedSeries() == [
            StoredSeriesSummary(source: "csv", ticker: "AAPL", first: first, last: first.adding(days: 19), count: 20),
            StoredSeriesSummary(source: "csv", ticker: "MSFT", first: first, last: first.adding(days: 7), count: 8),
            StoredSeriesSummary(source: "embedded", ticker: "AAPL", first: first, last: first.adding(days: 11), count: 12),
        ])
        #expect(try store.allBars(source: "csv").map(\.ticker) == ["AAPL", "MSFT"])
    }

    @Test("a series with repeated days or a NaN is refused whole, leaving the old rows")
    func invalidSeries() throws {
        let store = try Fixtures.store()
        let good = Fixtures.series("AAPL", count: 5)
        _ = try store.replaceBars(source: "csv", series: good)
        var repeated = Fixtures.series("AAPL", count: 5)
        repeated.days[3] = repeated.days[2]
        var nan = Fixtures.series("AAPL", count: 5)
        nan.close[1] = .nan
        var ragged = Fixtures.series("AAPL", count: 5)
        ragged.volume.removeLast()
        for bad in [repeated, nan, ragged] {
            #expect(throws: StoreError.self) { try store.replaceBars(source: "csv", series: [Fixtures.series("MSFT", count: 3), bad]) }
        }
        #expect(try store.bars(source: "csv", ticker: "AAPL") == good)
        #expect(try store.bars(source: "csv", ticker: "MSFT") == nil, "the valid series of a refused import is not kept either")
    }

    @Test("requests are counted per source and day")
    func apiUsage() throws {
        let store = try Fixtures.store()
        let day = Fixtures.day("2026-03-02")
        #expect(try store.requestCount(source: "fmp", day: day) == 0)
        #expect(try store.recordRequest(source: "fmp", day: day) == 1)
        #expect(try store.recordRequest(source: "fmp", day: day) == 2)
        try store.recordRequest(source: "fmp", day: day.adding(days: 1))
        try store.recordRequest(source: "reddit", day: day)
        #expect(try store.requestCount(source: "fmp", day: day) == 2)
        #expect(try store.requestCount(source: "fmp", day: day.adding(days: 1)) == 1)
        #expect(try store.requestCount(source: "reddit", day: day) == 1)
    }

    /// The size of the embedded sample universe: 530 tickers of a year of trading days.
    @Test("a whole universe of 530 tickers × 250 days is stored in one transaction and read back")
    func universeImport() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try StratStore.open(at: directory.appendingPathComponent("stratchat.db").path)
        let universe = (0..<530).map { Fixtures.series(String(format: "T%03d", $0), count: 250, base: Double(10 + $0)) }
        let clock = ContinuousClock()
        var result = (removed: 0, inserted: 0)
        let write = try clock.measure { result = try store.replaceBars(source: "embedded", series: universe) }
        #expect(result == (removed: 0, inserted: 132_500))
        var loaded: [PriceSeries] = []
        let read = try clock.measure { loaded = try store.allBars(source: "embedded") }
        #expect(loaded == universe)
        let again = try clock.measure { result = try store.replaceBars(source: "embedded", series: universe) }
        #expect(result == (removed: 132_500, inserted: 132_500))
        print("price_bars 530×250: insert \(write), read \(read), replace \(again)")
    }
}
