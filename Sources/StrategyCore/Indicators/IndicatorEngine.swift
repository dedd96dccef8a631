import Foundation

/// Maps a vocabulary field to its column over one ticker's bars.
///
/// Price and indicator fields come from the bars alone; every other family (insider, reddit,
/// fundamental, analyst, portfolio) is supplied by the data layer, so this returns nil for them.
package enum IndicatorEngine {
    /// The column of `field` aligned with `series.days` (NaN where there is no value yet),
    /// or nil when the field is not computed from prices.
    package static func column(_ field: Field, series: PriceSeries) -> [Double]? {
        let c = series.close
        switch field {
        case .open: return series.open
        case .high: return series.high
        case .low: return series.low
        case .close: return c
        case .volume: return series.volume
        case .sma(let n): return Indicators.sma(c, period: n)
        case .ema(let n): return Indicators.ema(c, period: n)
        case .rsi(let n): return Indicators.rsi(c, period: n)
        case .macd(let f, let s, let g): return Indicators.macd(c, fast: f, slow: s, signal: g).line
        case .macdSignal(let f, let s, let g): return Indicators.macd(c, fast: f, slow: s, signal: g).signal
        case .macdHist(let f, let s, let g): return Indicators.macd(c, fast: f, slow: s, signal: g).hist
        case .bbUpper(let n, let k): return Indicators.bollinger(c, period: n, k: k).upper
        case .bbMiddle(let n, _): return Indicators.sma(c, period: n)
        case .bbLower(let n, let k): return Indicators.bollinger(c, period: n, k: k).lower
        case .atr(let n): return Indicators.atr(high: series.high, low: series.low, close: c, period: n)
        case .volumeSMA(let n): return Indicators.sma(series.volume, period: n)
        case .priceChangePct(let n): return Indicators.changePct(c, period: n)
        case .highN(let n): return Indicators.extreme(series.high, period: n, highest: true)
        case .lowN(let n): return Indicators.extreme(series.low, period: n, highest: false)
        default: return nil
        }
    }

    /// Bars a field needs before its first value (0 for raw bars and external fields).
    package static func lookback(_ field: Field) -> Int {
        switch field {
        case .sma(let n), .bbUpper(let n, _), .bbMiddle(let n, _), .bbLower(let n, _), .volumeSMA(let n): n - 1
        case .ema(let n): n - 1
        case .rsi(let n), .atr(let n), .priceChangePct(let n), .highN(let n), .lowN(let n): n
        case .macd(_, let s, _): s - 1
        case .macdSignal(_, let s, let g), .macdHist(_, let s, let g): s + g - 2
        default: 0
        }
    }
}
