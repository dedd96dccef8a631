import Foundation
import Networking
import Store
import StrategyCore
import Testing
import TestSupport
@testable import Tools

/// A paper account linked to Alpaca's paper API, scanned against a stand-in of the API on 127.0.0.1.
@Suite("Scans send a linked paper account's orders to Alpaca")
struct PaperBrokerScanTests {
    static let keyId = "PKSCANKEY0077"
    static let secret = "scanSecretKey4455667788"

    /// The clock the Alpaca client reads, moved by the test from one evening to the next.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var current: Date
        init(_ date: Date) { current = date }
        var now: Date { lock.withLock { current } }
        func set(_ date: Date) { lock.withLock { current = date } }

        /// 00:30 UTC the next calendar day: 19:30 or 20:30 in New York, when Alpaca queues `opg` orders for the next open.
        static func evening(after day: Day) -> Date { day.date.addingTimeInterval(86_400 + 1_800) }
    }

    /// A store, an account "main" with the RSI strategy, a stand-in, and the scan wired to both.
    struct World {
        let store: StratStore
        let standIn: AlpacaStandIn
        let clock: Clock
        let scan: ScanService
        let broker: PaperBroker
        let paper: PaperService
        /// The day the strategy's first entry signal fires, and the trading day after it (when it fills).
        let signalDay: Day
        let fillDay: Day
        /// The close at which the trade's exit is decided (for a signal or max-hold exit, a sale for the next open).
        let exitDecisionDay: Day
        let trade: BacktestTrade

        /// - Parameter pick: which of the backtest's trades the world is built around (the first by default).
        init(approval: PaperApprovalMode = .auto, storePath: String? = nil,
             pick: (BacktestTrade) -> Bool = { _ in true }) async throws {
            store = try storePath.map { try StratStore.open(at: $0, now: SignalToolFixtures.clock) } ?? SignalToolFixtures.store()
            let id = try store.createStrategy(SignalToolFixtures.rsi, user: "ana").id
            paper = PaperService(store: store, user: "ana")
            _ = try paper.open(name: "main", capital: 100_000, commissionPct: 0, slippageBps: 5)
            _ = try paper.add(strategy: id, to: "main")
            // The first trade of a backtest over the same days fixes when the first order is decided and filled.
            let series = SignalToolFixtures.walk.series[0]
            let backtest = try BacktestEngine.run(BacktestRequest(
                strategy: SignalToolFixtures.rsi, series: SignalToolFixtures.walk.series, start: ScanServiceTests.from,
                end: ScanServiceTests.to, dataLabel: "synthetic sample", universeLabel: "RW"))
            let picked = backtest.trades.first(where: pick)
            trade = try #require(picked)
            let k = try #require(series.days.firstIndex(of: trade.entryDate))
            signalDay = series.days[k - 1]
            fillDay = trade.entryDate
            let x = try #require(series.days.firstIndex(of: trade.exitDate))
            exitDecisionDay = series.days[x - 1]
            standIn = try AlpacaStandIn(keyId: PaperBrokerScanTests.keyId, secretKey: PaperBrokerScanTests.secret)
            let clock = Clock(Clock.evening(after: signalDay))
            self.clock = clock
            let url = standIn.baseURL
            let connect: AlpacaConnector = { () throws(AlpacaError) -> AlpacaClient in
                AlpacaClient(configuration: try AlpacaConfiguration(keyId: PaperBrokerScanTests.keyId, secretKey: PaperBrokerScanTests.secret,
                                                                    baseURL: url),
                             retry: RetryPolicy(maxAttempts: 3, baseDelay: 1, maxDelay: 8, jitter: 0), timeout: 120,
                             now: { clock.now }, sleep: { _ in })
            }
            var scan = ScanService(store: store, feed: FixedDataFeed(SignalToolFixtures.walk), lockPath: SignalToolFixtures.tempLock(),
                                   now: SignalToolFixtures.clock)
            scan.alpaca = connect
            self.scan = scan
            broker = PaperBroker(store: store, user: "ana", connect: connect)
            _ = try await broker.link(try paper.account("main"), approval: approval)
        }

        /// The daily scan replayed from the suite's first day through `day`.
        func scan(through day: Day) async -> ScanReport {
            await scan.run(ScanOptions(quiet: false, from: ScanServiceTests.from, to: day, universe: "RW"))
        }

        func rows() throws -> [PaperBrokerOrder] {
            try store.paperBrokerOrders(accountId: try paper.account("main").id, user: "ana")
        }

        func posts() -> Int { standIn.server.requests.filter { $0.method == "POST" && $0.path == "/v2/orders" }.count }
    }

    @Test("a linked scan sends the order for the next open once, as a day bracket named by its signal; a rerun sends nothing")
    func submitsOnce() async throws {
        let world = try await World()
        let report = await world.scan(through: world.signalDay)
        #expect(report.exitCode == 0, "\(report.problems)")
        #expect(world.standIn.orderCount == 1)
        let sent = try #require(world.standIn.server.requests.last { $0.method == "POST" && $0.path == "/v2/orders" })
        let body = try #require(try JSONSerialization.jsonObject(with: sent.body) as? [String: Any])
        // A bracket cannot be opg at Alpaca: it goes as a day order while the market is closed, queued for the open.
        #expect(body["time_in_force"] as? String == "day")
        #expect(body["order_class"] as? String == "bracket")
        #expect(body["symbol"] as? String == "RW")
        #expect(body["side"] as? String == "buy")
        // The signal the scan stored for that day names the order.
        let signal = try #require(try world.store.signals(strategyId: try world.paper.account("main").strategyIds[0], user: "ana")
            .first { $0.signal.signalDate == world.signalDay && $0.signal.signalType == .entry })
        #expect((body["client_order_id"] as? String)?.hasSuffix(signal.id) == true)
        // Stop and target are the strategy's 5% and 8% around the price the order was sized at.
        let stop = try #require(Double((body["stop_loss"] as? [String: Any])?["stop_price"] as? String ?? ""))
        let target = try #require(Double((body["take_profit"] as? [String: Any])?["limit_price"] as? String ?? ""))
        #expect(abs(target / stop - 1.08 / 0.95) < 0.001)
        let rows = try world.rows()
        #expect(rows.map(\.status) == [.submitted])

        let again = await world.scan(through: world.signalDay)
        #expect(again.exitCode == 0, "\(again.problems)")
        #expect(world.posts() == 1)
        #expect(world.standIn.orderCount == 1)
        #expect(try world.rows().count == 1)
    }

    @Test("in approve mode the order waits in the list until approved, then goes once")
    func approveHolds() async throws {
        let world = try await World(approval: .approve)
        let report = await world.scan(through: world.signalDay)
        #expect(report.exitCode == 0, "\(report.problems)")
        #expect(world.posts() == 0)
        let waiting = try world.rows()
        #expect(waiting.map(\.status) == [.awaitingApproval])
        #expect(report.lines.contains { $0.contains("/approve \(waiting[0].seq)") })
        // The account's view (behind /paper, `paper show` and get_paper_account) counts the order waiting.
        let shown = try world.paper.view("main")
        #expect(shown.broker.link == PaperAccountView.Broker(name: "alpaca", mode: "approve", waiting: 1))
        #expect(shown.render(style: RenderStyle(width: 100)).contains("approve mode, 1 order waiting for approval"))
        // A rerun holds it still and makes no second one.
        _ = await world.scan(through: world.signalDay)
        #expect(world.posts() == 0)
        #expect(try world.rows().count == 1)
        let account = try world.paper.account("main")
        #expect(PaperBroker.render(try world.broker.orders(of: [account])).contains("#\(waiting[0].seq) \"main\" buy"))
        await #expect(throws: PaperBrokerError.self) { _ = try await world.broker.approve("999", accounts: [account]) }

        let approval = try await world.broker.approve(String(waiting[0].seq), accounts: [account])
        #expect(approval.failures == 0)
        #expect(approval.lines.count == 1 && approval.lines[0].contains("sent to Alpaca"), "\(approval.lines)")
        #expect(world.posts() == 1)
        #expect(try world.rows().map(\.status) == [.submitted])
        #expect(try world.paper.view("main").broker.link?.waiting == 0)
        #expect(try await world.broker.approve("all", accounts: [account]).lines == ["No order waits for approval."])
        #expect(world.posts() == 1)
    }

    @Test("the next scan reads the fill back and reports a partial fill at another price")
    func reconcilesPriceAndQuantity() async throws {
        let world = try await World()
        world.standIn.plan("RW", .fill(qty: "3", price: "999.5", status: "partially_filled"))
        _ = await world.scan(through: world.signalDay)
        world.clock.set(Clock.evening(after: world.fillDay))
        let report = await world.scan(through: world.fillDay)
        let row = try #require(try world.rows().first)
        #expect(row.filledQty == "3")
        #expect(row.filledAvgPrice == "999.5")
        #expect(row.brokerStatus == "partially_filled")
        let fill = try #require(try world.paper.view("main").orders.first { $0.id == row.orderId })
        #expect(fill.status == .filled)
        let text = report.lines.joined(separator: "\n")
        #expect(text.contains("quantity: Alpaca filled 3 (a partial fill), the simulation \(fill.shares ?? 0)"), "\(text)")
        #expect(text.contains("price: Alpaca filled at 999.5, the simulation at"), "\(text)")
        // Alpaca holds no position while the simulation holds the shares it bought.
        #expect(text.contains("RW: position: Alpaca holds 0 shares, the simulation \(fill.shares ?? 0)"), "\(text)")
        #expect(report.brokerDifferences == 3)
        #expect(report.problems.contains { $0.contains("differs") })
    }

    @Test("an order Alpaca accepted and then rejected is reported as a rejection on reconciliation")
    func reconcilesRejection() async throws {
        let world = try await World()
        world.standIn.plan("RW", .rejectLater)
        _ = await world.scan(through: world.signalDay)
        world.clock.set(Clock.evening(after: world.fillDay))
        let report = await world.scan(through: world.fillDay)
        let text = report.lines.joined(separator: "\n")
        #expect(text.contains(": rejected: Alpaca rejected it after filling 0 of"), "\(text)")
        #expect(try world.rows().map(\.status) == [.reconciled])
        // Read back once: the scan after it compares nothing again.
        world.clock.set(Clock.evening(after: world.fillDay))
        let again = await world.scan(through: world.fillDay)
        #expect(again.brokerDifferences == 0)
    }

    @Test("a 429 then 5xx answers during the scan are reported, the scan's results kept, and the next scan sends the order")
    func serverErrorsKeepResults() async throws {
        let world = try await World()
        world.standIn.fail("POST", "/v2/orders", with: .tooManyRequests(retryAfter: "1"), .serverError(503), .serverError(503))
        let report = await world.scan(through: world.signalDay)
        #expect(report.exitCode == 1)
        #expect(report.brokerFailures == 1)
        #expect(report.problems.contains { $0.contains("HTTP 503") && $0.contains("the next scan sends it again") }, "\(report.problems)")
        // The local record is whole: the signals, the account's days and its order for the next open.
        #expect(report.signalsStored > 0)
        let view = try world.paper.view("main")
        #expect(view.lastDay == world.signalDay)
        #expect(view.orders.contains { $0.status == .pending && $0.side == .buy })
        #expect(try world.rows().map(\.status) == [.failed])
        #expect(world.standIn.orderCount == 0)

        let again = await world.scan(through: world.signalDay)
        #expect(again.exitCode == 0, "\(again.problems)")
        #expect(world.standIn.orderCount == 1)
        #expect(try world.rows().map(\.status) == [.submitted])
    }

    /// The ids of the take-profit and stop-loss legs the stand-in holds for the buy.
    static func legIds(_ world: World) throws -> [String] {
        let buy = try #require(world.standIn.storedOrders.first { $0["side"] as? String == "buy" })
        return (buy["legs"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    static func legStatuses(_ world: World) -> [String] {
        let buy = world.standIn.storedOrders.first { $0["side"] as? String == "buy" }
        return (buy?["legs"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String }
    }

    @Test("a sale for the next open cancels the buy's stop and target legs first, then goes for the shares Alpaca filled, as a plain opg order")
    func sellsWhatAlpacaHolds() async throws {
        let world = try await World(pick: { [.signal, .maxHold].contains($0.exitReason) })
        world.standIn.plan("RW", .fill(qty: "7", price: "50", status: "filled"))
        _ = await world.scan(through: world.signalDay)
        let legs = try Self.legIds(world)
        #expect(legs.count == 2)
        world.clock.set(Clock.evening(after: world.exitDecisionDay))
        let report = await world.scan(through: world.exitDecisionDay)
        #expect(report.exitCode == 0, "\(report.problems)")
        #expect(try world.rows().map(\.status) == [.reconciled, .submitted], "\(report.lines)")
        #expect(Self.legStatuses(world) == ["canceled", "canceled"])
        // Both legs are cancelled before the sale is posted.
        let requests = world.standIn.server.requests
        let deletes = requests.indices.filter { requests[$0].method == "DELETE" }
        let sell = try #require(requests.lastIndex { $0.method == "POST" && $0.path == "/v2/orders" })
        #expect(Set(deletes.map { requests[$0].path }) == Set(legs.map { "/v2/orders/\($0)" }))
        #expect(deletes.allSatisfy { $0 < sell })
        let sale = try #require(world.standIn.server.requests.last { $0.method == "POST" && $0.path == "/v2/orders" })
        let body = try #require(try JSONSerialization.jsonObject(with: sale.body) as? [String: Any])
        #expect(body["side"] as? String == "sell")
        #expect(body["qty"] as? String == "7")
        #expect(body["time_in_force"] as? String == "opg")
        #expect(body["order_class"] == nil && body["stop_loss"] == nil)
        #expect(world.trade.shares > 7, "the simulation holds more than Alpaca filled, so the smaller number is asked")
    }

    @Test("a sale whose legs cannot be cancelled is reported and not sent, so nothing is sold twice; the next scan sends it")
    func noSaleWhileLegsOpen() async throws {
        let world = try await World(pick: { [.signal, .maxHold].contains($0.exitReason) })
        world.standIn.plan("RW", .fill(qty: "7", price: "50", status: "filled"))
        _ = await world.scan(through: world.signalDay)
        let stop = try #require(try Self.legIds(world).last)
        world.standIn.fail("DELETE", "/v2/orders/\(stop)", with: .serverError(503), .serverError(503), .serverError(503))
        world.clock.set(Clock.evening(after: world.exitDecisionDay))
        let report = await world.scan(through: world.exitDecisionDay)
        #expect(report.exitCode == 1)
        #expect(report.brokerFailures == 1)
        #expect(report.problems.contains { $0.contains("sell") && $0.contains("stop-loss leg of its buy at Alpaca could not be cancelled")
            && $0.contains("HTTP 503") }, "\(report.problems)")
        #expect(world.posts() == 1, "only the buy was posted")
        #expect(try world.rows().map(\.status) == [.reconciled, .failed])
        // The local record is whole: the sale waits for the next open.
        #expect(try world.paper.view("main").orders.contains { $0.status == .pending && $0.side == .sell })

        let again = await world.scan(through: world.exitDecisionDay)
        #expect(again.exitCode == 0, "\(again.problems)")
        #expect(world.posts() == 2)
        #expect(try world.rows().map(\.status) == [.reconciled, .submitted])
        #expect(Self.legStatuses(world) == ["canceled", "canceled"])
    }

    @Test("a sale Alpaca refuses while its buy's legs are still being cancelled is sent once by the next scan, after the cancel completes")
    func saleAfterPendingCancel() async throws {
        let world = try await World(pick: { [.signal, .maxHold].contains($0.exitReason) })
        world.standIn.plan("RW", .fill(qty: "7", price: "50", status: "filled"))
        _ = await world.scan(through: world.signalDay)
        world.standIn.cancelsPend = true
        world.clock.set(Clock.evening(after: world.exitDecisionDay))
        let report = await world.scan(through: world.exitDecisionDay)
        #expect(report.exitCode == 1)
        #expect(report.problems.contains { $0.contains("refused by Alpaca while its buy's stop and target were still being cancelled")
            && $0.contains("insufficient qty available") && $0.contains("the next scan sends it again") }, "\(report.problems)")
        #expect(Self.legStatuses(world) == ["pending_cancel", "pending_cancel"])
        #expect(world.posts() == 2, "the buy, and the sale Alpaca refused")
        #expect(world.standIn.orderCount == 1)
        #expect(try world.rows().map(\.status) == [.reconciled, .failed])

        world.standIn.completeCancels()
        let second = await world.scan(through: world.exitDecisionDay)
        #expect(second.exitCode == 0, "\(second.problems)")
        #expect(world.posts() == 3)
        #expect(world.standIn.orderCount == 2)
        let rows = try world.rows()
        #expect(rows.map(\.status) == [.reconciled, .submitted])
        let sale = try #require(world.standIn.storedOrders.last)
        #expect(sale["side"] as? String == "sell" && sale["qty"] as? String == "7")
        #expect(sale["client_order_id"] as? String == rows[1].clientOrderId)

        let third = await world.scan(through: world.exitDecisionDay)
        #expect(third.exitCode == 0, "\(third.problems)")
        #expect(world.posts() == 3)
        #expect(world.standIn.orderCount == 2)
        #expect(try world.rows().map(\.status) == [.reconciled, .submitted])
    }

    @Test("a second account of the user cannot be linked while one is, before Alpaca is asked; unlinking the first frees it")
    func oneLinkedAccount() async throws {
        let world = try await World()
        _ = try world.paper.open(name: "second", capital: 50_000, commissionPct: 0, slippageBps: 5)
        let second = try world.paper.account("second")
        let asked = world.standIn.server.requests.count
        await #expect(throws: StoreError.otherAccountLinked(account: "second", linked: "main", broker: "alpaca")) {
            _ = try await world.broker.link(second, approval: .auto)
        }
        #expect(world.standIn.server.requests.count == asked, "refused before Alpaca is asked")
        #expect(try world.store.paperBrokerLink(second.id, user: "ana") == nil)
        // The store refuses it too, whoever asks.
        #expect(throws: StoreError.otherAccountLinked(account: "second", linked: "main", broker: "alpaca")) {
            try world.store.linkPaperAccount(second.id, user: "ana", broker: PaperBroker.name, approval: .auto)
        }
        let text = StoreError.otherAccountLinked(account: "second", linked: "main", broker: "alpaca").errorDescription ?? ""
        #expect(text.contains("\"main\" is linked already") && text.contains("paper unlink main") && !text.contains("\n"), "\(text)")
        // The linked account itself can still change its mode.
        #expect(try world.broker.setApproval(try world.paper.account("main"), .approve).contains("approve mode"))

        _ = try world.broker.unlink(try world.paper.account("main"))
        #expect(try await world.broker.link(second, approval: .approve).contains("Linked paper account \"second\""))
    }

    @Test("a sale whose stop already sold the shares at Alpaca is not sent")
    func noSaleAfterLegFilled() async throws {
        let world = try await World(pick: { [.signal, .maxHold].contains($0.exitReason) })
        world.standIn.plan("RW", .fill(qty: "7", price: "50", status: "filled"))
        _ = await world.scan(through: world.signalDay)
        world.standIn.fillLeg("RW", type: "stop", qty: "7", price: "47.5")
        world.clock.set(Clock.evening(after: world.exitDecisionDay))
        let report = await world.scan(through: world.exitDecisionDay)
        #expect(report.exitCode == 1)
        #expect(report.problems.contains { $0.contains("Alpaca's stop-loss leg of its buy already sold 7 shares") }, "\(report.problems)")
        #expect(world.posts() == 1)
        #expect(Self.legStatuses(world) == ["canceled", "filled"])
    }

    @Test("a sale whose buy never reached Alpaca is not sent, so nothing is sold short")
    func noSaleWithoutBuy() async throws {
        let world = try await World(approval: .approve, pick: { [.signal, .maxHold].contains($0.exitReason) })
        _ = await world.scan(through: world.signalDay)
        world.clock.set(Clock.evening(after: world.exitDecisionDay))
        let report = await world.scan(through: world.exitDecisionDay)
        #expect(try world.rows().map(\.status) == [.expired])
        #expect(report.lines.contains { $0.contains("sell RW not sent: its buy was not placed at Alpaca") }, "\(report.lines)")
        #expect(world.posts() == 0)
    }

    @Test("a bracket buy while the market is open is not sent (the open has passed) and goes with a scan while it is closed")
    func openPassed() async throws {
        let world = try await World()
        // 15:00 UTC is 10:00 or 11:00 in New York, and the clock says the market is open.
        world.clock.set(world.signalDay.date.addingTimeInterval(86_400 + 15 * 3_600))
        world.standIn.marketOpen = true
        let report = await world.scan(through: world.signalDay)
        #expect(report.exitCode == 1)
        #expect(report.problems.contains { $0.contains("the open has passed") }, "\(report.problems)")
        #expect(world.posts() == 0)
        #expect(try world.rows().map(\.status) == [.missedWindow])
        world.standIn.marketOpen = false
        world.clock.set(Clock.evening(after: world.signalDay))
        _ = await world.scan(through: world.signalDay)
        #expect(world.standIn.orderCount == 1)
    }

    @Test("a sale outside the opg window is reported and sent by a scan inside it")
    func missedWindow() async throws {
        let world = try await World(pick: { [.signal, .maxHold].contains($0.exitReason) })
        world.standIn.plan("RW", .fill(qty: "7", price: "50", status: "filled"))
        _ = await world.scan(through: world.signalDay)
        // 15:00 UTC is 10:00 or 11:00 in New York: Alpaca refuses market-on-open orders then.
        world.clock.set(world.exitDecisionDay.date.addingTimeInterval(86_400 + 15 * 3_600))
        let report = await world.scan(through: world.exitDecisionDay)
        #expect(report.exitCode == 1)
        #expect(report.problems.contains { $0.contains("missed Alpaca's market-on-open window") }, "\(report.problems)")
        #expect(world.posts() == 1)
        // The sale could not go, so the buy's stop and target still protect the shares.
        #expect(Self.legStatuses(world) == ["held", "held"])
        #expect(!world.standIn.server.requests.contains { $0.method == "DELETE" })
        world.clock.set(Clock.evening(after: world.exitDecisionDay))
        _ = await world.scan(through: world.exitDecisionDay)
        #expect(world.posts() == 2)
    }

    @Test("the keys appear in no output, no stored row and no error, even when Alpaca echoes them")
    func keysNeverShown() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratchat-broker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("stratchat.db").path
        let world = try await World(storePath: path)
        // A refusal whose message repeats the secret, as a misbehaving proxy might.
        world.standIn.fail("POST", "/v2/orders", with: .json(data: Data("{\"code\":40310000,\"message\":\"bad key \(Self.secret) \(Self.keyId)\"}".utf8), status: 403))
        let report = await world.scan(through: world.signalDay)
        world.clock.set(Clock.evening(after: world.fillDay))
        let next = await world.scan(through: world.fillDay)
        let account = try world.paper.account("main")
        let listing = PaperBroker.render(try world.broker.orders(of: [account]))
        let text = (report.lines + report.problems + next.lines + next.problems + [listing]).joined(separator: "\n")
        #expect(text.contains("refused by Alpaca"), "\(text)")
        #expect(text.contains("rejected"), "\(text)")
        for secret in [Self.keyId, Self.secret] {
            #expect(!text.contains(secret))
        }
        var bytes = Data()
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            bytes += try Data(contentsOf: dir.appendingPathComponent(file))
        }
        #expect(bytes.count > 0)
        for secret in [Self.keyId, Self.secret] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "the database holds a key")
        }
    }
}
