import Foundation
import Testing
@testable import StrategyCore

/// A paper account stepped one day at a time trades exactly as a backtest of the same days does,
/// because both fill by `FillRules`; risk limits stop new entries and say why.
@Suite("Paper accounts trade by the backtest's rules")
struct PaperTraderTests {
    /// Steps a one-strategy paper account over every trading day from `start` to `end` of `series`.
    static func replay(
        _ strategy: TradingStrategy, _ series: [PriceSeries], external: ExternalColumns = [:], start: Day, end: Day,
        capital: Double, commissionPct: Double, slippageBps: Double, limits: PaperRiskLimits = PaperRiskLimits()
    ) throws -> (book: PaperBook, trades: [BacktestTrade], results: [PaperDayResult]) {
        let cut = series.map { $0.slice(to: end) }
        let frames = try cut.sorted { $0.ticker < $1.ticker }.map { s in
            try SignalFrame(strategy: strategy, series: s, external: external[s.ticker]?.mapValues { Array($0.prefix(s.count)) } ?? [:])
        }
        let tape = PaperTape(frames: frames)
        let rules = FillRules(risk: strategy.riskParameters, commissionPct: commissionPct, slippageBps: slippageBps)
        var book = PaperBook(cash: capital, limits: limits)
        var trades: [BacktestTrade] = []
        var results: [PaperDayResult] = []
        let days = Set(cut.flatMap(\.days)).filter { $0 >= start && $0 <= end }.sorted()
        for day in days {
            let result = PaperTrader.step(&book, on: day, strategies: [
                PaperStrategyDay(strategyId: "s", strategyVersion: 1, rules: rules, bars: tape.bars(on: day)),
            ])
            trades += result.trades.map(\.trade)
            results.append(result)
        }
        return (book, trades, results)
    }

    static let rsiStrategy = TradingStrategy(
        name: "rsi dip",
        entryConditions: [Condition(field: "rsi_14", operator: .lt, value: .number(40))],
        exitConditions: [Condition(field: "rsi_14", operator: .gt, value: .number(60))],
        riskParameters: RiskParameters(stopLossPct: 4, takeProfitPct: 6, maxHoldDays: 15, positionSizePct: 30))

