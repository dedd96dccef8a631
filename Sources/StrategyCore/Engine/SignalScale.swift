import Foundation

/// Each field's usual range, to put margins in different units on one scale when ranking signals.
///
/// A margin equal to the scale counts 1: 10% of the price for price levels, 20 RSI points,
/// 10 percent points of change, one insider purchase. Kept here, beside the ranking that uses it,
/// until the field registry carries a usual range of its own.
enum SignalScale {
    static func scale(of field: Field, close: Double, rhs: Double) -> Double {
        let relative = max(abs(rhs), 1e-12)
        let price = close.isFinite && close > 0 ? close : relative
        switch field {
        case .open, .high, .low, .close, .sma, .ema, .bbUpper, .bbMiddle, .bbLower, .highN, .lowN: return 0.1 * price
        case .atr, .macd, .macdSignal, .macdHist: return 0.01 * price
        case .volume, .volumeSMA, .marketCap: return relative
        case .rsi: return 20
        case .priceChangePct, .positionPnlPct: return 10
        case .insiderBuyCount, .insiderSellCount, .insiderCSuiteBuyCount, .analystUpgrades, .held, .analystRatingScore: return 1
        case .insiderBuyValue, .insiderSellValue: return 100_000
        case .redditMentions: return 50
        case .redditMentionsChangePct: return 100
        case .redditSentiment: return 0.5
        case .redditRank, .peRatio: return 10
        case .pbRatio, .dividendYield: return 2
        }
    }
}
