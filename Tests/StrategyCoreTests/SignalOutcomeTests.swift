import Foundation
import Testing
@testable import StrategyCore

@Suite("Hypothetical outcomes of signals")
struct SignalOutcomeTests {
    static let series = SignalTestData.randomWalk("RW", count: 260, seed: 11)

    func backtest() throws -> StrategyBacktest {
        try BacktestEngine.run(BacktestRequest(
            strategy: SignalTestData.rsiStrategy, series: [Self.series], start: Self.series.days[0],
            end: Self.series.days[259], dataLabel: "synthetic sample", universeLabel: "RW"))
    }

    @Test("each backtest trade equals the walk-forward of the signal on its decision day")
    func matchesBacktest() throws {
        let result = try backtest()
        #expect(result.trades.count >= 5)
        for trade in result.trades {
            let entryBar = Self.series.days.firstIndex(of: trade.entryDate)!
            let signalDay = Self.series.days[entryBar - 1]
            let outcome = try HypotheticalOutcome.resolve(
                strategy: SignalTestData.rsiStrategy, series: Self.series, signalDay: signalDay, through: Self.series.days[259])
            #expect(outcome.status == .closed)
            #expect(outcome.entryDate == trade.entryDate)
            #expect(outcome.exitDate == trade.exitDate)
            #expect(outcome.entryPrice == trade.entryPrice)
            #expect(outcome.exitPrice == trade.exitPrice)
            #expect(outcome.exitReason == trade.exitReason)
            // The same prices; the share count can differ (the backtest sizes on its running equity), so the
            // percent agrees to rounding only.
            #expect(abs((outcome.returnPct ?? .nan) - trade.pnlPct) < 1e-9)
        }
    }

    @Test("an outcome read as of an earlier day equals resolving through that day")
    func asOfEqualsShorterRun() throws {
        let result = try backtest()
        let trade = try #require(result.trades.first { $0.daysHeld >= 3 })
        let entryBar = Self.series.days.firstIndex(of: trade.entryDate)!
        let signalDay = Self.series.days[entryBar - 1]
        let full = try HypotheticalOutcome.resolve(
            strategy: SignalTestData.rsiStrategy, series: Self.series, signalDay: signalDay, through: Self.series.days[259])
        let exitBar = Self.series.days.firstIndex(of: trade.exitDate)!
        for bar in entryBar...(exitBar + 1) {
            let day = Self.series.days[bar]
            let short = try HypotheticalOutcome.resolve(
                strategy: SignalTestData.rsiStrategy, series: Self.series, signalDay: signalDay, through: day)
            let projected = full.asOf(day, series: Self.series)
            #expect(projected.status == short.status)
            #expect(projected.exitDate == short.exitDate)
            #expect(abs((projected.returnPct ?? 0) - (short.returnPct ?? 0)) < 1e-9)
        }
    }

    @Test("a signal on the last day is pending, and outcomes survive a JSON round trip")
    func pendingAndJSON() throws {
        let last = Self.series.days[259]
        let pending = try HypotheticalOutcome.resolve(strategy: SignalTestData.rsiStrategy, series: Self.series, signalDay: last, through: last)
        #expect(pending.status == .pending)
        let result = try backtest()
        let trade = try #require(result.trades.first)
        let signalDay = Self.series.days[Self.series.days.firstIndex(of: trade.entryDate)! - 1]
        let closed = try HypotheticalOutcome.resolve(strategy: SignalTestData.rsiStrategy, series: Self.series, signalDay: signalDay, through: last)
        #expect(HypotheticalOutcome(json: closed.json) == closed)
    }
}
