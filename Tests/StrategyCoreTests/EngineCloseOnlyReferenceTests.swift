import Foundation
import Testing
@testable import StrategyCore

/// The close-only rule against a reference written from the rule alone
/// (`scripts/fixtures/make_closeonly_reference.py`: KO closes 2000-2006, SMA 10/30 cross, 4% stop, 8% target).
@Suite("Close-only series fill at the next close and stop on closes, as the reference run does")
struct EngineCloseOnlyReferenceTests {
    static let folder = "reference-closeonly/"

    static func run() throws -> StrategyBacktest {
        let strategy = try JSONDecoder().decode(TradingStrategy.self, from: Data(contentsOf: ReferenceData.url(folder + "strategy.json")))
        let options = try JSONDecoder().decode(EngineReferenceTests.Options.self,
                                               from: Data(contentsOf: ReferenceData.url(folder + "options.json")))
        let rows = try ReferenceData.rows(folder + "closes.csv")
        let series = PriceSeries.closes(ticker: "KO", days: rows.compactMap { Day(iso: $0["date"] ?? "") },
                                        close: rows.compactMap { Double($0["close"] ?? "") })
        #expect(series.count == rows.count)
        let request = BacktestRequest(
            strategy: strategy, series: [series], start: try #require(Day(iso: options.start_date)),
            end: try #require(Day(iso: options.end_date)), initialCapital: options.initial_capital,
            commissionPct: options.commission_pct, slippageBps: options.slippage_bps,
            fill: try #require(FillRule(rawValue: options.fill)), dataLabel: "KO adjusted closes (real)", universeLabel: "KO")
        return try BacktestEngine.run(request)
    }

    @Test("same trades: dates, shares and exit reasons exact, prices to 1e-9")
    func sameTrades() throws {
        let result = try Self.run()
        let expected = try ReferenceData.rows(Self.folder + "trades.csv")
        #expect(expected.count > 20)
        #expect(expected.contains { $0["exit_reason"] == "stop_loss" } && expected.contains { $0["exit_reason"] == "take_profit" })
        #expect(result.trades.count == expected.count)
        for (ours, theirs) in zip(result.trades, expected) {
            #expect(ours.entryDate.iso == theirs["entry_date"])
            #expect(ours.exitDate.iso == theirs["exit_date"])
            #expect(ours.shares == Int(theirs["shares"] ?? ""))
            #expect(ours.exitReason.rawValue == theirs["exit_reason"])
            #expect(ReferenceData.close(ours.entryPrice, Double(theirs["entry_price"] ?? "") ?? .nan, rel: 1e-9))
            #expect(ReferenceData.close(ours.exitPrice, Double(theirs["exit_price"] ?? "") ?? .nan, rel: 1e-9))
            #expect(abs(ours.pnl - (Double(theirs["pnl"] ?? "") ?? .nan)) <= 1e-6)
        }
    }

    @Test("same equity at every close, within 1e-9 relative")
    func sameEquity() throws {
        let result = try Self.run()
        let expected = try ReferenceData.rows(Self.folder + "equity.csv")
        #expect(result.equityCurve.count == expected.count)
        let mismatches = zip(result.equityCurve, expected).filter { ours, theirs in
            ours.date.iso != theirs["date"] || !ReferenceData.close(ours.equity, Double(theirs["equity"] ?? "") ?? .nan, rel: 1e-9)
        }
        #expect(mismatches.isEmpty, "first: \(String(describing: mismatches.first))")
    }

    @Test("the result's data line says the prices were close-only and how orders and stops worked")
    func dataLineSaysSo() throws {
        let data = try Self.run().assumptions.data
        #expect(data.contains("close-only prices for KO"))
        #expect(data.contains(BacktestEngine.closeOnlyRule))
    }

    @Test("a full bar's open is used where the series has one, and only close-only bars fill at the close")
    func mixedSeries() throws {
        // Day 0 signal → fill on day 1; day 1 is a full bar (open 10), later bars are close-only.
        var series = PriceSeries(ticker: "MIX")
        let days = EngineTestData.weekdays(6)
        let rows: [(Double, Double, Bool)] = [(10, 10, false), (10, 11, false), (12, 12, true), (13, 13, true), (14, 14, true), (15, 15, true)]
        for (day, r) in zip(days, rows) {
            series.append(day: day, open: r.0, high: max(r.0, r.1), low: min(r.0, r.1), close: r.1, volume: r.2 ? 0 : 100, closeOnly: r.2)
        }
        let strategy = EngineTestData.signalStrategy()
        let entries = EngineTestData.pulses(6, at: [0, 2])
        let exits = EngineTestData.pulses(6, at: [1])
        let result = try BacktestEngine.run(EngineTestData.request(
            strategy, [series], external: ["MIX": ["insider_buy_count_30d": entries, "insider_sell_count_30d": exits]]))
        // Entry at day 1's open (10), exit decided day 1 fills on day 2, a close-only bar: at its close (12).
        // Second entry decided day 2 fills on day 3's close (13) and stays open.
        #expect(result.trades.map(\.entryPrice) == [10])
        #expect(result.trades.map(\.exitPrice) == [12])
        #expect(result.openPositions.map(\.entryPrice) == [13])
    }
}
