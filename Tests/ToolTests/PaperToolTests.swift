import AgentLoop
import Foundation
import Store
import StrategyCore
import Testing
import TestSupport
@testable import Tools

/// `manage_paper_account` and `get_paper_account`: the paper service behind `/paper`, as typed tools.
@Suite("The paper account tools")
struct PaperToolTests {
    static let manage = ToolName.managePaperAccount.rawValue
    static let get = ToolName.getPaperAccount.rawValue

    static func managed(_ output: ToolOutput) throws -> ManagePaperAccountResult {
        #expect(!output.isError, "\(output.modelContent)")
        return try #require(ToolName.managePaperAccount.decode(ManagePaperAccountResult.self, from: output.modelContent))
    }

    @Test("paper trading a strategy opens an account when there is none, and the next add keeps the account's money")
    func addOpensWhenNone() async throws {
        let fixture = try ToolFixture(offline: true)
        let id = try fixture.store.createStrategy(SignalToolFixtures.rsi, user: ToolFixture.user).id
        let first = try Self.managed(try await fixture.call(Self.manage, ["action": "add", "strategy_id": .string(id), "capital": 50000]))
        #expect(first.opened)
        #expect(first.paperMoney)
        #expect(first.account == PaperService.defaultName)
        #expect(first.startingCapital == 50000)
        #expect(first.cash == 50000)
        #expect(first.strategies.map(\.strategyId) == [id])
        #expect(first.strategy?.name == "RSI dip")
        #expect(first.message.contains("paper money (not real money)"))

        let other = try fixture.store.createStrategy(SignalToolFixtures.trend, user: ToolFixture.user).id
        let second = try Self.managed(try await fixture.call(Self.manage, ["action": "add", "strategy_id": .string(other), "capital": 75000]))
        #expect(!second.opened, "an account exists, so none is opened")
        #expect(second.startingCapital == 50000)
        #expect(second.strategies.map(\.strategyId) == [id, other])
        #expect(second.message.contains("applies only to a new account"))
        #expect(try fixture.store.paperAccounts(user: ToolFixture.user).count == 1)
    }

    @Test("the tool sets risk limits when it opens an account and changes them later; 0 turns one off")
    func limits() async throws {
        let fixture = try ToolFixture(offline: true)
        let opened = try Self.managed(try await fixture.call(Self.manage, [
            "action": "open", "account": "capped", "capital": 100000, "max_positions": 5, "max_exposure_pct": 60,
            "daily_loss_limit_pct": 3,
        ]))
        #expect(opened.limits == PaperLimitsItem(PaperRiskLimits(maxOpenPositions: 5, maxExposurePct: 60, dailyLossLimitPct: 3)))
        let stored = try #require(try fixture.store.paperAccount(named: "capped", user: ToolFixture.user))
        #expect(stored.book.limits == PaperRiskLimits(maxOpenPositions: 5, maxExposurePct: 60, dailyLossLimitPct: 3))

        let changed = try Self.managed(try await fixture.call(Self.manage, [
            "action": "limits", "account": "capped", "max_positions": 0, "daily_loss_limit_pct": 2.5,
        ]))
        #expect(changed.limits.maxPositions == nil, "0 turns the position limit off")
        #expect(changed.limits.maxExposurePct == 60, "an unnamed limit stays")
        #expect(changed.limits.dailyLossLimitPct == 2.5)
        #expect(try fixture.store.paperAccount(named: "capped", user: ToolFixture.user)?.book.limits
                == PaperRiskLimits(maxOpenPositions: nil, maxExposurePct: 60, dailyLossLimitPct: 2.5))

