import Foundation
import StrategyCore

/// One benchmark size: how to get its bars and how often to time it.
struct BenchCase {
    let name: String
    let label: String
    let repeats: Int
    let load: () throws -> [PriceSeries]

    static func all(msftPath: String) -> [BenchCase] {
        [
            BenchCase(name: "msft", label: "MSFT 1 x 30y (real)", repeats: 30) {
                [try loadCSV(path: msftPath, ticker: "MSFT")]
            },
            BenchCase(name: "small", label: "500 x 10y (synthetic)", repeats: 10) {
                SyntheticUniverse.make(tickers: 500, bars: 2_520, seed: 42)
            },
            BenchCase(name: "large", label: "5,000 x 20y (synthetic)", repeats: 2) {
                SyntheticUniverse.make(tickers: 5_000, bars: 5_040, seed: 42)
            },
        ]
    }

    /// The workload: rsi_14 < 30 AND close > sma_200, exit rsi_14 > 70, 8% stop, 30 days, 5% positions.
    static let strategy = TradingStrategy(
        name: "bench: oversold in an uptrend", timeframe: .shortTerm,
        entryConditions: [
            Condition(field: "rsi_14", operator: .lt, value: .number(30)),
            Condition(field: "close", operator: .gt, value: .field(FieldReference(field: "sma_200"))),
        ],
        exitConditions: [Condition(field: "rsi_14", operator: .gt, value: .number(70))],
        riskParameters: RiskParameters(stopLossPct: 8, takeProfitPct: nil, maxHoldDays: 30, positionSizePct: 5))

    static func request(_ series: [PriceSeries]) -> BacktestRequest {
        let first = series.compactMap(\.firstDay).min()!, last = series.compactMap(\.lastDay).max()!
        return BacktestRequest(
            strategy: strategy, series: series, start: first, end: last, initialCapital: 100_000, commissionPct: 0.1,
            slippageBps: 5, fill: .nextOpen, dataLabel: "seeded random walk (synthetic sample)", universeLabel: "bench")
    }

    static func loadCSV(path: String, ticker: String) throws -> PriceSeries {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var s = PriceSeries(ticker: ticker)
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            guard f.count >= 6, let d = Day(iso: f[0]), let o = Double(f[1]), let h = Double(f[2]), let l = Double(f[3]),
                  let c = Double(f[4]), let v = Double(f[5]) else { continue }
            s.append(day: d, open: o, high: h, low: l, close: c, volume: v)
        }
        return s
    }
}

/// Peak resident memory of this process so far, in bytes (VmHWM from /proc/self/status).
func peakRSSBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kb * 1024
    }
    return 0
}
