import Foundation
import Testing
@testable import StrategyCore

/// One field of every case, with parameters other than the registry's examples where they exist.
let everyFieldCase: [Field] = [
    .open, .high, .low, .close, .volume, .sma(200), .ema(9), .rsi(2),
    .macd(fast: 12, slow: 26, signal: 9), .macdSignal(fast: 5, slow: 35, signal: 5), .macdHist(fast: 8, slow: 17, signal: 9),
    .bbUpper(period: 20, k: 2), .bbMiddle(period: 20, k: 2.5), .bbLower(period: 10, k: 1.5),
    .atr(14), .volumeSMA(50), .priceChangePct(10), .highN(52), .lowN(20),
    .insiderBuyCount(days: 30), .insiderBuyValue(days: 90), .insiderSellCount(days: 14), .insiderSellValue(days: 60),
    .insiderCSuiteBuyCount(days: 180), .redditMentions(days: 7), .redditMentionsChangePct(days: 3),
    .redditSentiment(days: 1), .redditRank, .peRatio, .pbRatio, .marketCap, .dividendYield,
    .analystRatingScore, .analystUpgrades(days: 30), .held, .positionPnlPct,
]

@Suite("Field vocabulary and registry")
struct FieldRegistryTests {
    @Test("every field's name parses back to the same field, in any letter case", arguments: everyFieldCase)
    func nameRoundTrip(field: Field) {
        #expect(Field(name: field.name) == field)
        #expect(Field(name: field.name.uppercased()) == field)
        #expect(FieldRegistry.spec(for: field).field == field)
    }

    @Test("every field's name fits its registry pattern", arguments: everyFieldCase)
    func nameFitsPattern(field: Field) throws {
        let spec = FieldRegistry.spec(for: field)
        var regex = "^"
        for part in spec.pattern.split(separator: "_") {
            if regex != "^" { regex += "_" }
            switch part {
            case "N", "F", "S", "G": regex += "[0-9]+"
            case "Nd": regex += "[0-9]+d"
            case "K": regex += "[0-9]+(\\.[0-9]+)?"
            default: regex += part
            }
        }
        regex += "$"
        #expect(field.name.range(of: regex, options: .regularExpression) != nil, "\(field.name) vs \(spec.pattern)")
        #expect(!spec.meaning.isEmpty)
        #expect(!spec.displayName.isEmpty)
    }

    @Test("the pattern list covers every case once, and each example belongs to its pattern")
    func patternsCoverEveryCase() {
        let patterns = FieldRegistry.patterns
        #expect(Set(patterns.map(\.pattern)).count == patterns.count)
        #expect(Set(patterns.map(\.pattern)) == Set(everyFieldCase.map { FieldRegistry.spec(for: $0).pattern }))
        for pattern in patterns {
            let example = Field(name: pattern.example)
            #expect(example != nil, "\(pattern.example)")
            #expect(example.map { FieldRegistry.spec(for: $0).pattern } == pattern.pattern)
            // Parameters listed in the help match the letters in the pattern.
            let letters = pattern.pattern.split(separator: "_").filter { $0.first?.isUppercase == true }
            #expect(letters.count == pattern.parameters.count, "\(pattern.pattern)")
        }
    }

    /// Look-backs from DESIGN.md's definitions: sma_N's first value is at bar N−1, ema_N is seeded by sma_N,
    /// Wilder's RSI and ATR need N changes (bar N), MACD's line needs ema_S (bar S−1) and its signal G−1 more,
    /// price_change_pct_N and high_N/low_N read N bars back; the change of mentions reads two windows.
    @Test("look-backs follow the vocabulary's definitions", arguments: [
        ("close", Lookback.bars(0)), ("volume", .bars(0)), ("sma_200", .bars(199)), ("ema_20", .bars(19)),
        ("rsi_14", .bars(14)), ("macd_12_26_9", .bars(25)), ("macd_signal_12_26_9", .bars(33)),
        ("macd_hist_12_26_9", .bars(33)), ("bb_upper_20_2", .bars(19)), ("atr_14", .bars(14)),
        ("volume_sma_20", .bars(19)), ("price_change_pct_5", .bars(5)), ("high_20", .bars(20)), ("low_10", .bars(10)),
        ("insider_buy_count_30d", .calendarDays(30)), ("reddit_mentions_7d", .calendarDays(7)),
        ("reddit_mentions_change_pct_7d", .calendarDays(14)), ("analyst_upgrades_30d", .calendarDays(30)),
        ("pe_ratio", .latestValue), ("held", .latestValue),
    ])
    func lookbacks(name: String, expected: Lookback) throws {
        #expect(try #require(FieldRegistry.spec(named: name)).lookback == expected)
    }

