import AgentLoop
import Foundation
import MarketData
import Store
import StrategyCore
import Tools

/// Times the commands that read a person's whole record, at the scale of a long-time user: 150 strategies,
/// each backtested, and 50,000 stored signals (each with a hypothetical outcome, one in fifty acted on, half of
/// those closed). `/new` (create_trading_strategy), `/compare` (compare_strategies) and `/portfolio`
/// (the book's load and render), each against a goal of 50 ms, in wall time and in processor time (all threads),
/// which on a busy machine leaves out the waiting for a core.
///
/// A folder that already holds the book (from an earlier `--book DIR`) is timed as it is, without building it again.
struct BookBench {
    static let strategies = 150
    static let signals = 50_000
    static let user = "bench"

    struct Timing {
        let name: String
        let best: Double
        let median: Double
        let bestCPU: Double
        let medianCPU: Double
    }

    /// Builds the store in `folder` (unless it holds the book already) and times each path `runs` times.
    static func measure(folder: URL, runs: Int = 9) async throws -> (timings: [Timing], plans: [(String, [String])]) {
        let store = try StratStore.open(at: folder.appendingPathComponent("stratchat.db").path)
        try store.ensureUser(user)
        let market = try MarketData.offline(storage: store)
        let context = ToolContext(store: store, userId: user, marketData: market, settings: ToolSettings(),
                                  interpreter: TextParserStrategyInterpreter())
        let toolbox = StrategyToolbox(context: context)
        func call(_ name: String, _ arguments: AgentJSON) async throws {
            let output = try await toolbox.run(ToolCall(id: "bench", name: name, argumentsJSON: arguments.compactText))
            if output.isError { throw BenchFailure(message: "\(name): \(output.modelContent)") }
        }
        let start = Day(iso: "2009-09-01")!
        if try store.listStrategies(user: user).count < strategies {
            try await build(store: store, market: market, start: start, call: call)
        }
        var timings: [Timing] = []
        let book = Set(try store.listStrategies(user: user).map(\.id))
        timings.append(try await time("/new (create_trading_strategy)", runs: runs) {
            try await call("create_trading_strategy", ["strategy_description": "buy when rsi_14 is below 30, sell when above 70"])
        })
        for strategy in try store.listStrategies(user: user) where !book.contains(strategy.id) {
            try store.deleteStrategy(id: strategy.id, user: user)  // the book stays as it was for the next run
        }
        timings.append(try await time("/compare (compare_strategies)", runs: runs) {
            try await call("compare_strategies", ["timeframe": "all"])
        })
        timings.append(try await time("/portfolio (load and render)", runs: runs) {
            _ = try PortfolioBook.load(user: user, store: store).render()
        })
        var portfolio: PortfolioBook?
        timings.append(try await time("  of which the load", runs: runs) {
            portfolio = try PortfolioBook.load(user: user, store: store)
        })
        timings.append(try await time("  of which the render", runs: runs) {
            _ = portfolio?.render()
        })
        let plans = [
            ("the leaderboard's counts", try store.signalCountsPlan(user: user, from: start.adding(days: 300), to: start.adding(days: 400))),
            ("the portfolio's acted signals", try store.actedSignalsPlan(user: user)),
        ]
        try store.close()
        return (timings, plans)
    }

    /// The book: the strategies, their backtests and the signals with their outcomes and actions.
    static func build(store: StratStore, market: MarketData, start: Day,
                      call: (String, AgentJSON) async throws -> Void) async throws {
        let tickers = Array(try market.resolve(universe: "sample").members.map(\.ticker).prefix(100))
        var ids: [String] = []
        for i in 0..<strategies {
            ids.append(try store.createStrategy(ScanBench.strategy(variant: i), user: user).id)
        }
        // Every strategy backtested once, as a long-time user's are: one real backtest over the sample, stored
        // again for each strategy (the board reads each strategy's latest).
        try await call("backtest_strategy", ["strategy_id": .string(ids[0])])
        guard let backtest = try store.latestBacktest(strategyId: ids[0], user: user) else {
            throw BenchFailure(message: "the backtest was not stored")
        }
        for id in ids.dropFirst() {
            var copy = backtest
            copy.strategyId = id
            copy.backtestId = nil
            _ = try store.saveBacktest(copy, user: user)
        }
        for n in 0..<signals {
            let strategyId = ids[n % strategies]
            let day = start.adding(days: (n / strategies) % 330)
            let signal = StrategySignal(
                strategyId: strategyId, ticker: tickers[(n / (strategies * 330)) % tickers.count], signalType: .entry,
                signalDate: day, generatedAt: Date(timeIntervalSince1970: 1_767_571_200), priceAtSignal: 100,
                confidenceScore: 60, reasoning: "rsi_14 27.1 < 30; close above sma_200",
                dataSnapshot: ["rsi_14": .number(27.1), "close": .number(100), "sma_200": .number(92)])
            let stored = try store.upsertSignal(signal, user: user).0
            let outcome = HypotheticalOutcome(
                status: .closed, asOf: day.adding(days: 40), entryDate: day.adding(days: 1), entryPrice: 100,
                exitDate: day.adding(days: 30), exitPrice: 100 + Double(n % 21 - 10), exitReason: .signal,
                returnPct: Double(n % 21 - 10))
            try store.updateOutcome(signalId: stored.signalId ?? "", user: user, outcome: ["hypothetical": outcome.json])
            if n % 50 == 0 {
                _ = try store.recordAction(signalId: stored.signalId ?? "", user: user, action: .acted, price: 100)
                if n % 100 == 0 {
                    _ = try store.recordAction(signalId: stored.signalId ?? "", user: user, action: .closed, price: 104)
                }
            }
        }
    }

    static func time(_ name: String, runs: Int, _ body: () async throws -> Void) async throws -> Timing {
        let clock = ContinuousClock()
        var times: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<runs {
            let start = clock.now
            let startCPU = EmbeddedLoad.processorSeconds()
            try await body()
            cpu.append(EmbeddedLoad.processorSeconds() - startCPU)
            times.append(EmbeddedLoad.seconds(clock.now - start))
        }
        times.sort()
        cpu.sort()
        return Timing(name: name, best: times[0], median: times[times.count / 2], bestCPU: cpu[0], medianCPU: cpu[cpu.count / 2])
    }

    static func lines(_ measured: (timings: [Timing], plans: [(String, [String])])) -> [String] {
        ["\(strategies) strategies, \(signals) signals (goal < 50 ms each; wall, then processor time of all threads):"]
            + measured.timings.map {
                String(format: "  %-32@ best %7.1f ms  median %7.1f ms   CPU best %7.1f ms  median %7.1f ms",
                       $0.name as NSString, $0.best * 1e3, $0.median * 1e3, $0.bestCPU * 1e3, $0.medianCPU * 1e3)
            }
            + measured.plans.flatMap { name, plan in ["  query plan of \(name):"] + plan.map { "    " + $0 } }
    }
}