        let none = try await fixture.call(Self.manage, ["action": "limits", "account": "capped"])
        #expect(none.isError)
        #expect(none.modelContent.contains("names no limit"))
        let negative = try await fixture.call(Self.manage, ["action": "limits", "max_exposure_pct": -1])
        #expect(negative.isError)
        #expect(negative.modelContent.contains("max_exposure_pct"))
    }

    @Test("get_paper_account names each attached strategy's field read from a synthetic sample, and the link to Alpaca")
    func syntheticDataAndBrokerLink() async throws {
        let fixture = try ToolFixture(offline: true)
        let insider = TradingStrategy(
            name: "Insider dip",
            entryConditions: [Condition(field: "insider_buy_count_30d", operator: .gte, value: .number(3))],
            exitConditions: [Condition(field: "rsi_5", operator: .gt, value: .number(60))],
            riskParameters: RiskParameters(stopLossPct: 5, maxHoldDays: 20, positionSizePct: 100))
        try fixture.add(SignalToolFixtures.rsi)
        _ = try Self.managed(try await fixture.call(Self.manage, ["action": "open", "account": "main", "capital": 100000]))
        _ = try Self.managed(try await fixture.call(Self.manage, ["action": "add", "account": "main", "strategy_id": "RSI dip"]))

        // Prices only: nothing synthetic to say, and no broker.
        let real = try await fixture.call(Self.get, ["account": "main"])
        #expect(real.json["synthetic_data"]?.arrayValue?.isEmpty == true)
        #expect(real.json["broker"] == .null, "an unlinked account's broker is null, not missing")
        #expect(real.json.objectValue?.keys.contains("broker") == true)
        #expect(!(real.display ?? "").contains("synthetic sample"))
        #expect((real.display ?? "").contains("Broker: not linked"))

        // The embedded set serves insider trades as a synthetic sample, and the account says so.
        try fixture.add(insider)
        _ = try Self.managed(try await fixture.call(Self.manage, ["action": "add", "account": "main", "strategy_id": "Insider dip"]))
        let account = try #require(try fixture.store.paperAccount(named: "main", user: ToolFixture.user))
        try fixture.store.linkPaperAccount(account.id, user: ToolFixture.user, broker: PaperBroker.name, approval: .approve)
        let output = try await fixture.call(Self.get, ["account": "main"])
        #expect(!output.isError, "\(output.modelContent)")
        let result = try #require(ToolName.getPaperAccount.decode(PaperAccountResult.self, from: output.modelContent))
        #expect(result.syntheticData.count == 1)
        #expect(result.syntheticData.first?.hasPrefix("Insider dip: insider_buy_count_30d: synthetic sample") == true)
        #expect((output.display ?? "").contains("Uses synthetic sample data"))
        #expect((output.display ?? "").contains("insider_buy_count_30d"))
        #expect(result.broker == PaperAccountResult.Broker(name: "alpaca", mode: "approve", waiting: 0))
        #expect((output.display ?? "").contains("Broker: linked to Alpaca paper trading, approve mode, 0 orders waiting for approval"))
        #expect(!result.note.contains("nothing is sent to a broker"), "a linked account's orders do go to Alpaca")
    }

    @Test("a wrong strategy or a missing amount is an error result that opens nothing")
    func badInputOpensNothing() async throws {
        let fixture = try ToolFixture(offline: true)
        let unknown = try await fixture.call(Self.manage, ["action": "add", "strategy_id": "Nothing Like It", "capital": 50000])
        #expect(unknown.isError)
        let noCapital = try await fixture.call(Self.manage, ["action": "open"])
        #expect(noCapital.isError)
        #expect(noCapital.modelContent.contains("capital"))
        let badAction = try await fixture.call(Self.manage, ["action": "sell"])
        #expect(badAction.isError)
        #expect(badAction.modelContent.contains("open, add, remove, halt, resume, limits"))
        let negative = try await fixture.call(Self.manage, ["action": "open", "capital": -5])
        #expect(negative.isError)
        #expect(try fixture.store.paperAccounts(user: ToolFixture.user).isEmpty)
        let none = try await fixture.call(Self.get, [:])
        #expect(none.isError)
        #expect(none.modelContent.contains("No paper account yet"))
    }

    @Test("after a replayed scan, get_paper_account lists the backtest's trades, the record per strategy and the equity")
    func getAfterScan() async throws {
        let fixture = try ToolFixture(offline: true)
        let id = try fixture.store.createStrategy(SignalToolFixtures.rsi, user: ToolFixture.user).id
        _ = try Self.managed(try await fixture.call(Self.manage, ["action": "open", "account": "main", "capital": 100000]))
        _ = try Self.managed(try await fixture.call(Self.manage, ["action": "add", "account": "main", "strategy_id": "RSI dip"]))
        let scan = ScanService(store: fixture.store, feed: FixedDataFeed(SignalToolFixtures.walk), lockPath: SignalToolFixtures.tempLock(),
                               now: SignalToolFixtures.clock)
        let report = await scan.run(ScanOptions(quiet: true, from: PaperScanTests.from, to: PaperScanTests.to, universe: "RW"))
        #expect(report.exitCode == 0, "\(report.problems)")

        // The reference: the backtester over the same days with the same money and costs.
        let backtest = try BacktestEngine.run(BacktestRequest(
            strategy: SignalToolFixtures.rsi, series: SignalToolFixtures.walk.series, start: PaperScanTests.from, end: PaperScanTests.to,
            dataLabel: "synthetic sample", universeLabel: "RW"))
        #expect(backtest.trades.count >= 3)

        let output = try await fixture.call(Self.get, ["account": "main"])
        #expect(!output.isError, "\(output.modelContent)")
        let result = try #require(ToolName.getPaperAccount.decode(PaperAccountResult.self, from: output.modelContent))
        #expect(result.paperMoney)
        #expect(result.tradeCount == backtest.trades.count)
        let expected = backtest.trades.suffix(PaperAccountResult.tradesListed)
        #expect(result.trades.map(\.ticker) == expected.map(\.ticker))
        #expect(result.trades.map(\.entryDate) == expected.map(\.entryDate.iso))
        #expect(result.trades.map(\.exitDate) == expected.map(\.exitDate.iso))
        #expect(result.trades.map(\.shares) == expected.map(\.shares))
        #expect(result.trades.map(\.exitReason) == expected.map(\.exitReason.rawValue))
        let record = try #require(result.record.first)
        #expect(result.record.count == 1)
        #expect(record.name == "RSI dip")
        #expect(record.closedTrades == backtest.trades.count)
        #expect(record.wins == backtest.trades.filter { $0.pnl > 0 }.count)
        #expect(abs(record.pnl - backtest.trades.reduce(0) { $0 + $1.pnl }) < 0.01)
        #expect(result.positions.count == backtest.openPositions.count)
        #expect(result.lastDay != nil)
        #expect((output.display ?? "").contains("Paper account \"main\" (paper money)"))
        #expect((output.display ?? "").contains("paper account $"), "the equity chart's legend names the account's curve")

        // The leaderboard's paper column counts the same trades, summed as its other returns are.
        let board = try await fixture.call(ToolName.compareStrategies.rawValue, ["timeframe": "all"])
        let boardResult = try #require(ToolName.compareStrategies.decode(LeaderboardResult.self, from: board.modelContent))
        let row = try #require(boardResult.strategies.first { $0.strategyId == id })
        #expect(row.paperTrades == backtest.trades.count)
        let sum = try #require(row.paperReturnPct)
        #expect(abs(sum - backtest.trades.reduce(0) { $0 + $1.pnlPct }) < 0.01)
        #expect((board.display ?? "").contains("Paper"))

        // Halting, resuming and removing change the account and say so.
        let halted = try Self.managed(try await fixture.call(Self.manage, ["action": "halt", "reason": "earnings week"]))
        #expect(halted.halted)
        #expect(halted.haltReason == "earnings week")
        let resumed = try Self.managed(try await fixture.call(Self.manage, ["action": "resume"]))
        #expect(!resumed.halted)
        let removed = try Self.managed(try await fixture.call(Self.manage, ["action": "remove", "strategy_id": .string(id)]))
        #expect(removed.strategies.isEmpty)
        #expect(removed.strategy?.strategyId == id)
        #expect(try fixture.store.paperAccount(named: "main", user: ToolFixture.user)?.strategyIds == [])
    }
}