    @Test("a replay over 400 days of 25 synthetic tickers equals the backtest trade for trade")
    func syntheticReplayEqualsBacktest() throws {
        let series = EngineTestData.universe(tickers: 25, bars: 600, seed: 19)
        let start = series[0].days[150], end = series[0].days[549]
        var request = EngineTestData.request(Self.rsiStrategy, series, capital: 100_000, commission: 0.1, slippage: 5)
        request.start = start
        request.end = end
        let backtest = try BacktestEngine.run(request)
        let paper = try Self.replay(Self.rsiStrategy, series, start: start, end: end, capital: 100_000,
                                    commissionPct: 0.1, slippageBps: 5)
        // Enough trades, with every exit kind, for the comparison to mean something.
        #expect(backtest.trades.count > 50)
        #expect(Set(backtest.trades.map(\.exitReason)) == [.signal, .stopLoss, .takeProfit, .maxHold])
        #expect(paper.trades == backtest.trades)
        // The backtest decides nothing at its last close; the paper account's orders for the next open
        // stay waiting, so its positions are the backtest's open positions.
        #expect(paper.book.positions.map { OpenPosition(ticker: $0.ticker, entryDate: $0.entryDate, entryPrice: $0.entryPrice,
                                                         shares: $0.shares, lastClose: $0.lastClose,
                                                         unrealizedPnl: Double($0.shares) * ($0.lastClose - $0.entryPrice) - $0.entryFee) }
                == backtest.openPositions)
        #expect(abs(paper.book.equity - (backtest.equityCurve.last?.equity ?? 0)) < 1e-6)
        let paperEquity = paper.results.map(\.equity)
        #expect(paperEquity.count == backtest.equityCurve.count)
        for (a, b) in zip(paperEquity, backtest.equityCurve.map(\.equity)) { #expect(abs(a - b) < 1e-6) }
    }

    @Test("on real MSFT bars the replay gives the reference engine's trades", arguments: EngineReferenceTests.cases)
    func msftReplayEqualsReference(name: String) throws {
        struct Options: Decodable {
            let initial_capital: Double, commission_pct: Double, slippage_bps: Double, fill: String
            let start_date: String, end_date: String
        }
        let folder = "reference-msft/\(name)/"
        let strategy = try JSONDecoder().decode(TradingStrategy.self, from: Data(contentsOf: ReferenceData.url(folder + "strategy.json")))
        let options = try JSONDecoder().decode(Options.self, from: Data(contentsOf: ReferenceData.url(folder + "options.json")))
        try #require(options.fill == "next_open")
        let paper = try Self.replay(
            strategy, [ReferenceData.msft], start: try #require(Day(iso: options.start_date)),
            end: try #require(Day(iso: options.end_date)), capital: options.initial_capital,
            commissionPct: options.commission_pct, slippageBps: options.slippage_bps)
        let expected = try ReferenceData.rows(folder + "trades.csv")
        #expect(paper.trades.count == expected.count)
        for (ours, theirs) in zip(paper.trades, expected) {
            #expect(ours.entryDate.iso == theirs["entry_date"])
            #expect(ours.exitDate.iso == theirs["exit_date"])
            #expect(ours.shares == Int(theirs["shares"] ?? ""))
            #expect(ReferenceData.close(ours.entryPrice, Double(theirs["entry_price"] ?? "") ?? .nan, rel: 1e-9))
            #expect(ReferenceData.close(ours.exitPrice, Double(theirs["exit_price"] ?? "") ?? .nan, rel: 1e-9))
        }
    }

    @Test("a step on a day already stepped changes nothing")
    func repeatedDayIsIgnored() throws {
        let series = EngineTestData.universe(tickers: 5, bars: 200, seed: 7)
        let days = series[0].days
        let first = try Self.replay(Self.rsiStrategy, series, start: days[50], end: days[199], capital: 10_000,
                                    commissionPct: 0, slippageBps: 0)
        var book = first.book
        let again = PaperTrader.step(&book, on: days[199], strategies: [
            PaperStrategyDay(strategyId: "s", strategyVersion: 1,
                             rules: FillRules(risk: Self.rsiStrategy.riskParameters, commissionPct: 0, slippageBps: 0),
                             bars: [:]),
        ])
        #expect(book == first.book)
        #expect(again.settled.isEmpty && again.placed.isEmpty && again.trades.isEmpty)
    }

    @Test("the open-position limit holds back entries and says why")
    func maxOpenPositionsHoldsBackEntries() throws {
        let series = EngineTestData.universe(tickers: 25, bars: 400, seed: 19)
        let days = series[0].days
        let limited = try Self.replay(Self.rsiStrategy, series, start: days[100], end: days[399], capital: 100_000,
                                      commissionPct: 0, slippageBps: 0, limits: PaperRiskLimits(maxOpenPositions: 2))
        let halts = limited.results.flatMap(\.halts)
        #expect(!halts.isEmpty)
        #expect(halts.allSatisfy { $0.kind == .maxOpenPositions && $0.reason.contains("limit of 2 open positions") })
        #expect(limited.book.positions.count + limited.book.pendingOrders.filter { $0.side == .buy }.count <= 2)
        #expect(!limited.book.halted)
    }

    @Test("a day's loss past the limit halts new entries until resumed, and sales go on")
    func dailyLossHalts() throws {
        // One ticker, bought on the first signal, then falls 10% in a day.
        let rows: [(Double, Double, Double, Double)] = [(10, 10, 10, 10), (10, 10, 10, 10), (10, 10, 10, 10),
                                                        (9, 9, 9, 9), (9, 9, 9, 9), (9, 9, 9, 9), (9, 9, 9, 9)]
        let s = EngineTestData.bars("AAA", rows)
        let strategy = EngineTestData.signalStrategy(size: 100)
        let external: ExternalColumns = ["AAA": [
            "insider_buy_count_30d": EngineTestData.pulses(7, at: [0, 4]),
            "insider_sell_count_30d": EngineTestData.pulses(7, at: [4]),
        ]]
        let paper = try Self.replay(strategy, [s], external: external, start: s.days[0], end: s.days[6], capital: 1_000,
                                    commissionPct: 0, slippageBps: 0, limits: PaperRiskLimits(dailyLossLimitPct: 5))
        #expect(paper.book.halted)
        #expect(paper.book.haltReason?.contains("daily loss limit of 5.00%") == true)
        let halts = paper.results.flatMap(\.halts)
        #expect(halts.count == 1 && halts.first?.day == s.days[3] && halts.first?.kind == .dailyLoss)
        // The exit signal of day 4 still sells on day 5; the entry signal of day 4 places no order.
        #expect(paper.trades.count == 1 && paper.trades.first?.exitDate == s.days[5])
        #expect(paper.book.positions.isEmpty && paper.book.pendingOrders.isEmpty)
    }
}
