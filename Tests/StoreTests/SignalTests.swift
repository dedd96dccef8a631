import Foundation
import GRDB
@testable import Store
import StrategyCore
import Testing

@Suite("Signals and what the person did with them")
struct SignalTests {
    static func seeded() throws -> (StratStore, StoredStrategy) {
        let store = try Fixtures.store()
        return (store, try store.createStrategy(Fixtures.rsiDip(), user: "ann"))
    }

    @Test("a signal stores every field and the strategy's current version")
    func roundTrip() throws {
        let (store, strategy) = try Self.seeded()
        let (stored, inserted) = try store.upsertSignal(Fixtures.signal(strategyId: strategy.id), user: "ann")
        #expect(inserted)
        #expect(stored.signalId != nil)
        #expect(stored.strategyVersion == 1)
        var expected = Fixtures.signal(strategyId: strategy.id)
        expected.signalId = stored.signalId
        expected.strategyVersion = 1
        #expect(stored == expected)
        let record = try store.signal(id: stored.signalId!, user: "ann")
        #expect(record == SignalRecord(signal: expected))
    }

    @Test("the same strategy, ticker, day and type is stored once, however often the scan runs")
    func idempotent() throws {
        let (store, strategy) = try Self.seeded()
        let (first, inserted1) = try store.upsertSignal(Fixtures.signal(strategyId: strategy.id), user: "ann")
        var rerun = Fixtures.signal(strategyId: strategy.id, price: 101)
        rerun.reasoning = "a second run"
        let (second, inserted2) = try store.upsertSignal(rerun, user: "ann")
        #expect(inserted1 && !inserted2)
        #expect(second == first, "the first stored signal stands")
        _ = try store.upsertSignal(Fixtures.signal(strategyId: strategy.id, type: .exit), user: "ann")
        _ = try store.upsertSignal(Fixtures.signal(strategyId: strategy.id, ticker: "MSFT"), user: "ann")
        _ = try store.upsertSignal(Fixtures.signal(strategyId: strategy.id, day: "2010-03-02"), user: "ann")
        let all = try store.signals(strategyId: strategy.id, user: "ann")
        #expect(all.count == 4)
        #expect(all.map { "\($0.signal.signalDate) \($0.signal.ticker) \($0.signal.signalType.rawValue)" } == [
            "2010-03-01 AAPL entry", "2010-03-01 AAPL exit", "2010-03-01 MSFT entry", "2010-03-02 AAPL entry",
        ])
    }

    @Test("a rerun never overwrites the action the person recorded")
    func rerunKeepsAction() throws {
        let (store, strategy) = try Self.seeded()
        let (signal, _) = try store.upsertSignal(Fixtures.signal(strategyId: strategy.id), user: "ann")
        _ = try store.recordAction(signalId: signal.signalId!, user: "ann", action: .acted, price: 99.5, shares: 10)
        _ = try store.upsertSignal(Fixtures.signal(strategyId: strategy.id), user: "ann")
        let record = try store.signal(id: signal.signalId!, user: "ann")
        #expect(record?.action == .acted)
        #expect(record?.actedPrice == 99.5)
    }

    @Test("signals can be read within a date range, both ends included")
    func dateRange() throws {
        let (store, strategy) = try Self.seeded()
        for day in ["2010-03-01", "2010-03-02", "2010-03-03", "2010-03-04"] {
            _ = try store.upsertSignal(Fixtures.signal(strategyId: strategy.id, day: day), user: "ann")
        }
        let middle = try store.signals(strategyId: strategy.id, user: "ann", from: Fixtures.day("2010-03-02"),
                                       to: Fixtures.day("2010-03-03"))
        #expect(middle.map(\.signal.signalDate.iso) == ["2010-03-02", "2010-03-03"])
        #expect(try store.signals(user: "ann", from: Fixtures.day("2010-03-04")).count == 1)
    }

    @Test("acting then closing records prices, shares and times")
    func actThenClose() throws {
        let (store, strategy) = try Self.seeded()
        let (signal, _) = try store.upsertSignal(Fixtures.signal(strategyId: strategy.id), user: "ann")
        let acted = try store.recordAction(signalId: signal.signalId!, user: "ann", action: .acted)
        #expect(acted.action == .acted)
        #expect(acted.actedPrice == 100, "with no price given, the signal's price is used")
        #expect(acted.actedShares == nil)
        #expect(acted.signal.userActed)
        #expect(acted.actedAt != nil)
        let closed = try store.recordAction(signalId: signal.signalId!, user: "ann", action: .closed, price: 112, shares: 5)
        #expect(closed.action == .closed)
        #expect(closed.closedPrice == 112)
        #expect(closed.actedShares == 5)
        #expect(closed.actedPrice == 100)
        #expect(try store.signal(id: signal.signalId!, user: "ann") == closed)
    }

    @Test("a skipped signal can still be taken later")
    func skipThenAct() throws {
        let (store, strategy) = try Self.seeded()
        let (signal, _) = try store.upsertSignal(Fixtures.signal(strategyId: strategy.id), user: "ann")
        #expect(try store.recordAction(signalId: signal.signalId!, user: "ann", action: .skipped).action == .skipped)
        #expect(try store.recordAction(signalId: signal.signalId!, user: "ann", action: .acted, price: 101).action == .acted)
    }

    struct BadAction: CustomTestStringConvertible, Sendable {
        var name: String
        var before: [SignalAction]
        var action: SignalAction
        var price: Double?
        var shares: Double?
        var reasonContains: String
        var testDescription: String { name }
    }

    @Test("actions that make no sense are refused with a reason and change nothing", arguments: [
        BadAction(name: "zero price", before: [], action: .acted, price: 0, reasonContains: "not above zero"),
        BadAction(name: "negative price", before: [], action: .acted, price: -3, reasonContains: "not above zero"),
        BadAction(name: "NaN price", before: [], action: .acted, price: .nan, reasonContains: "not above zero"),
        BadAction(name: "zero shares", before: [], action: .acted, price: 10, shares: 0, reasonContains: "share count"),
        BadAction(name: "close before acting", before: [], action: .closed, price: 10, reasonContains: "never acted on"),
        BadAction(name: "close without a price", before: [.acted], action: .closed, reasonContains: "exit price"),
        BadAction(name: "close twice", before: [.acted, .closed], action: .closed, price: 10, reasonContains: "already closed"),
        BadAction(name: "act twice", before: [.acted], action: .acted, reasonContains: "already acted"),
        BadAction(name: "skip after acting", before: [.acted], action: .skipped, reasonContains: "already acted"),
        BadAction(name: "act after closing", before: [.acted, .closed], action: .acted, reasonContains: "already closed"),
    ])
    func badActions(_ bad: BadAction) throws {
        let (store, strategy) = try Self.seeded()
        let (signal, _) = try store.upsertSignal(Fixtures.signal(strategyId: strategy.id), user: "ann")
        let id = signal.signalId!
        for step in bad.before {
            _ = try store.recordAction(signalId: id, user: "ann", action: step, price: step == .closed ? 105 : nil)
        }
        let before = try store.signal(id: id, user: "ann")
        let error = #expect(throws: StoreError.self) {
            try store.recordAction(signalId: id, user: "ann", action: bad.action, price: bad.price, shares: bad.shares)
        }
        guard case .invalidAction(let reportedId, let reason, let fix) = error else {
            Issue.record("expected .invalidAction, got \(String(describing: error))")
            return
        }
        #expect(reportedId == id)
        #expect(reason.contains(bad.reasonContains), "\(reason)")
        #expect(!fix.isEmpty)
        #expect(try store.signal(id: id, user: "ann") == before)
    }

    @Test("an unknown signal id is not found and nothing is written")
    func unknownSignal() throws {
        let (store, _) = try Self.seeded()
        #expect(throws: StoreError.notFound(kind: "signal", reference: "nope")) {
            try store.recordAction(signalId: "nope", user: "ann", action: .acted, price: 10)
        }
    }

    @Test("a signal for a price of zero or without a ticker is refused")
    func invalidSignal() throws {
        let (store, strategy) = try Self.seeded()
        #expect(throws: StoreError.self) { try store.upsertSignal(Fixtures.signal(strategyId: strategy.id, price: 0), user: "ann") }
        #expect(throws: StoreError.self) {
            try store.upsertSignal(Fixtures.signal(strategyId: strategy.id, ticker: ""), user: "ann")
        }
        #expect(try store.signals(strategyId: strategy.id, user: "ann").isEmpty)
    }

    @Test("an outcome is stored as JSON and read back")
    func outcome() throws {
        let (store, strategy) = try Self.seeded()
        let (signal, _) = try store.upsertSignal(Fixtures.signal(strategyId: strategy.id), user: "ann")
        let outcome: JSONValue = .object(["exit_reason": .string("take_profit"), "return_pct": .number(15)])
        let record = try store.updateOutcome(signalId: signal.signalId!, user: "ann", outcome: outcome)
        #expect(record.signal.outcome == outcome)
        #expect(try store.signal(id: signal.signalId!, user: "ann")?.signal.outcome == outcome)
    }

    @Test("the hypothetical trade's status, exit day and return are kept in columns, and filled for signals stored before them")
    func tradeColumns() throws {
        let (store, strategy) = try Self.seeded()
        let (signal, _) = try store.upsertSignal(Fixtures.signal(strategyId: strategy.id), user: "ann")
        let trade = HypotheticalOutcome(status: .closed, asOf: Fixtures.day("2010-03-20"), entryDate: Fixtures.day("2010-03-02"),
                                        entryPrice: 50, exitDate: Fixtures.day("2010-03-12"), exitPrice: 53.1,
                                        exitReason: .signal, returnPct: 6.2)
        try store.updateOutcome(signalId: signal.signalId!, user: "ann", outcome: ["hypothetical": trade.json])
        func columns() throws -> [String?] {
            try store.writer.read { db in
                let row = try #require(try Row.fetchOne(db, sql: "SELECT trade_status, trade_exit_date, trade_return_pct FROM strategy_signals"))
                return [row["trade_status"], row["trade_exit_date"], (row["trade_return_pct"] as Double?).map { "\($0)" }]
            }
        }
        #expect(try columns() == ["closed", "2010-03-12", "6.2"])
        // As a database from before the columns holds it: the migration's fill reads them from the JSON.
        try store.writer.write { db in
            try db.execute(sql: "UPDATE strategy_signals SET trade_status = NULL, trade_exit_date = NULL, trade_return_pct = NULL")
            try StratStore.fillTradeColumns(db)
        }
        #expect(try columns() == ["closed", "2010-03-12", "6.2"])
        try store.updateOutcome(signalId: signal.signalId!, user: "ann", outcome: nil)
        #expect(try columns() == [nil, nil, nil])
    }

    /// A day's signals as a scan writes them: new ones, one repeated within the list, and one stored earlier.
    static func batch(strategyId: String) -> [StrategySignal] {
        var withOutcome = Fixtures.signal(strategyId: strategyId, ticker: "IBM", type: .exit, price: 130)
        let trade = HypotheticalOutcome(status: .closed, asOf: Fixtures.day("2010-03-20"), entryDate: Fixtures.day("2010-03-02"),
                                        entryPrice: 50, exitDate: Fixtures.day("2010-03-12"), exitPrice: 53.1,
                                        exitReason: .signal, returnPct: 6.2)
        withOutcome.outcome = ["hypothetical": trade.json]
        return [
            Fixtures.signal(strategyId: strategyId),
            Fixtures.signal(strategyId: strategyId, ticker: "MSFT", price: 28),
            Fixtures.signal(strategyId: strategyId, ticker: "MSFT", price: 29),
            withOutcome,
            Fixtures.signal(strategyId: strategyId, day: "2010-02-26", price: 97),
        ]
    }

    @Test("signals stored in one batch give the same rows and answers as storing them one by one")
    func batchMatchesOneByOne() throws {
        let (single, a) = try Self.seeded()
        let (batched, b) = try Self.seeded()
        #expect(a.id == b.id)
        let earlier = Fixtures.signal(strategyId: a.id, day: "2010-02-26", price: 95)
        _ = try single.upsertSignal(earlier, user: "ann")
        _ = try batched.upsertSignal(earlier, user: "ann")

        let oneByOne = try Self.batch(strategyId: a.id).map { try single.upsertSignal($0, user: "ann") }
        let together = try batched.upsertSignals(Self.batch(strategyId: b.id), user: "ann")
        #expect(together.map(\.0) == oneByOne.map(\.0))
        #expect(together.map(\.inserted) == oneByOne.map(\.inserted))
        #expect(together.map(\.inserted) == [true, true, false, true, false])

        func rows(_ store: StratStore) throws -> [Row] {
            try store.read("reading rows") { db in
                try Row.fetchAll(db, sql: "SELECT * FROM strategy_signals ORDER BY signal_id")
            }
        }
        let expected = try rows(single)
        #expect(expected.count == 4)
        #expect(try rows(batched) == expected)
    }

    @Test("a batch with one refused signal stores none of them")
    func batchIsAllOrNothing() throws {
        let (store, strategy) = try Self.seeded()
        var signals = Self.batch(strategyId: strategy.id)
        signals.append(Fixtures.signal(strategyId: strategy.id, ticker: "XOM", price: 0))
        #expect(throws: StoreError.self) { try store.upsertSignals(signals, user: "ann") }
        var unknown = Self.batch(strategyId: strategy.id)
        unknown.append(Fixtures.signal(strategyId: "no-such-strategy"))
        #expect(throws: StoreError.self) { try store.upsertSignals(unknown, user: "ann") }
        #expect(try store.signals(strategyId: strategy.id, user: "ann").isEmpty)
        #expect(try store.upsertSignals([], user: "ann").isEmpty)
    }
}
