import Foundation
@testable import Store
import StrategyCore
import Testing

@Suite("Backtests, performance and portfolio trades")
struct ResultsRepositoryTests {
    @Test("a saved backtest gets an id and the strategy's version, and the latest one is found")
    func backtests() throws {
        let store = try Fixtures.store()
        var strategy = try store.createStrategy(Fixtures.rsiDip(), user: "ann")
        #expect(try store.latestBacktest(strategyId: strategy.id, user: "ann") == nil)
        let firstId = try store.saveBacktest(Fixtures.backtest(strategyId: strategy.id, totalReturnPct: 5), user: "ann")
        strategy.riskParameters.stopLossPct = 6
        _ = try store.updateStrategy(strategy, user: "ann")
        let secondId = try store.saveBacktest(Fixtures.backtest(strategyId: strategy.id, totalReturnPct: 9), user: "ann")
        #expect(firstId != secondId)
        let latest = try store.latestBacktest(strategyId: strategy.id, user: "ann")
        #expect(latest?.backtestId == secondId)
        #expect(latest?.strategyVersion == 2)
        #expect(latest?.totalReturnPct == 9)
        let all = try store.backtests(strategyId: strategy.id, user: "ann")
        #expect(all.map(\.backtestId) == [firstId, secondId])
        #expect(all.map(\.strategyVersion) == [1, 2])
        var expected = Fixtures.backtest(strategyId: strategy.id, totalReturnPct: 5)
        expected.backtestId = firstId
        expected.strategyVersion = 1
        #expect(try store.backtest(id: firstId, user: "ann") == expected)
    }

    @Test("a backtest that names no strategy is refused")
    func backtestWithoutStrategy() throws {
        let store = try Fixtures.store()
        var backtest = Fixtures.backtest(strategyId: "x")
        backtest.strategyId = nil
        #expect(throws: StoreError.self) { try store.saveBacktest(backtest, user: "ann") }
    }

    @Test("performance is one row per strategy, replaced on save")
    func performance() throws {
        let store = try Fixtures.store()
        let strategy = try store.createStrategy(Fixtures.rsiDip(), user: "ann")
        let id = strategy.id
        #expect(try store.performance(strategyId: id, user: "ann") == nil)
        let t0 = TestSequence.start
        var p = StrategyPerformance(strategyId: id, userId: "ann", signalsGenerated: 3, signalsActedOn: 1, actualTrades: 1,
                                    actualWins: 1, actualReturnPct: 4.5, hypotheticalTrades: 3, hypotheticalWins: 2,
                                    hypotheticalReturnPct: 7.25, lastSignalDate: t0, createdAt: t0, updatedAt: t0)
        try store.savePerformance(p)
        #expect(try store.performance(strategyId: id, user: "ann") == p)
        p.signalsGenerated = 5
        p.hypotheticalWins = 3
        p.updatedAt = t0.addingTimeInterval(60)
        try store.savePerformance(p)
        #expect(try store.performance(strategyId: id, user: "ann") == p)
        #expect(try store.performances(user: "ann") == [p])
    }

    @Test("portfolio trades are stored all or none and read back by date")
    func portfolio() throws {
        let store = try Fixtures.store()
        let trades = [
            PortfolioTrade(date: Fixtures.day("2010-03-05"), ticker: "MSFT", side: .sell, shares: 10, price: 29.5,
                           fees: 1, source: "trades.csv"),
            PortfolioTrade(date: Fixtures.day("2010-03-01"), ticker: "MSFT", side: .buy, shares: 10, price: 28.1,
                           source: "trades.csv"),
            PortfolioTrade(date: Fixtures.day("2010-03-01"), ticker: "AAPL", side: .buy, shares: 2.5, price: 210,
                           source: "trades.csv"),
        ]
        let stored = try store.addPortfolioTrades(trades, user: "ann")
        #expect(stored.map(\.tradeId) == [1, 2, 3])
        let read = try store.portfolioTrades(user: "ann")
        #expect(read.map(\.tradeId) == [2, 3, 1])
        #expect(read.first { $0.tradeId == 1 } == stored[0])

        var bad = trades[0]
        bad.price = 0
        #expect(throws: StoreError.self) { try store.addPortfolioTrades([trades[1], bad], user: "ann") }
        #expect(try store.portfolioTrades(user: "ann").count == 3)
        #expect(try store.deletePortfolioTrades(user: "ann", source: "trades.csv") == 3)
        #expect(try store.portfolioTrades(user: "ann").isEmpty)
    }

    @Test("re-importing a file replaces its trades in one transaction; a failed replace keeps the earlier import")
    func portfolioReplace() throws {
        let store = try Fixtures.store()
        let first = [
            PortfolioTrade(date: Fixtures.day("2010-03-01"), ticker: "MSFT", side: .buy, shares: 10, price: 28.1, source: "a.csv"),
            PortfolioTrade(date: Fixtures.day("2010-03-02"), ticker: "AAPL", side: .buy, shares: 2, price: 210, source: "a.csv"),
        ]
        let other = PortfolioTrade(date: Fixtures.day("2010-03-03"), ticker: "IBM", side: .buy, shares: 1, price: 128, source: "b.csv")
        try store.addPortfolioTrades(first + [other], user: "ann")

        let again = [PortfolioTrade(date: Fixtures.day("2010-04-01"), ticker: "XOM", side: .buy, shares: 3, price: 60, source: "a.csv")]
        let replaced = try store.replacePortfolioTrades(again, user: "ann", source: "a.csv")
        #expect(replaced.removed == 2)
        #expect(try store.portfolioTrades(user: "ann").map(\.ticker) == ["IBM", "XOM"], "b.csv's trade is untouched")

        var bad = again[0]
        bad.shares = 0
        #expect(throws: StoreError.self) { try store.replacePortfolioTrades([bad], user: "ann", source: "a.csv") }
        #expect(try store.portfolioTrades(user: "ann").map(\.ticker) == ["IBM", "XOM"], "nothing was removed")
    }
}
