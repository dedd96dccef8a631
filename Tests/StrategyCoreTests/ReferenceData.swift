import Foundation
import StrategyCore

/// Fixture files for the engine, indicator and metrics tests, found next to this source file.
enum ReferenceData {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ relative: String) -> URL { fixtures.appendingPathComponent(relative) }

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    /// Real MSFT daily bars, 1986-03-13 … 2017-11-10.
    static let msft: PriceSeries = {
        (try? loadBars(csv: text("msft/MSFT_1986-2017_pmdarima.csv"), ticker: "MSFT")) ?? PriceSeries(ticker: "MSFT")
    }()

    /// Parses `Date,Open,High,Low,Close,Volume[,…]` rows with ISO dates.
    static func loadBars(csv: String, ticker: String) throws -> PriceSeries {
        var series = PriceSeries(ticker: ticker)
        for line in csv.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count >= 6, let day = Day(iso: f[0]), let o = Double(f[1]), let h = Double(f[2]),
                  let l = Double(f[3]), let c = Double(f[4]), let v = Double(f[5]) else { continue }
            series.append(day: day, open: o, high: h, low: l, close: c, volume: v)
        }
        return series
    }

    /// Rows of a small CSV with a header, as dictionaries of strings.
    static func rows(_ relative: String) throws -> [[String: String]] {
        let lines = try text(relative).split(separator: "\n").map(String.init)
        guard let header = lines.first?.split(separator: ",").map(String.init) else { return [] }
        return lines.dropFirst().map { line in
            let values = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, values))
        }
    }

    /// True when `a` and `b` agree to `rel` relative (absolute near zero), NaN matching NaN.
    static func close(_ a: Double, _ b: Double, rel: Double) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        return abs(a - b) <= rel * max(abs(a), abs(b), 1e-12)
    }
}
