import Foundation
import Testing
@testable import MarketData
import StrategyCore

@Suite("Synthetic sample alternative data")
struct SyntheticAltDataTests {
    static let source = try! EmbeddedSource.shared()
    static var stocks: [PriceSeries] {
        source.dataSet.universes["sample"]!.compactMap { source.dataSet.series[$0] }
    }

    /// FNV-1a over a canonical JSON encoding: any change in any generated value changes it.
    static func digest(_ data: SyntheticAltData) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for part in [try encoder.encode(data.insider), try encoder.encode(data.mentions),
                     try encoder.encode(data.fundamentals), try encoder.encode(data.grades)] {
            for b in part { h ^= UInt64(b); h &*= 0x0000_0100_0000_01B3 }
        }
        return String(h, radix: 16)
    }

    @Test("is the same in every run: generating twice agrees, and matches the recorded digest")
    func deterministic() throws {
        let again = SyntheticAltData.generate(for: source(tickers: Self.source.dataSet.tickers))
        #expect(again == Self.source.alternative)
        let fixture = FixturePaths.url("synthetic-digest.txt")
        let digest = try Self.digest(again)
        if ProcessInfo.processInfo.environment["STRATCHAT_RECORD"] == "1" {
            try (digest + "\n").write(to: fixture, atomically: true, encoding: .utf8)
            Issue.record("recorded \(fixture.lastPathComponent); run again without STRATCHAT_RECORD")
            return
        }
        let recorded = try String(contentsOf: fixture, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(digest == recorded, "synthetic data changed; if on purpose, re-record with STRATCHAT_RECORD=1")
        let otherSeed = SyntheticAltData.generate(for: [Self.source.dataSet.series["AAPL"]!], seed: 7)
        #expect(otherSeed.mentions.map(\.mentions) != again.mentions.filter { $0.ticker == "AAPL" }.map(\.mentions),
                "the seed must matter")
    }

    func source(tickers: [String]) -> [PriceSeries] { tickers.compactMap { Self.source.dataSet.series[$0] } }

    @Test("a ticker's data does not depend on which other tickers are generated (ranks aside)")
    func keyedByTicker() {
        let alone = SyntheticAltData.generate(for: source(tickers: ["XOM"]))
        #expect(alone.insider == Self.source.alternative.insider.filter { $0.ticker == "XOM" })
        #expect(alone.fundamentals == Self.source.alternative.fundamentals.filter { $0.ticker == "XOM" })
        #expect(alone.mentions.map(\.mentions) == Self.source.alternative.mentions.filter { $0.ticker == "XOM" }.map(\.mentions))
    }

    @Test("insider trades are filed 0 to 2 business days after the trade, on weekdays")
    func filingLag() {
        let filings = Self.source.alternative.insider
        #expect(filings.count > 500)
        for f in filings {
            let lag = SyntheticInsider.businessDaysBetween(f.tradeDate, f.filingDate)
            #expect((0...2).contains(lag), "\(f.ticker) traded \(f.tradeDate) filed \(f.filingDate)")
            #expect(f.filingDate.weekday != 0 && f.filingDate.weekday != 6)
        }
        #expect(filings.contains { $0.kind == .sale })
        #expect(Set(filings.map { SyntheticInsider.businessDaysBetween($0.tradeDate, $0.filingDate) }) == [0, 1, 2])
        let buys = filings.filter { $0.kind == .purchase }
        let csuite = Double(buys.filter(\.isCSuite).count) / Double(buys.count)
        #expect(csuite > 0.2 && csuite < 0.8, "C-suite share \(csuite)")
        #expect(filings.allSatisfy { $0.insiderName.contains("synthetic") })
    }

    @Test("insider purchases cluster after drawdowns")
    func purchasesAfterDrawdowns() {
        let byKey = Set(Self.source.alternative.insider.filter { $0.kind == .purchase }.map { "\($0.ticker) \($0.tradeDate)" })
        var deep = (days: 0, buys: 0), calm = (days: 0, buys: 0)
        for s in Self.stocks {
            for i in 0..<s.count {
                // Drawdown from the highest close of the last 60 bars, computed here independently.
                let peak = s.close[max(0, i - 59)...i].max()!
                let dd = s.close[i] / peak - 1
                let bought = byKey.contains("\(s.ticker) \(s.days[i])") ? 1 : 0
                if dd < -0.15 { deep.days += 1; deep.buys += bought } else if dd > -0.05 { calm.days += 1; calm.buys += bought }
            }
        }
        let deepRate = Double(deep.buys) / Double(deep.days), calmRate = Double(calm.buys) / Double(calm.days)
        #expect(deep.days > 100)
        #expect(deepRate > 3 * calmRate, "purchase rate \(deepRate) after drawdowns vs \(calmRate) otherwise")
    }

    @Test("mention counts are heavy-tailed, jump on large moves, and are ranked each day")
    func mentions() throws {
        let all = Self.source.alternative.mentions
        let byTicker = Dictionary(grouping: all, by: \.ticker)
        let medians = byTicker.values.map { obs in obs.map(\.mentions).sorted()[obs.count / 2] }.sorted()
        let typical = Double(medians[medians.count / 2]), top = Double(medians.last!)
        #expect(top > 20 * max(typical, 1), "most-mentioned median \(top) vs typical \(typical)")

        var ratios: [Double] = []
        for s in Self.stocks where s.ticker != "MSFT" {
            let obs = Dictionary(uniqueKeysWithValues: (byTicker[s.ticker] ?? []).map { ($0.day, $0.mentions) })
            let median = Double(medians.isEmpty ? 1 : (byTicker[s.ticker] ?? []).map(\.mentions).sorted()[obs.count / 2])
            for i in 1..<s.count where abs(s.close[i] / s.close[i - 1] - 1) > 0.06 {
                ratios.append(Double(obs[s.days[i]] ?? 0) / max(median, 1))
            }
        }
        ratios.sort()
        #expect(ratios.count > 50)
        #expect(ratios[ratios.count / 2] > 2, "median jump on >6% moves: \(ratios[ratios.count / 2])x")

        let day = try #require(Day(iso: "2010-01-05"))
        let ranks = all.filter { $0.day == day }.compactMap(\.rank).sorted()
        #expect(ranks == Array(1...ranks.count))
        #expect(all.allSatisfy { ($0.sentiment ?? 0) >= -1 && ($0.sentiment ?? 0) <= 1 })
    }

    @Test("fundamentals are quarterly and move slowly; analyst consensus stays on the 1 to 5 scale")
    func fundamentalsAndGrades() {
        for (_, reports) in Dictionary(grouping: Self.source.alternative.fundamentals, by: \.ticker) {
            for (a, b) in zip(reports, reports.dropFirst()) {
                #expect((60...130).contains(a.filingDate.days(to: b.filingDate)))
                #expect(abs(log(b.peRatio! / a.peRatio!)) < 0.5)
            }
        }
        let msft = Self.source.alternative.fundamentals.filter { $0.ticker == "MSFT" }
        #expect(msft.count > 120, "31 years of quarterly reports")
        #expect(msft.first!.filingDate <= Self.source.dataSet.series["MSFT"]!.firstDay!)
        let grades = Self.source.alternative.grades
        #expect(grades.allSatisfy { (1...5).contains($0.consensusScore!) })
        #expect(grades.contains { $0.action == .upgrade } && grades.contains { $0.action == .downgrade })
        #expect(!Self.source.alternative.insider.contains { $0.ticker.hasPrefix("^") })
    }

    @Test("the embedded source labels alternative data as a synthetic sample and prices as real")
    func labelled() {
        let info = Self.source.info
        for kind in [DataKind.insider, .mentions, .fundamentals, .analyst] {
            #expect(info.isSynthetic(kind))
            #expect(info.coverage(of: kind)?.label == "synthetic sample")
        }
        #expect(!info.isSynthetic(.prices))
        #expect(info.coverage(of: .prices)?.label == nil)
    }
}
