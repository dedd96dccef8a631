import Foundation
import Testing
@testable import StrategyCore

/// Our indicator columns against values computed independently in pandas and cross-checked with
/// TA-Lib (scripts/fixtures/make_indicator_fixtures.py) on real MSFT bars.
@Suite("Indicators agree with the reference library")
struct IndicatorReferenceTests {
    struct Expected: Decodable {
        let first_index: Int
        let head: [Double?]
        let tail_start: Int
        let tail: [Double?]
    }

    struct FixtureFile: Decodable {
        let bars: Int
        let indicators: [String: Expected]
    }

    static let fixture: FixtureFile? = {
        guard let data = try? Data(contentsOf: ReferenceData.url("indicators/msft_indicators.json")) else { return nil }
        return try? JSONDecoder().decode(FixtureFile.self, from: data)
    }()

    static let names = [
        "sma_10", "sma_50", "sma_200", "ema_12", "ema_50", "rsi_14", "rsi_2", "atr_14", "volume_sma_20",
        "price_change_pct_5", "high_20", "low_20", "macd_12_26_9", "macd_signal_12_26_9", "macd_hist_12_26_9",
        "bb_upper_20_2", "bb_middle_20_2", "bb_lower_20_2",
    ]

    @Test("each indicator matches to 1e-9 relative, with no value before its look-back", arguments: names)
    func matchesReference(name: String) throws {
        let fixture = try #require(Self.fixture)
        let expected = try #require(fixture.indicators[name])
        let series = ReferenceData.msft
        #expect(series.count == fixture.bars)
        let field = try #require(Field(name: name))
        let column = try #require(IndicatorEngine.column(field, series: series))
        #expect(column.count == series.count)
        #expect(column.firstIndex { !$0.isNaN } == expected.first_index)
        #expect(column[..<expected.first_index].allSatisfy { $0.isNaN })
        for (k, value) in expected.head.enumerated() {
            let i = expected.first_index + k
            #expect(ReferenceData.close(column[i], value ?? .nan, rel: 1e-9), "\(name)[\(i)] = \(column[i]), expected \(value ?? .nan)")
        }
        for (k, value) in expected.tail.enumerated() {
            let i = expected.tail_start + k
            #expect(ReferenceData.close(column[i], value ?? .nan, rel: 1e-9), "\(name)[\(i)] = \(column[i]), expected \(value ?? .nan)")
        }
    }

    @Test("fields from outside the bars have no price column")
    func externalFieldsAreNil() {
        #expect(IndicatorEngine.column(.insiderBuyCount(days: 30), series: ReferenceData.msft) == nil)
        #expect(IndicatorEngine.column(.peRatio, series: ReferenceData.msft) == nil)
    }

    @Test("short series give no value rather than failing")
    func shortSeries() throws {
        let day = try #require(Day(iso: "2020-01-02"))
        var s = PriceSeries(ticker: "X")
        for i in 0..<5 { s.append(day: day.adding(days: i), open: 10, high: 11, low: 9, close: 10 + Double(i), volume: 100) }
        for name in ["sma_200", "rsi_14", "macd_12_26_9", "bb_upper_20_2", "atr_14", "high_20"] {
            let field = try #require(Field(name: name))
            let column = try #require(IndicatorEngine.column(field, series: s))
            #expect(column.count == 5 && column.allSatisfy { $0.isNaN }, "\(name)")
        }
        #expect(IndicatorEngine.column(.rsi(2), series: s)?[2] == 100, "rising closes have no loss, so RSI is 100 (hand-computed)")
        #expect(IndicatorEngine.column(.sma(3), series: s)?[2] == 11, "(10 + 11 + 12) / 3 = 11")
        #expect(IndicatorEngine.column(.highN(2), series: s)?[2] == 11, "highest high of the 2 bars before t")
        #expect(IndicatorEngine.column(.sma(1), series: PriceSeries(ticker: "E"))?.isEmpty == true)
    }
}
