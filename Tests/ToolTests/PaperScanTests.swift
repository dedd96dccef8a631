import Foundation
import Store
import StrategyCore
import Testing
import TestSupport
@testable import Tools

/// The scan trades paper accounts and hands back what filled and what halted as plain values.
@Suite("Scans trade paper accounts")
struct PaperScanTests {
    static let from = ScanServiceTests.from
    static let to = ScanServiceTests.to

    /// Ana's RSI strategy (paused unless `active`) in her paper account "main", and a scan of the random walk.
    static func attached(active: Bool = true, commissionPct: Double = 0) throws
        -> (store: StratStore, id: String, paper: PaperService, account: PaperAccount, scan: ScanService)
    {
        let store = try SignalToolFixtures.store()
        let id = try store.createStrategy(SignalToolFixtures.rsi, user: "ana").id
        if !active { _ = try store.setActive(id: id, user: "ana", active: false) }
        let paper = PaperService(store: store, user: "ana")
        let account = try paper.open(name: "main", capital: 100_000, commissionPct: commissionPct, slippageBps: 5)
        _ = try paper.add(strategy: id, to: "main")
        let scan = ScanService(store: store, feed: FixedDataFeed(SignalToolFixtures.walk), lockPath: SignalToolFixtures.tempLock(),
                               now: SignalToolFixtures.clock)
        return (store, id, paper, account, scan)
    }

    @Test("a replayed scan gives the account the backtest's trades, each order with its signal and version")
    func replayTradesLikeBacktest() async throws {
        let (store, id, paper, _, scan) = try Self.attached()
        let report = await scan.run(ScanOptions(quiet: true, from: Self.from, to: Self.to, universe: "RW"))
        #expect(report.exitCode == 0, "\(report.problems)")
        #expect(report.paperAccountsTraded == 1)

        let backtest = try BacktestEngine.run(BacktestRequest(
            strategy: SignalToolFixtures.rsi, series: SignalToolFixtures.walk.series, start: Self.from, end: Self.to,
            dataLabel: "synthetic sample", universeLabel: "RW"))
        #expect(backtest.trades.count >= 3)
        let view = try paper.view("main")
        #expect(view.trades.map(\.trade.trade) == backtest.trades)
        // Every fill the scan made is in its events, and every buy names the entry signal the scan stored.
        let fills = report.paperFills.map(\.order)
        #expect(fills.filter { $0.side == .buy }.count == backtest.trades.count + backtest.openPositions.count)
        let signals = Set(try store.signals(strategyId: id, user: "ana").map(\.id))
        for order in fills where order.side == .buy {
            #expect(order.strategyVersion == 1)
            #expect(signals.contains(order.signalId ?? ""), "buy \(order.ticker) on \(order.decidedOn) names its signal")
        }
        // Running the same days again changes nothing and fills nothing.
        let again = await scan.run(ScanOptions(quiet: true, from: Self.from, to: Self.to, universe: "RW"))
        #expect(again.paperFills.isEmpty)
        #expect(try paper.view("main").trades.count == view.trades.count)
    }

    @Test("the paper step reads the frames its scan built, and trades them as it trades frames it builds for a paused strategy")
    func scannedFramesTradeLikeOwnFrames() async throws {
        // One account traded twice over the same days: with the strategy active, the scan builds its frames and the
        // paper step reads them; with it paused, the scan reads nothing and the paper step builds them itself.
        func replay(active: Bool) async throws -> (orders: [PaperOrder], trades: [BacktestTrade], equity: [PaperEquityPoint]) {
            let (store, id, paper, account, scan) = try Self.attached(active: active, commissionPct: 0.1)
            let report = await scan.run(ScanOptions(quiet: true, from: Self.from, to: Self.to, universe: "RW"))
            #expect(report.exitCode == 0, "\(report.problems)")
            #expect(report.paperAccountsTraded == 1)
            #expect(report.strategiesScanned == (active ? 1 : 0))
            // Order ids name the strategy, whose id differs between the two stores; signals exist only where it was scanned.
            let orders = try store.paperOrders(accountId: account.id, user: "ana").map { o -> PaperOrder in
                var o = o
                o.id = o.id.replacingOccurrences(of: id, with: "S")
                o.strategyId = "S"
                o.signalId = nil
                return o
            }
            return (orders, try paper.view("main").trades.map(\.trade.trade), try store.paperEquity(accountId: account.id, user: "ana"))
        }
        let scanned = try await replay(active: true)
        let own = try await replay(active: false)
        #expect(scanned.trades.count >= 3)
        #expect(scanned.trades == own.trades)
        #expect(scanned.orders == own.orders)
        #expect(scanned.equity == own.equity)
        #expect(scanned.equity.count > 100)
    }

    @Test("a limit that holds back entries is in the scan's halts and its line")
    func limitsAreReported() async throws {
        let store = try SignalToolFixtures.store()
        let id = try store.createStrategy(SignalToolFixtures.rsi, user: "ana").id
        let paper = PaperService(store: store, user: "ana")
        // An exposure limit below one position's size: every entry is held back, and the scan says why.
        _ = try paper.open(name: "small", capital: 100_000, limits: PaperRiskLimits(maxExposurePct: 1))
        _ = try paper.add(strategy: id, to: "small")
        let scan = ScanService(store: store, feed: FixedDataFeed(SignalToolFixtures.walk), lockPath: SignalToolFixtures.tempLock(),
                               now: SignalToolFixtures.clock)
        let report = await scan.run(ScanOptions(quiet: false, from: Self.from, to: Self.to, universe: "RW"))
        #expect(report.exitCode == 0)
        #expect(report.paperFills.isEmpty)
        #expect(!report.paperHalts.isEmpty)
        #expect(report.paperHalts.allSatisfy { $0.halt.kind == .maxExposure && $0.account == "small" })
        #expect(report.lines.contains { $0.contains("paper account \"small\"") && $0.contains("held back") })
    }
}
