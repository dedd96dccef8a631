import Foundation
import Testing
@testable import MarketData
import StrategyCore

@Suite("Long-history embedded set")
struct LongHistorySetTests {
    struct Check: Decodable {
        var ticker: String, date: String, source: String, closeOnly: Bool
        var open: String, high: String, low: String, close: String, volume: String
    }
    struct Fixture: Decodable { var tickers: [String], benchmark: String, checks: [Check] }

    static let fixture: Fixture = {
        let data = try! Data(contentsOf: FixturePaths.url("long-history-spotcheck.json"))
        return try! JSONDecoder().decode(Fixture.self, from: data)
    }()

    @Test("holds 26 stocks as one universe and the S&P 500 index through 2022")
    func universe() throws {
        let set = try EmbeddedDataSet.shared(.longHistory)
        let tickers = try #require(set.universes[EmbeddedSource.longHistoryName])
        #expect(tickers == Self.fixture.tickers)
        #expect(tickers.count == 26)
        let index = try #require(set.series["^GSPC"])
        #expect(index.firstDay == Day(year: 1990, month: 1, day: 2))
        #expect(index.lastDay == Day(year: 2022, month: 12, day: 28))
        // The index is close-only before 1999 and after 2018, with full bars from the arch file between.
        let full = index.firstIndex(onOrAfter: Day(year: 2005, month: 6, day: 1)!)
        #expect(index.isCloseOnly(0) && !index.isCloseOnly(full) && index.isCloseOnly(index.count - 1))
        #expect(set.notes.contains { $0.hasPrefix("AAPL: stitched from skfolio") })
    }

    @Test("IBM ends in 2013 because no file at hand holds it later; the set's notes and `/data` say so")
    func ibmEndsEarly() throws {
        let set = try EmbeddedDataSet.shared(.longHistory)
        let ibm = try #require(set.series["IBM"])
        // The only IBM source is the Quandl WIKI file (bokeh_sampledata), which stops on 2013-03-01.
        #expect(ibm.lastDay == Day(year: 2013, month: 3, day: 1))
        let note = "IBM ends on 2013-03-01, where its only source file (AAPL-GOOG-IBM-MSFT-FB_2000-2013_bokeh.csv.gz) stops"
        #expect(set.notes.contains { $0.hasPrefix(note) })
        #expect(try MarketData.offline().dataInfo().rendered().contains("note: " + note))
    }

    @Test("loads every spot-checked bar as the build script computed it from the source files, bit for bit")
    func spotChecks() throws {
        let set = try EmbeddedDataSet.shared(.longHistory)
        #expect(Self.fixture.checks.count > 100)
        for check in Self.fixture.checks {
            let series = try #require(set.series[check.ticker])
            let day = try #require(Day(iso: check.date))
            let i = series.firstIndex(onOrAfter: day)
            try #require(i < series.count && series.days[i] == day, "\(check.ticker) \(check.date)")
            #expect(series.open[i] == Double(check.open), "\(check.ticker) \(check.date) open")
            #expect(series.high[i] == Double(check.high), "\(check.ticker) \(check.date) high")
            #expect(series.low[i] == Double(check.low), "\(check.ticker) \(check.date) low")
            #expect(series.close[i] == Double(check.close), "\(check.ticker) \(check.date) close")
            #expect(series.volume[i] == Double(check.volume), "\(check.ticker) \(check.date) volume")
            #expect(series.isCloseOnly(i) == check.closeOnly, "\(check.ticker) \(check.date) close-only")
        }
    }

    @Test("a stitched series has no day-to-day move beyond what its stocks really did (no unadjusted split)")
    func noSplitJumps() throws {
        let set = try EmbeddedDataSet.shared(.longHistory)
        for (ticker, s) in set.series {
            for i in 1..<s.count {
                let move = s.close[i] / s.close[i - 1]
                #expect(move < 3 && move > 1.0 / 3, "\(ticker) \(s.days[i])")
            }
        }
    }

    @Test("the long history is served after the cross-section: a stock alone still means its 2009-2010 bars, the index its longest history")
    func sourceOrder() async throws {
        let data = try MarketData.offline()
        #expect(data.owner(of: "AAPL") == EmbeddedSource.name)
        // ^GSPC alone: the long history's 1990-2022, whose 1999-2018 bars are the cross-section's arch file.
        let index = try data.resolve(universe: "^GSPC")
        #expect(index.members == [.init(ticker: "^GSPC", source: EmbeddedSource.longHistoryName)])
        let longest = try #require(try await data.bars(for: index).first)
        let short = try #require(try await data.bars(for: .init(name: "^GSPC", members: [.init(ticker: "^GSPC", source: EmbeddedSource.name)], notes: [])).first)
        #expect(longest.firstDay == Day(year: 1990, month: 1, day: 2) && longest.lastDay == Day(year: 2022, month: 12, day: 28))
        let i = longest.firstIndex(onOrAfter: try #require(short.firstDay))
        #expect(Array(longest.days[i..<(i + short.count)]) == short.days)
        #expect(zip(longest.close[i...], short.close).allSatisfy { abs($0 / $1 - 1) < 1e-8 })
        let long = try data.resolve(universe: EmbeddedSource.longHistoryName)
        #expect(long.members.count == 26 && long.members.allSatisfy { $0.source == EmbeddedSource.longHistoryName })
        let benchmark = try data.resolveBenchmark("^GSPC", for: long)
        #expect(benchmark.members.first?.source == EmbeddedSource.longHistoryName)
        let sample = try data.resolveBenchmark("^GSPC", for: try data.resolve(universe: "sample"))
        #expect(sample.members.first?.source == EmbeddedSource.name)
        // A cross-section ticker tested before 1999, where its own set's index has no bars, takes the long history's.
        let msft = try data.resolve(universe: "MSFT")
        let early = Day(year: 1995, month: 1, day: 3)!...Day(year: 1998, month: 12, day: 31)!
        #expect(try data.resolveBenchmark("^GSPC", for: msft, over: early).members.first?.source == EmbeddedSource.longHistoryName)
        let later = Day(year: 2009, month: 1, day: 2)!...Day(year: 2010, month: 12, day: 31)!
        #expect(try data.resolveBenchmark("^GSPC", for: msft, over: later).members.first?.source == EmbeddedSource.name)
    }
}
