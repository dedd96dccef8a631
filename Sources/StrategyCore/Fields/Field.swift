import Foundation

/// One field of the strategy vocabulary, with its parameters parsed from its name (`rsi_14`, `bb_lower_20_2`).
///
/// The name is the contract: `Field(name:)` and `name` round-trip, so a stored strategy names its fields
/// exactly as a person or a model wrote them.
package enum Field: Hashable, Sendable {
    case open, high, low, close, volume
    case sma(Int)
    case ema(Int)
    case rsi(Int)
    case macd(fast: Int, slow: Int, signal: Int)
    case macdSignal(fast: Int, slow: Int, signal: Int)
    case macdHist(fast: Int, slow: Int, signal: Int)
    case bbUpper(period: Int, k: Double)
    case bbMiddle(period: Int, k: Double)
    case bbLower(period: Int, k: Double)
    case atr(Int)
    case volumeSMA(Int)
    case priceChangePct(Int)
    /// Highest high of the N bars before t.
    case highN(Int)
    /// Lowest low of the N bars before t.
    case lowN(Int)
    case insiderBuyCount(days: Int)
    case insiderBuyValue(days: Int)
    case insiderSellCount(days: Int)
    case insiderSellValue(days: Int)
    case insiderCSuiteBuyCount(days: Int)
    case redditMentions(days: Int)
    case redditMentionsChangePct(days: Int)
    case redditSentiment(days: Int)
    case redditRank
    case peRatio, pbRatio, marketCap, dividendYield
    case analystRatingScore
    case analystUpgrades(days: Int)
    case held
    case positionPnlPct

    /// Where a field's values come from.
    package enum Family: String, Hashable, Sendable, CaseIterable {
        case price, indicator, insider, reddit, fundamental, analyst, portfolio
    }

    package var family: Family {
        switch self {
        case .open, .high, .low, .close, .volume: .price
        case .sma, .ema, .rsi, .macd, .macdSignal, .macdHist, .bbUpper, .bbMiddle, .bbLower, .atr, .volumeSMA,
             .priceChangePct, .highN, .lowN: .indicator
        case .insiderBuyCount, .insiderBuyValue, .insiderSellCount, .insiderSellValue, .insiderCSuiteBuyCount: .insider
        case .redditMentions, .redditMentionsChangePct, .redditSentiment, .redditRank: .reddit
        case .peRatio, .pbRatio, .marketCap, .dividendYield: .fundamental
        case .analystRatingScore, .analystUpgrades: .analyst
        case .held, .positionPnlPct: .portfolio
        }
    }

    /// The canonical name, as strategies store it.
    package var name: String {
        switch self {
        case .open: "open"
        case .high: "high"
        case .low: "low"
        case .close: "close"
        case .volume: "volume"
        case .sma(let n): "sma_\(n)"
        case .ema(let n): "ema_\(n)"
        case .rsi(let n): "rsi_\(n)"
        case .macd(let f, let s, let g): "macd_\(f)_\(s)_\(g)"
        case .macdSignal(let f, let s, let g): "macd_signal_\(f)_\(s)_\(g)"
        case .macdHist(let f, let s, let g): "macd_hist_\(f)_\(s)_\(g)"
        case .bbUpper(let n, let k): "bb_upper_\(n)_\(Field.format(k))"
        case .bbMiddle(let n, let k): "bb_middle_\(n)_\(Field.format(k))"
        case .bbLower(let n, let k): "bb_lower_\(n)_\(Field.format(k))"
        case .atr(let n): "atr_\(n)"
        case .volumeSMA(let n): "volume_sma_\(n)"
        case .priceChangePct(let n): "price_change_pct_\(n)"
        case .highN(let n): "high_\(n)"
        case .lowN(let n): "low_\(n)"
        case .insiderBuyCount(let d): "insider_buy_count_\(d)d"
        case .insiderBuyValue(let d): "insider_buy_value_\(d)d"
        case .insiderSellCount(let d): "insider_sell_count_\(d)d"
        case .insiderSellValue(let d): "insider_sell_value_\(d)d"
        case .insiderCSuiteBuyCount(let d): "insider_csuite_buy_count_\(d)d"
        case .redditMentions(let d): "reddit_mentions_\(d)d"
        case .redditMentionsChangePct(let d): "reddit_mentions_change_pct_\(d)d"
        case .redditSentiment(let d): "reddit_sentiment_\(d)d"
        case .redditRank: "reddit_rank"
        case .peRatio: "pe_ratio"
        case .pbRatio: "pb_ratio"
        case .marketCap: "market_cap"
        case .dividendYield: "dividend_yield"
        case .analystRatingScore: "analyst_rating_score"
        case .analystUpgrades(let d): "analyst_upgrades_\(d)d"
        case .held: "held"
        case .positionPnlPct: "position_pnl_pct"
        }
    }

    /// Parses a field name; nil when the name is not in the vocabulary or a parameter is out of range.
    package init?(name raw: String) {
        let name = raw.lowercased()
        switch name {
        case "open": self = .open; return
        case "high": self = .high; return
        case "low": self = .low; return
        case "close": self = .close; return
        case "volume": self = .volume; return
        case "reddit_rank": self = .redditRank; return
        case "pe_ratio": self = .peRatio; return
        case "pb_ratio": self = .pbRatio; return
        case "market_cap": self = .marketCap; return
        case "dividend_yield": self = .dividendYield; return
        case "analyst_rating_score": self = .analystRatingScore; return
        case "held": self = .held; return
        case "position_pnl_pct": self = .positionPnlPct; return
        default: break
        }
        // Longest prefixes first, so `macd_signal_` is not read as `macd_`.
        let windowed: [(String, (Int) -> Field)] = [
            ("insider_csuite_buy_count_", { .insiderCSuiteBuyCount(days: $0) }),
            ("insider_buy_count_", { .insiderBuyCount(days: $0) }),
            ("insider_buy_value_", { .insiderBuyValue(days: $0) }),
            ("insider_sell_count_", { .insiderSellCount(days: $0) }),
            ("insider_sell_value_", { .insiderSellValue(days: $0) }),
            ("reddit_mentions_change_pct_", { .redditMentionsChangePct(days: $0) }),
            ("reddit_mentions_", { .redditMentions(days: $0) }),
            ("reddit_sentiment_", { .redditSentiment(days: $0) }),
            ("analyst_upgrades_", { .analystUpgrades(days: $0) }),
        ]
        for (prefix, make) in windowed where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard rest.hasSuffix("d"), let days = Field.positive(rest.dropLast()) else { return nil }
            self = make(days)
            return
        }
        let macd: [(String, (Int, Int, Int) -> Field)] = [
            ("macd_signal_", { .macdSignal(fast: $0, slow: $1, signal: $2) }),
            ("macd_hist_", { .macdHist(fast: $0, slow: $1, signal: $2) }),
            ("macd_", { .macd(fast: $0, slow: $1, signal: $2) }),
        ]
        for (prefix, make) in macd where name.hasPrefix(prefix) {
            let parts = name.dropFirst(prefix.count).split(separator: "_", omittingEmptySubsequences: false)
            guard parts.count == 3, let f = Field.positive(parts[0]), let s = Field.positive(parts[1]),
                  let g = Field.positive(parts[2]), f < s else { return nil }
            self = make(f, s, g)
            return
        }
        let bands: [(String, (Int, Double) -> Field)] = [
            ("bb_upper_", { .bbUpper(period: $0, k: $1) }),
            ("bb_middle_", { .bbMiddle(period: $0, k: $1) }),
            ("bb_lower_", { .bbLower(period: $0, k: $1) }),
        ]
        for (prefix, make) in bands where name.hasPrefix(prefix) {
            let parts = name.dropFirst(prefix.count).split(separator: "_", omittingEmptySubsequences: false)
            guard parts.count == 2, let n = Field.positive(parts[0]), n >= 2,
                  let k = Double(parts[1]), k > 0, k.isFinite else { return nil }
            self = make(n, k)
            return
        }
        let single: [(String, (Int) -> Field, Int)] = [
            ("volume_sma_", { .volumeSMA($0) }, 1),
            ("price_change_pct_", { .priceChangePct($0) }, 1),
            ("sma_", { .sma($0) }, 1),
            ("ema_", { .ema($0) }, 1),
            ("rsi_", { .rsi($0) }, 2),
            ("atr_", { .atr($0) }, 1),
            ("high_", { .highN($0) }, 1),
            ("low_", { .lowN($0) }, 1),
        ]
        for (prefix, make, minimum) in single where name.hasPrefix(prefix) {
            guard let n = Field.positive(name.dropFirst(prefix.count)), n >= minimum else { return nil }
            self = make(n)
            return
        }
        return nil
    }

    /// Largest period or window accepted, to keep a typo like `sma_20000` from allocating nonsense.
    package static let maxParameter = 5_000

    static func positive(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber),
              let n = Int(text), n > 0, n <= maxParameter else { return nil }
        return n
    }

    static func format(_ k: Double) -> String {
        k == k.rounded() ? String(Int(k)) : String(k)
    }
}
