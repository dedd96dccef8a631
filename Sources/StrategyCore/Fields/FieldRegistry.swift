import Foundation

/// The one place that knows every field of the vocabulary: name pattern, meaning, unit, data source,
/// look-back and usual range. Validation, data requirements, descriptions, the schema and the parser
/// prompt all read from here, so a new field is added once.
package enum FieldRegistry {
    /// Every pattern of the vocabulary, each with an example name, in the order help lists them.
    package static var patterns: [FieldPattern] { allPatterns }

    private static let allPatterns: [FieldPattern] =
        exampleFields.map { field in
            let spec = spec(for: field)
            return FieldPattern(
                pattern: spec.pattern, example: field.name, parameters: spec.parameters,
                meaning: spec.meaning, unit: spec.unit)
        }

    /// One typical field per pattern; the examples are what suggestions fall back to.
    package static let exampleFields: [Field] = [
        .open, .high, .low, .close, .volume,
        .sma(50), .ema(20), .rsi(14),
        .macd(fast: 12, slow: 26, signal: 9), .macdSignal(fast: 12, slow: 26, signal: 9),
        .macdHist(fast: 12, slow: 26, signal: 9),
        .bbUpper(period: 20, k: 2), .bbMiddle(period: 20, k: 2), .bbLower(period: 20, k: 2),
        .atr(14), .volumeSMA(20), .priceChangePct(5), .highN(20), .lowN(20),
        .insiderBuyCount(days: 30), .insiderBuyValue(days: 30), .insiderSellCount(days: 30),
        .insiderSellValue(days: 30), .insiderCSuiteBuyCount(days: 90),
        .redditMentions(days: 7), .redditMentionsChangePct(days: 7), .redditSentiment(days: 7), .redditRank,
        .peRatio, .pbRatio, .marketCap, .dividendYield,
        .analystRatingScore, .analystUpgrades(days: 30),
        .held, .positionPnlPct,
    ]

    /// The spec of a field whose name is known to parse.
    package static func spec(named name: String) -> FieldSpec? {
        Field(name: name).map(spec(for:))
    }

    package static func spec(for field: Field) -> FieldSpec {
        switch field {
        case .open, .high, .low, .close:
            let word = field.name
            return FieldSpec(
                field: field, pattern: word, parameters: [], displayName: word,
                meaning: "the day's \(word == "close" ? "closing" : word == "open" ? "opening" : word) price",
                unit: .price, source: .fmp, dataType: "price_history", lookback: .bars(0),
                usualRange: .relative(0.1), validRange: 0...Double.infinity, canCross: true)
        case .volume:
            return FieldSpec(
                field: field, pattern: "volume", parameters: [], displayName: "volume",
                meaning: "shares traded that day", unit: .shares, source: .fmp, dataType: "price_history",
                lookback: .bars(0), usualRange: .relative(1), validRange: 0...Double.infinity, canCross: true)
        case .sma(let n):
            return indicator(
                field, pattern: "sma_N", parameters: ["N: closes averaged (1 or more)"], display: "SMA(\(n))",
                meaning: "mean of the last N closes", dataType: "sma", lookback: n - 1)
        case .ema(let n):
            return indicator(
                field, pattern: "ema_N", parameters: ["N: period; α = 2/(N+1) (1 or more)"], display: "EMA(\(n))",
                meaning: "exponential average of closes, seeded with sma_N", dataType: "ema", lookback: n - 1)
        case .rsi(let n):
            return indicator(
                field, pattern: "rsi_N", parameters: ["N: period in bars (2 or more)"], display: "RSI(\(n))",
                meaning: "Wilder's relative strength index, 0 to 100 (below 30 oversold, above 70 overbought)",
                unit: .score, dataType: "rsi", lookback: n, usualRange: .span(100), validRange: 0...100)
        case .macd(let f, let s, let g):
            // The MACD line needs only the slow average; its signal line adds G − 1 more bars.
            return indicator(
                field, pattern: "macd_F_S_G", parameters: macdParameters, display: "MACD(\(f),\(s),\(g))",
                meaning: "ema_F − ema_S of close", dataType: "macd", lookback: s - 1,
                usualRange: .relative(1), validRange: nil)
        case .macdSignal(let f, let s, let g):
            return indicator(
                field, pattern: "macd_signal_F_S_G", parameters: macdParameters,
                display: "MACD signal(\(f),\(s),\(g))", meaning: "ema_G of the MACD line, seeded with its first G values' mean",
                dataType: "macd", lookback: s + g - 2, usualRange: .relative(1), validRange: nil)
        case .macdHist(let f, let s, let g):
            return indicator(
                field, pattern: "macd_hist_F_S_G", parameters: macdParameters,
                display: "MACD histogram(\(f),\(s),\(g))", meaning: "MACD line minus its signal line",
                dataType: "macd", lookback: s + g - 2, usualRange: .relative(1), validRange: nil)
        case .bbUpper(let n, let k), .bbMiddle(let n, let k), .bbLower(let n, let k):
            let word = switch field {
            case .bbUpper: "upper"
            case .bbMiddle: "middle"
            default: "lower"
            }
            return indicator(
                field, pattern: "bb_\(word)_N_K",
                parameters: ["N: closes in the window (2 or more)", "K: standard deviations (above 0)"],
                display: "\(word) Bollinger band(\(n), \(Field.format(k)))",
                meaning: word == "middle" ? "sma_N, the centre of the Bollinger bands"
                    : "sma_N \(word == "upper" ? "+" : "−") K × population standard deviation of the last N closes",
                dataType: "bollinger_bands", lookback: n - 1,
                validRange: word == "lower" ? nil : 0...Double.infinity)
        case .atr(let n):
            return indicator(
                field, pattern: "atr_N", parameters: ["N: period in bars (1 or more)"], display: "ATR(\(n))",
                meaning: "Wilder's average true range, in price units", dataType: "atr", lookback: n,
                usualRange: .relative(1))
        case .volumeSMA(let n):
            return indicator(
                field, pattern: "volume_sma_N", parameters: ["N: days of volume averaged (1 or more)"],
                display: "volume SMA(\(n))", meaning: "mean of the last N volumes", unit: .shares,
                dataType: "volume_sma", lookback: n - 1, usualRange: .relative(1))
        case .priceChangePct(let n):
            return indicator(
                field, pattern: "price_change_pct_N", parameters: ["N: bars back (1 or more)"],
                display: "\(n)-day price change", meaning: "(close_t / close_{t−N} − 1) × 100, in percent points",
                unit: .percentPoints, dataType: "price_change_pct", lookback: n, usualRange: .span(10),
                validRange: -100...Double.infinity)
        case .highN(let n):
            return indicator(
                field, pattern: "high_N", parameters: ["N: bars before t (1 or more)"], display: "\(n)-day high",
                meaning: "highest high of the N days before t (close > high_20 is a breakout)",
                dataType: "high_low_range", lookback: n)
        case .lowN(let n):
            return indicator(
                field, pattern: "low_N", parameters: ["N: bars before t (1 or more)"], display: "\(n)-day low",
                meaning: "lowest low of the N days before t", dataType: "high_low_range", lookback: n)
        case .insiderBuyCount(let d):
            return insider(field, pattern: "insider_buy_count_Nd", display: "insider buys (\(d)d)",
                           meaning: "open-market insider purchases filed in the last N calendar days",
                           unit: .count, days: d)
        case .insiderBuyValue(let d):
            return insider(field, pattern: "insider_buy_value_Nd", display: "insider buying $ (\(d)d)",
                           meaning: "dollars of open-market insider purchases filed in the last N calendar days",
                           unit: .dollars, days: d)
        case .insiderSellCount(let d):
            return insider(field, pattern: "insider_sell_count_Nd", display: "insider sales (\(d)d)",
                           meaning: "open-market insider sales filed in the last N calendar days",
                           unit: .count, days: d)
        case .insiderSellValue(let d):
            return insider(field, pattern: "insider_sell_value_Nd", display: "insider selling $ (\(d)d)",
                           meaning: "dollars of open-market insider sales filed in the last N calendar days",
                           unit: .dollars, days: d)
        case .insiderCSuiteBuyCount(let d):
            return insider(field, pattern: "insider_csuite_buy_count_Nd", display: "C-suite buys (\(d)d)",
                           meaning: "purchases by the CEO, CFO, COO, President or Chair filed in the last N calendar days",
                           unit: .count, days: d)
        case .redditMentions(let d):
            return reddit(field, pattern: "reddit_mentions_Nd", display: "Reddit mentions (\(d)d)",
                          meaning: "Reddit mentions in the last N calendar days", unit: .count,
                          lookback: .calendarDays(d), usualRange: .relative(1), validRange: 0...Double.infinity)
        case .redditMentionsChangePct(let d):
            // The change compares the window with the one before it, so it reads twice the days.
            return reddit(field, pattern: "reddit_mentions_change_pct_Nd", display: "Reddit mention change (\(d)d)",
                          meaning: "change of mentions in the last N days against the N days before, in percent points",
                          unit: .percentPoints, lookback: .calendarDays(2 * d), usualRange: .span(100),
                          validRange: -100...Double.infinity)
        case .redditSentiment(let d):
            return reddit(field, pattern: "reddit_sentiment_Nd", display: "Reddit sentiment (\(d)d)",
                          meaning: "mean sentiment of mentions in the last N days, from −1 to 1", unit: .score,
                          lookback: .calendarDays(d), usualRange: .span(2), validRange: -1...1)
        case .redditRank:
            return reddit(field, pattern: "reddit_rank", display: "Reddit rank",
                          meaning: "latest trending rank on Reddit (1 = most mentioned)", unit: .rank,
                          lookback: .latestValue, usualRange: .span(50), validRange: 1...Double.infinity)
        case .peRatio:
            return fundamental(field, display: "P/E", meaning: "price to earnings, latest filed (negative when earnings are)",
                               unit: .ratio, usualRange: .relative(0.5), validRange: nil)
        case .pbRatio:
            return fundamental(field, display: "P/B", meaning: "price to book value, latest filed", unit: .ratio,
                               usualRange: .relative(0.5), validRange: nil)
        case .marketCap:
            return fundamental(field, display: "market cap", meaning: "market capitalisation in dollars, latest filed",
                               unit: .dollars, usualRange: .relative(1), validRange: 0...Double.infinity)
        case .dividendYield:
            return fundamental(field, display: "dividend yield", meaning: "dividend yield in percent points, latest filed",
                               unit: .percentPoints, usualRange: .span(5), validRange: 0...100)
        case .analystRatingScore:
            return FieldSpec(
                field: field, pattern: "analyst_rating_score", parameters: [], displayName: "analyst rating",
                meaning: "consensus analyst rating from 1 (strong sell) to 5 (strong buy)", unit: .score,
                source: .fmp, dataType: "analyst_grades", lookback: .latestValue, usualRange: .span(4),
                validRange: 1...5, canCross: true)
        case .analystUpgrades(let d):
            return FieldSpec(
                field: field, pattern: "analyst_upgrades_Nd", parameters: [windowParameter],
                displayName: "analyst upgrades (\(d)d)", meaning: "analyst upgrades in the last N calendar days",
                unit: .count, source: .fmp, dataType: "analyst_grades", lookback: .calendarDays(d),
                usualRange: .span(3), validRange: 0...Double.infinity, canCross: true)
        case .held:
            return FieldSpec(
                field: field, pattern: "held", parameters: [], displayName: "held",
                meaning: "1 when the person holds the ticker, else 0", unit: .flag, source: .userPortfolio,
                dataType: "holdings", lookback: .latestValue, usualRange: .span(1), validRange: 0...1,
                canCross: false)
        case .positionPnlPct:
            return FieldSpec(
                field: field, pattern: "position_pnl_pct", parameters: [], displayName: "position gain",
                meaning: "the open position's gain in percent points", unit: .percentPoints,
                source: .userPortfolio, dataType: "holdings", lookback: .latestValue, usualRange: .span(10),
                validRange: -100...Double.infinity, canCross: true)
        }
    }

    static let macdParameters = [
        "F: fast EMA period", "S: slow EMA period (greater than F)", "G: signal EMA period",
    ]
    static let windowParameter = "N: calendar days in the window ending with the decision day"

    private static func indicator(
        _ field: Field, pattern: String, parameters: [String], display: String, meaning: String,
        unit: FieldUnit = .price, dataType: String, lookback: Int, usualRange: UsualRange = .relative(0.1),
        validRange: ClosedRange<Double>? = 0...Double.infinity
    ) -> FieldSpec {
        FieldSpec(
            field: field, pattern: pattern, parameters: parameters, displayName: display, meaning: meaning,
            unit: unit, source: .calculated, dataType: dataType, lookback: .bars(lookback),
            usualRange: usualRange, validRange: validRange, canCross: true)
    }

    private static func insider(
        _ field: Field, pattern: String, display: String, meaning: String, unit: FieldUnit, days: Int
    ) -> FieldSpec {
        FieldSpec(
            field: field, pattern: pattern, parameters: [windowParameter], displayName: display, meaning: meaning,
            unit: unit, source: .fmp, dataType: "insider_trading", lookback: .calendarDays(days),
            usualRange: unit == .count ? .span(3) : .relative(1), validRange: 0...Double.infinity, canCross: true)
    }

    private static func reddit(
        _ field: Field, pattern: String, display: String, meaning: String, unit: FieldUnit, lookback: Lookback,
        usualRange: UsualRange, validRange: ClosedRange<Double>
    ) -> FieldSpec {
        FieldSpec(
            field: field, pattern: pattern, parameters: pattern.hasSuffix("Nd") ? [windowParameter] : [],
            displayName: display, meaning: meaning, unit: unit, source: .reddit, dataType: "reddit_mentions",
            lookback: lookback, usualRange: usualRange, validRange: validRange, canCross: true)
    }

    private static func fundamental(
        _ field: Field, display: String, meaning: String, unit: FieldUnit, usualRange: UsualRange,
        validRange: ClosedRange<Double>?
    ) -> FieldSpec {
        FieldSpec(
            field: field, pattern: field.name, parameters: [], displayName: display, meaning: meaning, unit: unit,
            source: .fmp, dataType: "key_metrics", lookback: .latestValue, usualRange: usualRange,
            validRange: validRange, canCross: true)
    }
}
