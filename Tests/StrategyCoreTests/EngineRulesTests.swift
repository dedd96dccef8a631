import Foundation
import Testing
@testable import StrategyCore

/// The fill, stop, sizing and cost rules of DESIGN.md, each on a few hand-made bars with the
/// expected figures worked out by hand in the comments.
@Suite("Engine follows the backtest rules")
struct EngineRulesTests {
    typealias D = EngineTestData

    func run(_ strategy: TradingStrategy, _ series: [PriceSeries], buys: [String: [Int]], sells: [String: [Int]] = [:],
             buyValue: [String: Double] = [:], capital: Double = 1_000, commission: Double = 0, slippage: Double = 0,
             fill: FillRule = .nextOpen) throws -> StrategyBacktest {
        var external: ExternalColumns = [:]
        for s in series {
            external[s.ticker] = [
                "insider_buy_count_30d": D.pulses(s.count, at: buys[s.ticker] ?? [], value: buyValue[s.ticker] ?? 1),
                "insider_sell_count_30d": D.pulses(s.count, at: sells[s.ticker] ?? []),
            ]
        }
        return try BacktestEngine.run(D.request(strategy, series, external: external, capital: capital,
                                                commission: commission, slippage: slippage, fill: fill))
    }

    @Test("a stop is checked from the entry day on and fills at the stop price")
    func stopOnEntryDay() throws {
        // Signal at bar 0; buy at bar 1's open 10 → 100 shares, stop 9.5; bar 1's low 9.4 touches it.
        let s = D.bars("X", [(10, 10, 10, 10), (10, 10.2, 9.4, 9.8), (9.8, 9.8, 9.8, 9.8)])
        let r = try run(D.signalStrategy(stop: 5), [s], buys: ["X": [0]])
        let t = try #require(r.trades.first)
        #expect(r.trades.count == 1)
        #expect(t.exitReason == .stopLoss && t.exitDate == s.days[1] && t.shares == 100)
        #expect(abs(t.exitPrice - 9.5) < 1e-12 && abs(t.pnl - -50) < 1e-9)
    }

    @Test("a gap through the stop fills at the open")
    func gapThroughStop() throws {
        // Stop 9.5; bar 2 opens at 9 → sold at 9: 100 × (9 − 10) = −100.
        let s = D.bars("X", [(10, 10, 10, 10), (10, 10.1, 9.9, 10), (9, 9.2, 8.8, 9)])
        let r = try run(D.signalStrategy(stop: 5), [s], buys: ["X": [0]])
        let t = try #require(r.trades.first)
        #expect(t.exitReason == .stopLoss && t.exitDate == s.days[2] && t.exitPrice == 9 && abs(t.pnl - -100) < 1e-9)
    }

    @Test("when stop and target are both touched in one day the stop wins")
    func stopBeatsTarget() throws {
        let s = D.bars("X", [(10, 10, 10, 10), (10, 10.6, 9.4, 10), (10, 10, 10, 10)])
        let r = try run(D.signalStrategy(stop: 5, target: 5), [s], buys: ["X": [0]])
        let t = try #require(r.trades.first)
        #expect(t.exitReason == .stopLoss && abs(t.exitPrice - 9.5) < 1e-12)
        #expect(r.assumptions.stopTargetRule.contains("stop is taken"))
    }

    @Test("a target fills at the target, or at the open when the day gaps over it")
    func takeProfit() throws {
        let touch = D.bars("X", [(10, 10, 10, 10), (10, 10.6, 9.9, 10.2), (10, 10, 10, 10)])
        let r1 = try run(D.signalStrategy(target: 5), [touch], buys: ["X": [0]])
        #expect(r1.trades.first?.exitReason == .takeProfit && abs((r1.trades.first?.exitPrice ?? 0) - 10.5) < 1e-12)
        let gap = D.bars("X", [(10, 10, 10, 10), (10, 10.2, 9.9, 10.2), (11, 11.5, 10.9, 11)])
        let r2 = try run(D.signalStrategy(target: 5), [gap], buys: ["X": [0]])
        #expect(r2.trades.first?.exitReason == .takeProfit && r2.trades.first?.exitPrice == 11)
        #expect(r2.trades.first?.exitDate == gap.days[2])
    }

