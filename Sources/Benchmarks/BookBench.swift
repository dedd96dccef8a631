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
/// A folder that already holds the book (from an earlier `--book DIR`) is timed as it is, without building it again;
/// otherwise the time the book took to build is printed first.
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
    static func measure(folder: URL, runs: Int = 9) async throws -> (built: Timing?, timings: [Timing], plans: [(String, [String])]) {
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
        var built: Timing?
        if try store.listStrategies(user: user).count < strategies {
            built = try await time("building the book", runs: 1) {
                try await build(store: store, market: market, start: start, call: call)
            }
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
        return (built, timings, plans)
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
        // Written as the app writes a scan's days: a thousand signals a transaction (`batch`), stored together
        // (`upsertSignals`, as a scan stores a day's), then each outcome and action in its own savepoint. Every
        // write goes through the running totals' triggers, as in the app.
        func day(_ n: Int) -> Day { start.adding(days: (n / strategies) % 330) }
        let perBatch = 1_000
        for first in stride(from: 0, to: signals, by: perBatch) {
            let numbers = Array(first..<min(first + perBatch, signals))
            try store.batch("building the book") { store in
                let stored = try store.upsertSignals(numbers.map { n in
                    StrategySignal(
                        strategyId: ids[n % strategies], ticker: tickers[(n / (strategies * 330)) % tickers.count],
                        signalType: .entry, signalDate: day(n), generatedAt: Date(timeIntervalSince1970: 1_767_571_200),
                        priceAtSignal: 100, confidenceScore: 60, reasoning: "rsi_14 27.1 < 30; close above sma_200",
                        dataSnapshot: ["rsi_14": .number(27.1), "close": .number(100), "sma_200": .number(92)])
                }, user: user)
                for (n, (signal, _)) in zip(numbers, stored) {
                    guard let id = signal.signalId else { throw BenchFailure(message: "a signal was stored without an id") }
                    let outcome = HypotheticalOutcome(
                        status: .closed, asOf: day(n).adding(days: 40), entryDate: day(n).adding(days: 1), entryPrice: 100,
                        exitDate: day(n).adding(days: 30), exitPrice: 100 + Double(n % 21 - 10), exitReason: .signal,
                        returnPct: Double(n % 21 - 10))
                    try store.updateOutcome(signalId: id, user: user, outcome: ["hypothetical": outcome.json])
                    if n % 50 == 0 {
                        _ = try store.recordAction(signalId: id, user: user, action: .acted, price: 100)
                        if n % 100 == 0 {
                            _ = try store.recordAction(signalId: id, user: user, action: .closed, price: 104)
                        }
                    }
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

    static func lines(_ measured: (built: Timing?, timings: [Timing], plans: [(String, [String])])) -> [String] {
        [measured.built.map { String(format: "built the book in %.1f s wall, %.1f s CPU", $0.best, $0.bestCPU) }
            ?? "the book was already in the folder: timed as it is"]
            + ["\(strategies) strategies, \(signals) signals (goal < 50 ms each; wall, then processor time of all threads):"]
            + measured.timings.map {
                String(format: "  %-32@ best %7.1f ms  median %7.1f ms   CPU best %7.1f ms  median %7.1f ms",
                       $0.name as NSString, $0.best * 1e3, $0.median * 1e3, $0.bestCPU * 1e3, $0.medianCPU * 1e3)
            }
            + measured.plans.flatMap { name, plan in ["  query plan of \(name):"] + plan.map { "    " + $0 } }
    }
}
