import Foundation
import StrategyCore

/// Short names for new strategies, in the words traders use ("Insider Buying + RSI Oversold"), built from
/// the entry rules the text parser reads; a heading the person wrote ("Reddit momentum: buy when …") wins.
enum OfflineNaming {
    static func name(for description: String) -> String {
        if let title = OfflineRequestDetails.groups(#"^\s*([A-Za-z][^:\n]{1,40}?)\s*:\s*\S"#, in: description)?.first,
           !["entry", "exit", "buy", "sell", "strategy", "rules", "idea"].contains(title.lowercased()),
           !title.lowercased().contains("strategy"), title.split(separator: " ").count <= 5 {
            return title.prefix(1).uppercased() + title.dropFirst()
        }
        guard let strategy = StrategyTextParser().parse(description).strategy else { return "New Strategy" }
        var parts: [String] = []
        for condition in strategy.entryConditions {
            let label = label(condition)
            if !parts.contains(label) { parts.append(label) }
        }
        return parts.isEmpty ? "New Strategy" : parts.prefix(3).joined(separator: " + ")
    }

    /// A trader's label for one entry rule.
    static func label(_ condition: Condition) -> String {
        let field = condition.field
        let below = [.lt, .lte, .crossesBelow].contains(condition.operator)
        let reference: String? = if case .field(let other) = condition.value { other.field } else { nil }
        if let reference, condition.operator == .crossesAbove || condition.operator == .crossesBelow,
           field.hasPrefix("sma_50") || reference.hasPrefix("sma_50"), field.hasPrefix("sma_200") || reference.hasPrefix("sma_200") {
            return condition.operator == .crossesAbove ? "Golden Cross" : "Death Cross"
        }
        switch true {
        case field.hasPrefix("rsi_"): return below ? "RSI Oversold" : "RSI Strength"
        case field.hasPrefix("insider_csuite"): return "C-Suite Buying"
        case field.hasPrefix("insider_buy"): return "Insider Buying"
        case field.hasPrefix("insider_sell"): return below ? "No Insider Selling" : "Insider Selling"
        case field.hasPrefix("reddit_sentiment"): return "Reddit Sentiment"
        case field.hasPrefix("reddit_rank"): return "Reddit Trending"
        case field.hasPrefix("reddit_"): return "Reddit Buzz"
        case field.hasPrefix("macd"): return "MACD Cross"
        case field.hasPrefix("bb_lower"): return "Bollinger Dip"
        case field.hasPrefix("bb_upper"): return "Bollinger Breakout"
        case field.hasPrefix("volume"): return "Volume Surge"
        case field.hasPrefix("price_change_pct"): return below ? "Dip Buy" : "Momentum"
        case field.hasPrefix("pe_ratio"): return below ? "Low P/E" : "High P/E"
        case field.hasPrefix("pb_ratio"): return below ? "Low P/B" : "High P/B"
        case field.hasPrefix("dividend_yield"): return "Dividend Yield"
        case field.hasPrefix("analyst"): return "Analyst Upgrades"
        case field.hasPrefix("market_cap"): return below ? "Small Caps" : "Large Caps"
        default: break
        }
        if let reference {
            if reference.hasPrefix("high_") { return "Breakout" }
            if reference.hasPrefix("low_") { return "New Lows" }
            if condition.operator == .crossesAbove || condition.operator == .crossesBelow { return "MA Cross" }
            if let spec = FieldRegistry.spec(named: reference) {
                return (below ? "Below " : "Above ") + spec.displayName
            }
        }
        return FieldRegistry.spec(named: field)?.displayName ?? field
    }
}
