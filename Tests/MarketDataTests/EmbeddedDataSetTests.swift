import Foundation
import Testing
@testable import MarketData
import StrategyCore

@Suite("Embedded data set")
struct EmbeddedDataSetTests {
    struct Check: Decodable {
        var ticker: String, file: String, date: String
        var open: String, high: String, low: String, close: String, adjClose: String?, volume: String
        var volumeMultiplier: Double
    }
    struct Superseded: Decodable { var ticker: String, file: String, date: String, close: String }
    struct Fixture: Decodable { var sampleCount: Int, namedCount: Int, checks: [Check], superseded: [Superseded] }

    static let fixture: Fixture = {
        let data = try! Data(contentsOf: FixturePaths.url("embedded-spotcheck.json"))
        return try! JSONDecoder().decode(Fixture.self, from: data)
    }()

    @Test("loads the sample universe with names and sectors where the source has them")
    func universes() throws {
        let set = try EmbeddedDataSet.shared()
        let sample = try #require(set.universes["sample"])
        #expect(sample.count == Self.fixture.sampleCount)
        #expect(sample.count == 524)
        let named = sample.filter { set.info(for: $0)?.sector != nil }
        #expect(named.count == 442)
        #expect(set.universes["^GSPC"] == ["^GSPC"])
        #expect(set.series["^IXIC"]?.firstDay == Day(year: 1999, month: 1, day: 4))
        #expect(set.series["^IXIC"]?.lastDay == Day(year: 2018, month: 12, day: 31))
        #expect(set.series["MSFT"]?.firstDay == Day(year: 1986, month: 3, day: 13))
        #expect(set.info(for: "AAPL")?.name == "Apple Inc.")
    }

    @Test("matches the spot-checked rows extracted from the source files, bit for bit")
    func spotChecks() throws {
        let set = try EmbeddedDataSet.shared()
        #expect(Self.fixture.checks.count > 50)
        for check in Self.fixture.checks {
            let series = try #require(set.series[check.ticker], "\(check.ticker)")
            let day = try #require(Day(iso: check.date))
            let i = series.firstIndex(onOrAfter: day)
            try #require(i < series.count && series.days[i] == day, "\(check.ticker) \(check.date) missing")
            let close = Double(check.close)!
            let factor = check.adjClose.map { Double($0)! / close } ?? 1
            #expect(series.open[i] == Double(check.open)! * factor, "\(check.ticker) \(check.date) open")
            #expect(series.high[i] == Double(check.high)! * factor, "\(check.ticker) \(check.date) high")
            #expect(series.low[i] == Double(check.low)! * factor, "\(check.ticker) \(check.date) low")
            #expect(series.close[i] == (check.adjClose.map { Double($0)! } ?? close), "\(check.ticker) \(check.date) close")
            #expect(series.volume[i] == Double(check.volume)! * check.volumeMultiplier, "\(check.ticker) \(check.date) volume")
        }
    }

    @Test("keeps the longer adjusted series where two files hold the same ticker, and says so")
    func longerSeriesWins() throws {
        let set = try EmbeddedDataSet.shared()
        #expect(!Self.fixture.superseded.isEmpty)
        for lost in Self.fixture.superseded {
            let series = try #require(set.series[lost.ticker])
            let day = try #require(Day(iso: lost.date))
            let i = series.firstIndex(onOrAfter: day)
            #expect(series.close[i] != Double(lost.close)!, "\(lost.ticker) still holds the \(lost.file) close")
            #expect(set.notes.contains { $0.hasPrefix("\(lost.ticker):") && $0.contains("longer adjusted") })
        }
        #expect(set.universes["sample"]?.contains("MSFT") == true)
        #expect((set.series["MSFT"]?.count ?? 0) > 7_000)
    }

    @Test("matches every close in the shared source files when they are on this machine")
    func fullSourceComparison() throws {
        let file = FixturePaths.sharedPrices.appendingPathComponent("SP500-members_2009-2010_bytetheory.csv")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return }
        let set = try EmbeddedDataSet.shared()
        var compared = 0
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            guard f.count == 7, f[1] != "MSFT", let series = set.series[String(f[1])] else { continue }
            let s = String(f[0])
            let day = try #require(Day(year: Int(s.prefix(4))!, month: Int(s.dropFirst(4).prefix(2))!, day: Int(s.suffix(2))!))
            let i = series.firstIndex(onOrAfter: day)
            #expect(series.days[i] == day && series.close[i] == Double(f[5])!, "\(f[1]) \(s)")
            compared += 1
        }
        #expect(compared > 120_000)
    }

    @Test("refuses damaged bytes with an error instead of crashing")
    func damaged() throws {
        #expect(throws: MarketDataError.self) { try EmbeddedDataSet.decode(Data("STRATEMBxxxx".utf8)) }
        let url = try #require(EmbeddedDataSet.resourceURL())
        let data = try Data(contentsOf: url)
        #expect(throws: MarketDataError.self) { try EmbeddedDataSet.decode(data.prefix(data.count - 100)) }
    }
}
