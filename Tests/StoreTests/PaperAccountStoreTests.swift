import Foundation
import Testing
@testable import Store
import StrategyCore

@Suite("Paper accounts in the store")
struct PaperAccountStoreTests {
    static let day = Day(year: 2010, month: 3, day: 1)!

    static func dayResult(trade pnl: Double) -> PaperDayResult {
        var result = PaperDayResult(day: day)
        let order = PaperOrder(id: "o1", strategyId: "s", strategyVersion: 2, ticker: "AAPL", side: .buy, decidedOn: day,
                               reason: "entry", allocation: 1_000, signalId: "sig-1")
        result.placed = [order]
        result.trades = [PaperTrade(
            strategyId: "s", strategyVersion: 2,
            trade: BacktestTrade(ticker: "MSFT", entryDate: day.adding(days: -7), entryPrice: 10, exitDate: day, exitPrice: 11,
                                 shares: 3, pnl: pnl, pnlPct: 10, daysHeld: 7, exitReason: .signal, fees: 0),
            entrySignalId: "sig-0", exitSignalId: nil)]
        result.equity = 10_003
        result.cash = 9_003
        return result
    }

    @Test("an account keeps its book, orders with their signal and version, trades and closes")
    func roundTrip() throws {
        let store = try Fixtures.store()
        let strategy = try store.createStrategy(Fixtures.rsiDip(), user: "ann")
        let account = try store.openPaperAccount(name: "main", user: "ann", capital: 10_000, commissionPct: 0, slippageBps: 5,
                                                 limits: PaperRiskLimits(maxOpenPositions: 3))
        try store.attachStrategy(strategy.id, toPaperAccount: account.id, user: "ann")
        try store.attachStrategy(strategy.id, toPaperAccount: account.id, user: "ann")
        var book = account.book
        book.cash = 9_003
        book.lastDay = Self.day
        book.positions = [PaperPosition(strategyId: "s", strategyVersion: 2, ticker: "IBM", shares: 5, entryPrice: 200,
                                        entryDate: Self.day, entryFee: 0, stop: 190, target: nil, lastClose: 200,
                                        entryOrderId: "o0", entrySignalId: "sig-x")]
        let result = Self.dayResult(trade: 3)
        book.pendingOrders = result.placed
        try store.savePaperDays(accountId: account.id, user: "ann", book: book, days: [result])

        let read = try #require(try store.paperAccount(named: "MAIN", user: "ann"))
        #expect(read.book == book)
        #expect(read.strategyIds == [strategy.id])
        #expect(read.book.limits.maxOpenPositions == 3)
        #expect(try store.paperOrders(accountId: account.id, user: "ann").map(\.signalId) == ["sig-1"])
        let trades = try store.paperTrades(accountId: account.id, user: "ann")
        #expect(trades == result.trades)
        #expect(try store.paperEquity(accountId: account.id, user: "ann").map(\.equity) == [10_003])
        // Another user sees nothing of it.
        #expect(try store.paperAccount(named: "main", user: "bob") == nil)
        #expect(try store.paperTrades(accountId: account.id, user: "bob").isEmpty)
    }

    @Test("a save that fails part-way leaves the account as it was")
    func allOrNothing() throws {
        let store = try Fixtures.store()
        let account = try store.openPaperAccount(name: "main", user: "ann", capital: 10_000, commissionPct: 0, slippageBps: 5)
        var book = account.book
        book.cash = 1
        book.lastDay = Self.day
        // A trade whose P&L SQLite cannot store as a number (NaN) fails after the account row was updated.
        #expect(throws: StoreError.self) {
            try store.savePaperDays(accountId: account.id, user: "ann", book: book, days: [Self.dayResult(trade: .nan)])
        }
        let read = try #require(try store.paperAccount(named: "main", user: "ann"))
        #expect(read.book == account.book)
        #expect(try store.paperOrders(accountId: account.id, user: "ann").isEmpty)
    }

    @Test("names are unique per user and a bad capital is refused with the fix")
    func badInput() throws {
        let store = try Fixtures.store()
        _ = try store.openPaperAccount(name: "main", user: "ann", capital: 10_000, commissionPct: 0, slippageBps: 5)
        #expect(throws: StoreError.self) {
            _ = try store.openPaperAccount(name: "main", user: "ann", capital: 10_000, commissionPct: 0, slippageBps: 5)
        }
        _ = try store.openPaperAccount(name: "main", user: "bob", capital: 10_000, commissionPct: 0, slippageBps: 5)
        #expect(throws: StoreError.self) {
            _ = try store.openPaperAccount(name: "other", user: "ann", capital: -1, commissionPct: 0, slippageBps: 5)
        }
    }
}
