import Foundation
import Testing
@testable import StrategyCore

/// Our engine against Backtesting.py 0.6.6 runs of the same strategies on the same MSFT bars
/// (Fixtures/reference-msft, made by a peer engine nobody here wrote; see its README).
@Suite("Backtests agree with the reference engine")
struct EngineReferenceTests {
    struct Options: Decodable {
        let initial_capital: Double
        let commission_pct: Double
        let slippage_bps: Double
        let fill: String
        let start_date: String
        let end_date: String
    }

    static let cases = ["rsi_30_70", "sma_cross_10_20", "trend_sma50_timeout30"]

    static func run(_ name: String) throws -> StrategyBacktest {
        let folder = "reference-msft/\(name)/"
        let strategy = try JSONDecoder().decode(TradingStrategy.self, from: Data(contentsOf: ReferenceData.url(folder + "strategy.json")))
        let options = try JSONDecoder().decode(Options.self, from: Data(contentsOf: ReferenceData.url(folder + "options.json")))
        let request = BacktestRequest(
            strategy: strategy, series: [ReferenceData.msft], start: try #require(Day(iso: options.start_date)),
            end: try #require(Day(iso: options.end_date)), initialCapital: options.initial_capital,
            commissionPct: options.commission_pct, slippageBps: options.slippage_bps,
            fill: try #require(FillRule(rawValue: options.fill)), dataLabel: "MSFT daily bars 1986-2017 (real prices)",
            universeLabel: "MSFT")
        return try BacktestEngine.run(request)
    }

    @Test("same closed trades: dates and shares exact, prices to 1e-9", arguments: cases)
    func sameTrades(name: String) throws {
        let result = try Self.run(name)
        let expected = try ReferenceData.rows("reference-msft/\(name)/trades.csv")
        #expect(result.trades.count == expected.count)
        for (ours, theirs) in zip(result.trades, expected) {
            #expect(ours.entryDate.iso == theirs["entry_date"])
            #expect(ours.exitDate.iso == theirs["exit_date"])
            #expect(ours.shares == Int(theirs["shares"] ?? ""))
            #expect(ReferenceData.close(ours.entryPrice, Double(theirs["entry_price"] ?? "") ?? .nan, rel: 1e-9))
            #expect(ReferenceData.close(ours.exitPrice, Double(theirs["exit_price"] ?? "") ?? .nan, rel: 1e-9))
            let pnl = Double(theirs["pnl"] ?? "") ?? .nan
            #expect(abs(ours.pnl - pnl) <= 1e-6, "\(ours.entryDate) pnl \(ours.pnl) vs \(pnl)")
        }
    }

    @Test("same equity at every close, within 1e-6 relative", arguments: cases)
    func sameEquity(name: String) throws {
        let result = try Self.run(name)
        let expected = try ReferenceData.rows("reference-msft/\(name)/equity.csv")
        #expect(result.equityCurve.count == expected.count)
        var mismatches = 0
        for (ours, theirs) in zip(result.equityCurve, expected) {
            let value = Double(theirs["equity"] ?? "") ?? .nan
            if ours.date.iso != theirs["date"] || !ReferenceData.close(ours.equity, value, rel: 1e-6) {
                mismatches += 1
                if mismatches <= 3 { Issue.record("\(ours.date) \(ours.equity) vs \(theirs["date"] ?? "?") \(value)") }
            }
        }
        #expect(mismatches == 0)
    }

    /// Backtesting.py's own drawdown figures are defined as ours (equity is flat before the start
    /// date in its run, so its whole-file statistics cover the same curve).
    @Test("same max drawdown and drawdown duration as the reference's statistics", arguments: cases)
    func sameDrawdown(name: String) throws {
        let result = try Self.run(name)
        let data = try Data(contentsOf: ReferenceData.url("reference-msft/\(name)/stats.json"))
        let stats = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let depth = try #require(stats["Max. Drawdown [%]"] as? Double)
        #expect(ReferenceData.close(result.maxDrawdownPct, -depth, rel: 1e-6))
        let duration = try #require(stats["Max. Drawdown Duration"] as? String)
        #expect(duration.hasPrefix("\(result.maxDrawdownDays) days"))
        let final = try #require(stats["Equity Final [$]"] as? Double)
        #expect(ReferenceData.close(result.equityCurve.last?.equity ?? .nan, final, rel: 1e-9))
    }
}
