import Foundation
import GRDB
@testable import Store
import StrategyCore
import Testing

@Suite("Reads over a person's whole record: the latest backtests at once, signal ids by prefix")
struct BookQueryTests {
    @Test("each strategy's latest backtest figures, read in one query, equal those of its decoded latest backtest")
    func latestBacktestFigures() throws {
        let store = try Fixtures.store()
        var strategies: [StoredStrategy] = []
        for i in 0..<24 {
            let strategy = try store.createStrategy(Fixtures.rsiDip(name: "dip \(i)"), user: "ann")
            strategies.append(strategy)
            // Zero to three backtests each, with figures that use every bit of a double.
            for run in 0..<(i % 4) {
                var backtest = Fixtures.backtest(strategyId: strategy.id, totalReturnPct: sin(Double(i * 7 + run)) * 123.456789)
                backtest.metrics.sharpeRatio = (i + run) % 3 == 0 ? nil : cos(Double(i + run)) * 2.0 / 3.0
                backtest.metrics.winRate = Double(i + run) / 7.0 * 10
                backtest.metrics.totalTrades = i * 10 + run
                _ = try store.saveBacktest(backtest, user: "ann")
            }
        }
        let other = try store.createStrategy(Fixtures.rsiDip(), user: "bob")
        _ = try store.saveBacktest(Fixtures.backtest(strategyId: other.id), user: "bob")

        let figures = try store.latestBacktestFigures(user: "ann")
        #expect(figures.count == strategies.filter { Int($0.name.dropFirst(4))! % 4 != 0 }.count)
        #expect(figures[other.id] == nil, "another user's backtest is never read")
        for strategy in strategies {
            let latest = try store.latestBacktest(strategyId: strategy.id, user: "ann")
            #expect(figures[strategy.id] == latest.map {
                BacktestFigures(totalReturnPct: $0.totalReturnPct, sharpeRatio: $0.sharpeRatio, winRate: $0.winRate,
                                totalTrades: $0.totalTrades)
            }, "\(strategy.name)")
        }
    }

    @Test("a database from before the figures table gets them from the backtests it holds, and a deleted strategy's go with it")
    func backtestFiguresFill() throws {
        let store = try Fixtures.store()
        var ids: [String] = []
        for i in 0..<5 {
            let strategy = try store.createStrategy(Fixtures.rsiDip(name: "dip \(i)"), user: "ann")
            ids.append(strategy.id)
            for run in 0...i % 3 {
                var backtest = Fixtures.backtest(strategyId: strategy.id, totalReturnPct: Double(i * 10 + run) + 0.125)
                backtest.metrics.sharpeRatio = run == 1 ? nil : Double(i) / 3
                backtest.metrics.totalTrades = i + run
                _ = try store.saveBacktest(backtest, user: "ann")
            }
        }
        let written = try store.latestBacktestFigures(user: "ann")
        try store.writer.write { db in
            try db.execute(sql: """
                DROP TRIGGER backtest_figures_insert; DROP TRIGGER backtest_figures_update; DROP TRIGGER backtest_figures_delete;
                DROP TABLE backtest_figures;
                DELETE FROM grdb_migrations WHERE identifier = 'v14-backtest-figures';
                """)
        }
        try store.migrate()
        #expect(try store.appliedMigrations().contains("v14-backtest-figures"))
        let filled = try store.latestBacktestFigures(user: "ann")
        #expect(filled.count == 5)
        #expect(filled == written)
        for id in ids {
            let latest = try #require(try store.latestBacktest(strategyId: id, user: "ann"))
            #expect(filled[id] == BacktestFigures(totalReturnPct: latest.totalReturnPct, sharpeRatio: latest.sharpeRatio,
                                                  winRate: latest.winRate, totalTrades: latest.totalTrades))
        }

        // A backtest's results rewritten in place carry its figures along.
        try store.writer.write { db in
            try db.execute(sql: """
                UPDATE strategy_backtests SET backtest_results = json_set(backtest_results, '$.total_return_pct', 99.5)
                WHERE strategy_id = ?
                """, arguments: [ids[4]])
        }
        #expect(try store.latestBacktestFigures(user: "ann")[ids[4]]?.totalReturnPct == 99.5)
        #expect(try store.latestBacktest(strategyId: ids[4], user: "ann")?.totalReturnPct == 99.5)

        try store.deleteStrategy(id: ids[2], user: "ann")
        let left = try store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT strategy_id FROM backtest_figures ORDER BY strategy_id")
        }
        #expect(left == ids.filter { $0 != ids[2] }.sorted())
    }

    @Test("the ranking's backtest figures are read without opening the stored backtests")
    func backtestFiguresPlan() throws {
        let store = try Fixtures.store()
        let plan = try store.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + StratStore.latestBacktestFiguresSQL, arguments: ["ann"])
                .map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("backtest_figures") })
        #expect(!plan.contains { $0.contains("strategy_backtests") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
    }

    @Test("strategy headings list what the full listing lists, in its order, for the user only")
    func strategyHeadings() throws {
        let store = try Fixtures.store()
        var ids: [String] = []
        for i in 0..<6 {
            ids.append(try store.createStrategy(Fixtures.rsiDip(name: "dip \(i)"), user: "ann").id)
        }
        _ = try store.createStrategy(Fixtures.rsiDip(name: "bob's"), user: "bob")
        _ = try store.setActive(id: ids[1], user: "ann", active: false)
        var renamed = try #require(try store.strategy(id: ids[3], user: "ann"))
        renamed.name = "renamed dip"
        _ = try store.updateStrategy(renamed, user: "ann")

        let full = try store.listStrategies(user: "ann")
        #expect(try store.strategyHeadings(user: "ann") == full.map { StrategyHeading(id: $0.id, name: $0.name, isActive: $0.isActive) })
        #expect(full.map(\.name).contains("renamed dip") && full.contains { !$0.isActive })
    }

    @Test("signal ids are found by prefix, at most as many as asked, only the user's, and open ones when asked")
    func signalIdsByPrefix() throws {
        let ids = IdQueue()
        let store = try StratStore.inMemory(makeId: ids.take)
        let ann = try store.createStrategy(Fixtures.rsiDip(), user: "ann")
        let bob = try store.createStrategy(Fixtures.rsiDip(), user: "bob")
        ids.queue(["ab*1", "ab?2", "abc3", "abd4", "abe5"])
        for (n, day) in ["2010-03-01", "2010-03-02", "2010-03-03", "2010-03-04", "2010-03-05"].enumerated() {
            _ = try store.upsertSignal(Fixtures.signal(strategyId: n == 4 ? bob.id : ann.id, day: day), user: n == 4 ? "bob" : "ann")
        }
        _ = try store.recordAction(signalId: "abc3", user: "ann", action: .skipped)
        _ = try store.recordAction(signalId: "abd4", user: "ann", action: .acted, price: 100)

        #expect(try store.signalIds(user: "ann", prefix: "ab", limit: 10) == ["ab*1", "ab?2", "abc3", "abd4"])
        #expect(try store.signalIds(user: "ann", prefix: "ab", limit: 2) == ["ab*1", "ab?2"])
        #expect(try store.signalIds(user: "ann", prefix: "ab", openOnly: true, limit: 10) == ["ab*1", "ab?2", "abd4"])
        // Wildcards in what was typed match only themselves.
        #expect(try store.signalIds(user: "ann", prefix: "ab*", limit: 10) == ["ab*1"])
        #expect(try store.signalIds(user: "ann", prefix: "ab?", limit: 10) == ["ab?2"])
        #expect(try store.signalIds(user: "ann", prefix: "ab[c]", limit: 10) == [])
        #expect(try store.signalIds(user: "bob", prefix: "ab", limit: 10) == ["abe5"])
        #expect(try store.signalIds(user: "ann", prefix: "x", limit: 10) == [])

        let plan = try store.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + StratStore.signalIdsSQL(openOnly: true), arguments: ["ab*", "ann", 50])
                .map { $0["detail"] as String }
        }
        #expect(plan == ["SEARCH strategy_signals USING INDEX sqlite_autoindex_strategy_signals_1 (signal_id>? AND signal_id<?)"],
                "only the ids in the prefix's range are read, in order: \(plan)")
    }
}

/// Ids handed out from a queue, then fresh random ones once it is empty.
private final class IdQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: [String] = []

    var take: @Sendable () -> String {
        { [self] in
            lock.withLock { waiting.isEmpty ? UUID().uuidString.lowercased() : waiting.removeFirst() }
        }
    }

    func queue(_ ids: [String]) {
        lock.withLock { waiting += ids }
    }
}