    @Test("max_hold_days counts calendar days, and the exit fills at the next open")
    func maxHoldCalendarDays() throws {
        // Bars Mon 1 … Mon 8 Jan 2024. Bought Tue 2 at the open; Fri 5 is 3 calendar days later, so
        // the Friday close decides to exit and the sale fills Monday 8 (6 days held).
        let s = D.flat("X", 6)
        let r = try run(D.signalStrategy(maxHold: 3), [s], buys: ["X": [0]])
        let t = try #require(r.trades.first)
        #expect(t.exitReason == .maxHold && t.entryDate.iso == "2024-01-02" && t.exitDate.iso == "2024-01-08")
        #expect(t.daysHeld == 6)
    }

    @Test("exits fill before entries on the same open, so the freed cash buys the new position")
    func exitsBeforeEntries() throws {
        // A bought at bar 1 with all 1,000. Bar 2's close signals A out and B in; at bar 3's open A is sold
        // first (1,000 cash back), then B buys 100 shares at 10. Entries first would have bought nothing.
        let a = D.flat("A", 5), b = D.flat("B", 5)
        let r = try run(D.signalStrategy(), [a, b], buys: ["A": [0], "B": [2]], sells: ["A": [2]])
        #expect(r.trades.count == 1 && r.trades.first?.ticker == "A" && r.trades.first?.exitDate == a.days[3])
        let open = try #require(r.openPositions.first)
        #expect(open.ticker == "B" && open.shares == 100 && open.entryDate == b.days[3])
    }

    @Test("the strongest signal is bought first and cash limits the rest")
    func rankingAndCashLimit() throws {
        // Capital 1,000, 60% positions: each wants 600 / 10 = 60 shares. B's signal is 5 purchases,
        // A's is 1, so B goes first (60 shares), and A gets what the remaining 400 buys: 40 shares.
        let a = D.flat("A", 3), b = D.flat("B", 3)
        let r = try run(D.signalStrategy(size: 60), [a, b], buys: ["A": [0], "B": [0]], buyValue: ["A": 1, "B": 5])
        let shares = Dictionary(uniqueKeysWithValues: r.openPositions.map { ($0.ticker, $0.shares) })
        #expect(shares == ["A": 40, "B": 60])
        // Equal strength: ties go by ticker, so A first.
        let tie = try run(D.signalStrategy(size: 60), [b, a], buys: ["A": [0], "B": [0]])
        #expect(Dictionary(uniqueKeysWithValues: tie.openPositions.map { ($0.ticker, $0.shares) }) == ["A": 60, "B": 40])
    }

    @Test("commission per side and slippage against the trader")
    func costs() throws {
        // Buy at open 10 + 100 bps = 10.1; shares = floor(1000 / (10.1 × 1.01)) = floor(98.02) = 98.
        // Sell at open 12 − 100 bps = 11.88. Fees: 98 × 10.1 × 1% + 98 × 11.88 × 1% = 9.898 + 11.6424.
        // P&L: 98 × (11.88 − 10.1) − 21.5404 = 152.8996.
        let s = D.bars("X", [(10, 10, 10, 10), (10, 10, 10, 10), (12, 12, 12, 12), (12, 12, 12, 12)])
        let r = try run(D.signalStrategy(), [s], buys: ["X": [0]], sells: ["X": [1]], commission: 1, slippage: 100)
        let t = try #require(r.trades.first)
        #expect(t.shares == 98 && abs(t.entryPrice - 10.1) < 1e-12 && abs(t.exitPrice - 11.88) < 1e-12)
        #expect(abs(t.fees - 21.5404) < 1e-9 && abs(t.pnl - 152.8996) < 1e-9 && abs(r.feesPaid - 21.5404) < 1e-9)
        #expect(abs((r.equityCurve.last?.equity ?? 0) - 1_152.8996) < 1e-9)
    }

