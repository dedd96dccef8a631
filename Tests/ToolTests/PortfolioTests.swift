import Foundation
import Store
import StrategyCore
import Testing
@testable import Tools

@Suite("The person's portfolio")
struct PortfolioTests {
    static let csv = """
        date,ticker,side,shares,price,fees
        2010-01-04,msft,buy,10,30,1
        2010-01-14,MSFT,sell,10,33,1
        2010-02-01,AAPL,buy,5,200,
        not-a-date,AAPL,buy,5,200,0
        2010-02-10,AAPL,hold,5,200,0
        2010-02-11,AAPL,sell,2,-4,0
        2010-03-01,AAPL,sell,5,190,0
        2010-03-02,IBM,buy,4,125,0
        """

    @Test("bad rows are reported by line and the good ones kept")
    func parse() {
        let (trades, problems) = PortfolioImporter().parse(Self.csv, source: "mine.csv")
        #expect(trades.count == 5)
        #expect(trades[0].ticker == "MSFT")
        #expect(trades[0].fees == 1)
        #expect(problems.map(\.line) == [5, 6, 7])
        #expect(problems[1].message.contains("not buy or sell"))
        let (none, headerProblem) = PortfolioImporter().parse("day,symbol\n2010-01-01,X", source: "x.csv")
        #expect(none.isEmpty)
        #expect(headerProblem.first?.line == 1)
    }

    @Test("holdings, history and statistics combine imported trades and acted signals")
    func statistics() throws {
        let (trades, _) = PortfolioImporter().parse(Self.csv, source: "mine.csv")
        let book = PortfolioBook(trades: trades, signals: [])
        // MSFT: 10 × (33 − 30) − 2 fees = 28 on 300 → +9.333%, 10 days. AAPL: 5 × (190 − 200) = −50 on 1000 → −5%, 28 days.
        let stats = book.stats
        #expect(stats.closedTrades == 2)
        #expect(stats.wins == 1)
        #expect(stats.winRatePct == 50)
        #expect(stats.averageHoldDays == 19)
        #expect(abs((stats.best?.returnPct ?? 0) - 28.0 / 300 * 100) < 1e-9)
        #expect(stats.best?.ticker == "MSFT")
        #expect(stats.worst?.returnPct == -5)
        #expect(book.holdings.map(\.ticker) == ["IBM"])
        #expect(book.history.count == 5)
        #expect(book.lastTradeReturn["AAPL"] == -5)
        #expect(book.summary.contains("win rate 50%"))
        #expect(book.render().contains("IBM"))
    }

    @Test("held and position_pnl_pct columns follow the holding days")
    func columns() throws {
        let (trades, _) = PortfolioImporter().parse(Self.csv, source: "mine.csv")
        let book = PortfolioBook(trades: trades, signals: [])
        var ibm = PriceSeries(ticker: "IBM")
        for (iso, close) in [("2010-03-01", 120.0), ("2010-03-02", 125.0), ("2010-03-03", 130.0)] {
            ibm.append(day: Day(iso: iso)!, open: close, high: close, low: close, close: close, volume: 1)
        }
        let columns = book.columns(for: [ibm])["IBM"]!
        #expect(columns["held"] == [0, 1, 1])
        // Bought at 125: 130 is +4%.
        #expect(columns["position_pnl_pct"]![0].isNaN)
        #expect(columns["position_pnl_pct"]![1] == 0)
        #expect(abs(columns["position_pnl_pct"]![2] - 4) < 1e-9)
    }

    @Test("importing a file stores the trades, and importing it again replaces them")
    func importFile() throws {
        let store = try SignalToolFixtures.store()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trades-\(UUID().uuidString).csv").path
        try Self.csv.write(toFile: path, atomically: true, encoding: .utf8)
        let first = try PortfolioImporter().importFile(at: path, user: "ana", store: store)
        #expect(first.imported == 5)
        #expect(first.problems.count == 3)
        let second = try PortfolioImporter().importFile(at: path, user: "ana", store: store)
        #expect(second.replaced == 5)
        #expect(try store.portfolioTrades(user: "ana").count == 5)
        #expect(second.render().contains("line 5:"))
        #expect(throws: SignalError.self) { try PortfolioImporter().importFile(at: path + ".missing", user: "ana", store: store) }
    }
}