    @Test("units and data sources match the vocabulary table", arguments: [
        ("rsi_14", FieldUnit.score, DataRequirement.Source.calculated, "rsi"),
        ("close", .price, .fmp, "price_history"), ("volume", .shares, .fmp, "price_history"),
        ("price_change_pct_5", .percentPoints, .calculated, "price_change_pct"),
        ("insider_buy_value_30d", .dollars, .fmp, "insider_trading"), ("insider_buy_count_30d", .count, .fmp, "insider_trading"),
        ("reddit_mentions_7d", .count, .reddit, "reddit_mentions"), ("dividend_yield", .percentPoints, .fmp, "key_metrics"),
        ("market_cap", .dollars, .fmp, "key_metrics"), ("pe_ratio", .ratio, .fmp, "key_metrics"),
        ("analyst_rating_score", .score, .fmp, "analyst_grades"), ("held", .flag, .userPortfolio, "holdings"),
    ])
    func unitsAndSources(name: String, unit: FieldUnit, source: DataRequirement.Source, dataType: String) throws {
        let spec = try #require(FieldRegistry.spec(named: name))
        #expect(spec.unit == unit)
        #expect(spec.source == source)
        #expect(spec.dataType == dataType)
    }

    /// RSI spans 100 points, so a 10-point margin is 0.1; a close 5% above its SMA with a 10% relative range is 0.5.
    @Test("usual ranges turn margins into strengths between 0 and 1")
    func strengthFromMargin() throws {
        let rsi = try #require(FieldRegistry.spec(named: "rsi_14"))
        #expect(abs(rsi.strength(margin: 10, reference: 30, fieldValue: 20) - 0.1) < 1e-12)
        #expect(rsi.strength(margin: 250, reference: 30, fieldValue: 20) == 1)
        #expect(rsi.strength(margin: -5, reference: 30, fieldValue: 35) == 0)
        let close = try #require(FieldRegistry.spec(named: "close"))
        #expect(abs(close.strength(margin: 5, reference: 100, fieldValue: 105) - 0.5) < 1e-12)
        let change = try #require(FieldRegistry.spec(named: "price_change_pct_5"))
        #expect(change.usualRange == .span(10))
    }

    @Test("a misspelt name suggests the field that was meant", arguments: [
        ("rsi14", "rsi_14"), ("sma50", "sma_50"), ("SMA_50", "sma_50"), ("RSI(14)", "rsi_14"), ("sma-50", "sma_50"),
        ("rsii_14", "rsi_14"), ("smaa_50", "sma_50"), ("insider_buy_count_30", "insider_buy_count_30d"),
        ("reddit_mentions_7_days", "reddit_mentions_7d"), ("macd12_26_9", "macd_12_26_9"), ("rsi", "rsi_14"),
        ("ma_50", "sma_50"), ("price", "close"), ("Bollinger lower 20 2", "bb_lower_20_2"),
        ("insider_buy_amount_30d", "insider_buy_value_30d"), ("rsi_1", "rsi_14"), ("clsoe", "close"),
        ("pe", "pe_ratio"), ("volume_sma", "volume_sma_20"), ("ema 21", "ema_21"), ("atr14", "atr_14"),
    ])
    func suggestions(typed: String, expected: String) {
        #expect(FieldRegistry.suggestion(for: typed) == expected)
    }

    @Test("nothing is suggested for a name unlike any field")
    func noSuggestion() {
        #expect(FieldRegistry.suggestion(for: "zzqxwv") == nil)
        #expect(FieldRegistry.suggestion(for: "") == nil)
        #expect(FieldRegistry.suggestion(for: "  ") == nil)
    }
}