    @Test("risk per trade sizes the position so the stop loses that share of equity")
    func riskPerTrade() throws {
        // 1% of 1,000 at risk with a 5% stop → allocation 10 / 0.05 = 200 → 20 shares at 10.
        let s = D.flat("X", 3)
        let r = try run(D.signalStrategy(stop: 5, riskPerTrade: 1), [s], buys: ["X": [0]])
        #expect(r.openPositions.first?.shares == 20)
    }

    @Test("close fills buy and sell at the decision day's close")
    func closeFill() throws {
        let s = D.bars("X", [(9, 9, 9, 10), (11, 11, 11, 12), (13, 13, 13, 14)])
        let r = try run(D.signalStrategy(), [s], buys: ["X": [0]], sells: ["X": [1]], fill: .close)
        let t = try #require(r.trades.first)
        // Bought 100 at bar 0's close 10, sold at bar 1's close 12.
        #expect(t.entryDate == s.days[0] && t.entryPrice == 10 && t.exitDate == s.days[1] && t.exitPrice == 12 && t.shares == 100)
        #expect(r.assumptions.fill == "close")
    }

    @Test("a position open at the end is marked to the last close and not counted as a trade")
    func openAtEnd() throws {
        let s = D.bars("X", [(10, 10, 10, 10), (10, 10, 10, 10), (10, 11, 10, 11)])
        let r = try run(D.signalStrategy(), [s], buys: ["X": [0]])
        #expect(r.trades.isEmpty && r.totalTrades == 0)
        let p = try #require(r.openPositions.first)
        #expect(p.shares == 100 && p.lastClose == 11 && abs(p.unrealizedPnl - 100) < 1e-9)
        #expect(r.equityCurve.last?.equity == 1_100 && r.equityCurve.last?.positionsValue == 1_100)
        #expect(r.warnings.allSatisfy { !$0.hasPrefix("no trades") })
    }

    @Test("with close fills the stop starts the day after the entry")
    func closeFillStopStartsNextDay() throws {
        // Bought at bar 0's close 10 (stop 9.5); bar 0's own low of 9 came before the purchase and
        // does not count. Bar 1's low 9.4 does: sold at 9.5.
        let s = D.bars("X", [(10, 10, 9, 10), (10, 10, 9.4, 9.8), (9.8, 9.8, 9.8, 9.8)])
        let r = try run(D.signalStrategy(stop: 5), [s], buys: ["X": [0]], fill: .close)
        let t = try #require(r.trades.first)
        #expect(t.entryDate == s.days[0] && t.exitDate == s.days[1] && t.exitReason == .stopLoss && abs(t.exitPrice - 9.5) < 1e-12)
    }

    @Test("an entry whose ticker has no bar the next day is not filled, and the result says so")
    func entryCancelledOnMissingBar() throws {
        // B has no bar on day 1 (A does), so B's order from day 0 cannot fill at day 1's open.
        let a = D.flat("A", 4)
        var b = D.flat("B", 4)
        b = PriceSeries(ticker: "B", days: [b.days[0], b.days[2], b.days[3]], open: [10, 10, 10], high: [10, 10, 10],
                        low: [10, 10, 10], close: [10, 10, 10], volume: [1, 1, 1])
        let r = try run(D.signalStrategy(size: 10), [a, b], buys: ["B": [0]])
        #expect(r.openPositions.isEmpty && r.trades.isEmpty)
        #expect(r.warnings.contains { $0.hasPrefix("1 entries not filled") })
    }

    @Test("a signal exit and a stop never both close one position")
    func oneExitPerPosition() throws {
        // Exit signal at bar 1's close and bar 2 gaps below the stop: the signal's order sells at bar 2's open, once.
        let s = D.bars("X", [(10, 10, 10, 10), (10, 10, 10, 10), (9, 9, 8, 8.5), (8.5, 8.5, 8.5, 8.5)])
        let r = try run(D.signalStrategy(stop: 5), [s], buys: ["X": [0]], sells: ["X": [1]])
        #expect(r.trades.count == 1 && r.trades.first?.exitReason == .signal && r.trades.first?.exitPrice == 9)
    }
}
