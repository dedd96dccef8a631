import Basics
import Foundation

extension FieldRegistry {
    /// The valid field name a person most likely meant, or nil when nothing is close.
    ///
    /// Repairs in order: separators and case (`RSI 14`, `sma-50` → `rsi_14`, `sma_50`), a missing underscore
    /// before the parameters (`rsi14`), a missing or spelt-out day suffix (`insider_buy_count_30`,
    /// `reddit_mentions_7_days`), common synonyms (`ma_50`, `price`), a misspelt stem with its
    /// parameters kept (`smaa_50` → `sma_50`), and finally the nearest example name.
    package static func suggestion(for unknownName: String) -> String? {
        let normalized = normalize(unknownName)
        guard !normalized.isEmpty else { return nil }
        if let field = Field(name: normalized) { return field.name }
        if let alias = wholeNameAliases[normalized] { return alias }

        let (stem, parameters) = splitParameters(normalized)
        var stems = [stem]
        if let alias = stemAliases[stem] { stems.insert(alias, at: 0) }
        let knownStems = patterns.map(\.stem)
        if let near = EditDistance.closest(to: stem, in: knownStems), !stems.contains(near) { stems.append(near) }

        for candidateStem in stems {
            if parameters.isEmpty {
                if let pattern = patterns.first(where: { $0.stem == candidateStem }) { return pattern.example }
                continue
            }
            for tail in parameterVariants(parameters) {
                if let field = Field(name: candidateStem + "_" + tail) { return field.name }
            }
            // Right stem, unusable parameters (`rsi_1`): offer the pattern's example.
            if let pattern = patterns.first(where: { $0.stem == candidateStem }) { return pattern.example }
        }
        let names = patterns.map(\.example)
        return EditDistance.closest(to: normalized, in: names)
    }

    /// The pattern a name spells correctly but with parameters that cannot be repaired (`rsi_1`, `sma_0`,
    /// `macd_26_12_9`), used to explain the parameter instead of guessing another field.
    package static func pattern(aimedAtBy name: String) -> FieldPattern? {
        let (stem, parameters) = splitParameters(normalize(name))
        guard !parameters.isEmpty,
              let pattern = patterns.first(where: { $0.stem == stem && !$0.parameters.isEmpty }) else { return nil }
        let repairable = parameterVariants(parameters).contains { Field(name: stem + "_" + $0) != nil }
        return repairable ? nil : pattern
    }

    /// Lowercases and turns spaces, dashes, dots, brackets and commas into single underscores.
    static func normalize(_ name: String) -> String {
        var out = ""
        var lastWasSeparator = true
        for character in name.lowercased() {
            if character.isLetter || character.isNumber {
                out.append(character)
                lastWasSeparator = false
            } else if character == "." && out.last?.isNumber == true {
                out.append(character)  // keeps `bb_lower_20_2.5`
            } else if !lastWasSeparator {
                out.append("_")
                lastWasSeparator = true
            }
        }
        while out.hasSuffix("_") || out.hasSuffix(".") { out.removeLast() }
        return out
    }

    /// Splits `rsi14` or `insider_buy_count_30d` into the word part and the parameter part.
    static func splitParameters(_ name: String) -> (stem: String, parameters: String) {
        guard let index = name.firstIndex(where: \.isNumber) else { return (name, "") }
        var stem = String(name[..<index])
        while stem.hasSuffix("_") { stem.removeLast() }
        return (stem, String(name[index...]))
    }

    /// The parameter text as written, with a day suffix added, and with a spelt-out `days` shortened.
    static func parameterVariants(_ parameters: String) -> [String] {
        var base = parameters
        for suffix in ["_days", "days", "_day", "day"] where base.hasSuffix(suffix) {
            base = String(base.dropLast(suffix.count)) + "d"
            break
        }
        return [base, base + "d", base.hasSuffix("d") ? String(base.dropLast()) : base]
    }

    static let wholeNameAliases: [String: String] = [
        "price": "close", "closing_price": "close", "last_price": "close", "opening_price": "open",
        "pe": "pe_ratio", "p_e": "pe_ratio", "price_earnings": "pe_ratio", "pb": "pb_ratio", "p_b": "pb_ratio",
        "marketcap": "market_cap", "mkt_cap": "market_cap", "market_capitalization": "market_cap",
        "yield": "dividend_yield", "dividend": "dividend_yield", "analyst_rating": "analyst_rating_score",
        "rating": "analyst_rating_score", "holding": "held", "in_portfolio": "held", "pnl_pct": "position_pnl_pct",
        "position_pnl": "position_pnl_pct", "rank": "reddit_rank", "wsb_rank": "reddit_rank",
    ]

    static let stemAliases: [String: String] = [
        "ma": "sma", "moving_average": "sma", "simple_moving_average": "sma",
        "exponential_moving_average": "ema", "avg_volume": "volume_sma", "volume_avg": "volume_sma",
        "volume_ma": "volume_sma", "vol_sma": "volume_sma", "insider_buy_amount": "insider_buy_value",
        "insider_buys": "insider_buy_count", "insider_sells": "insider_sell_count",
        "insider_sell_amount": "insider_sell_value", "ceo_buy_count": "insider_csuite_buy_count",
        "mentions": "reddit_mentions", "reddit_sentiment_score": "reddit_sentiment", "sentiment": "reddit_sentiment",
        "change_pct": "price_change_pct", "pct_change": "price_change_pct", "return": "price_change_pct",
        "bollinger_upper": "bb_upper", "bollinger_lower": "bb_lower", "bollinger_middle": "bb_middle",
        "upgrades": "analyst_upgrades", "highest_high": "high", "lowest_low": "low", "macd_signal_line": "macd_signal",
    ]
}
