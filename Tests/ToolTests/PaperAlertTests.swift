import Foundation
import Networking
import Store
import StrategyCore
import Testing
import TestSupport
@testable import Tools

/// The scan's paper fills and halts reach the webhooks through the same dispatcher as its signals, once.
@Suite("paper alerts")
struct PaperAlertTests {
    static let from = ScanServiceTests.from
    static let to = ScanServiceTests.to

    static func scan(_ store: StratStore) -> ScanService {
        ScanService(store: store, feed: FixedDataFeed(SignalToolFixtures.walk), lockPath: SignalToolFixtures.tempLock(),
                    now: SignalToolFixtures.clock)
    }

    static func dispatcher(_ server: LoopbackHTTPServer, events: Set<AlertEvent.Kind>? = nil) -> AlertDispatcher {
        AlertDispatcher(webhooks: [AlertWebhook(url: server.url("/hook"), format: .json, events: events, timeout: 120, retries: 0)],
                        sender: AlertTests.sender(RecordedSleeps()))
    }

    /// The bodies the webhook received, as JSON objects.
    static func received(_ server: LoopbackHTTPServer) throws -> [[String: JSONValue]] {
        try server.requests.map { try AlertTests.json($0.body) }
    }

    static func items(_ body: [String: JSONValue], _ key: String) -> [[String: JSONValue]] {
        guard case .object(let data)? = body["data"], case .array(let list)? = data[key] else { return [] }
        return list.compactMap { if case .object(let item) = $0 { item } else { nil } }
    }

    @Test("a scan that fills paper orders sends one fill alert listing every fill beside the signals, and a rerun sends nothing new")
    func fillsAlert() async throws {
        let store = try SignalToolFixtures.store()
        let id = try store.createStrategy(SignalToolFixtures.rsi, user: "ana").id
        let paper = PaperService(store: store, user: "ana")
        let account = try paper.open(name: "main", capital: 100_000, commissionPct: 0, slippageBps: 5)
        _ = try paper.add(strategy: id, to: "main")
        let server = try LoopbackHTTPServer(routes: ["/hook": [.json("{}")]])
        let dispatcher = Self.dispatcher(server)

        let report = await Self.scan(store).run(ScanOptions(quiet: true, from: Self.from, to: Self.to, universe: "RW"))
        #expect(report.exitCode == 0, "\(report.problems)")
        #expect(!report.paperFills.isEmpty)
        let sent = await dispatcher.dispatch(report.events, store: store)
        #expect(sent.failures.isEmpty, "\(sent.failures)")
        let bodies = try Self.received(server)
        #expect(bodies.count == report.events.count)
        #expect(bodies.contains { $0["event"] == "signal" }, "the signal digest goes out beside the fills")
        let fills = bodies.filter { $0["event"] == "fill" }
        try #require(fills.count == 1, "one message for the account's fills of the scan")
        let body = fills[0]
        #expect(body["id"] == .string("fills:ana/\(account.id)/\(Self.from.iso)/\(Self.to.iso)"))
        let listed = Self.items(body, "fills")
        #expect(listed.compactMap { if case .string(let s)? = $0["order_id"] { s } else { nil } }.sorted()
                == report.paperFills.map(\.order.id).sorted())
        for item in listed {
            let order = try #require(report.paperFills.first { .string($0.order.id) == item["order_id"] }?.order)
            #expect(item["ticker"] == .string(order.ticker))
            #expect(item["side"] == .string(order.side.rawValue))
            #expect(item["fill_price"] == order.fillPrice.map(JSONValue.number))
            #expect(item["shares"] == order.shares.map { .number(Double($0)) })
        }
        let first = try #require(report.paperFills.map(\.order).min { ($0.filledOn!, $0.ticker) < ($1.filledOn!, $1.ticker) })
        #expect(body["text"].map { "\($0)" }?.contains(String(format: "%@ %d %@ at %.2f on %@", first.side.rawValue, first.shares ?? 0,
                                                              first.ticker, first.fillPrice ?? 0, first.filledOn!.iso)) == true)

        // The same days again: the account steps nothing, the signals are known, and the webhook hears nothing new.
        let again = await Self.scan(store).run(ScanOptions(quiet: true, from: Self.from, to: Self.to, universe: "RW"))
        #expect(again.exitCode == 0)
        #expect(!again.events.contains { $0.kind == .fill })
        let rerun = await dispatcher.dispatch(again.events, store: store)
        #expect(rerun.sent == 0)
        #expect(server.requestCount == bodies.count)
        // The first scan's events handed over twice are recognised by their ids.
        let repeated = await dispatcher.dispatch(report.events, store: store)
        #expect(repeated.sent == 0)
        #expect(repeated.alreadySent == report.events.count)
        #expect(server.requestCount == bodies.count)
    }

    @Test("a limit that holds back entries sends one halt alert with each day's reason, and a rerun sends nothing new")
    func haltsAlert() async throws {
        let store = try SignalToolFixtures.store()
        let id = try store.createStrategy(SignalToolFixtures.rsi, user: "ana").id
        let paper = PaperService(store: store, user: "ana")
        let account = try paper.open(name: "small", capital: 100_000, limits: PaperRiskLimits(maxExposurePct: 1))
        _ = try paper.add(strategy: id, to: "small")
        let server = try LoopbackHTTPServer(routes: ["/hook": [.json("{}")]])
        let dispatcher = Self.dispatcher(server, events: [.halt])

        let report = await Self.scan(store).run(ScanOptions(quiet: true, from: Self.from, to: Self.to, universe: "RW"))
        #expect(report.exitCode == 0, "\(report.problems)")
        #expect(!report.paperHalts.isEmpty)
        let sent = await dispatcher.dispatch(report.events, store: store)
        #expect(sent.sent == 1)
        let bodies = try Self.received(server)
        try #require(bodies.count == 1)
        #expect(bodies[0]["event"] == "halt")
        #expect(bodies[0]["id"] == .string("halts:ana/\(account.id)/\(Self.from.iso)/\(Self.to.iso)"))
        #expect(bodies[0]["title"] == .string("Paper account small: entries held back from \(Self.from.iso) to \(Self.to.iso)"))
        let listed = Self.items(bodies[0], "halts")
        #expect(listed.count == report.paperHalts.count)
        #expect(listed.map { $0["reason"] } == report.paperHalts.map { .string($0.halt.reason) })
        #expect(listed.allSatisfy { $0["kind"] == "max_exposure" })

        let again = await Self.scan(store).run(ScanOptions(quiet: true, from: Self.from, to: Self.to, universe: "RW"))
        #expect(again.paperHalts.isEmpty)
        #expect(await dispatcher.dispatch(again.events, store: store).sent == 0)
        #expect(await dispatcher.dispatch(report.events, store: store).alreadySent == 1)
        #expect(server.requestCount == 1)
    }

    @Test("fill and halt alerts a webhook refused wait in the outbox; the next scan sends them and records them as sent")
    func failedAlertsResent() async throws {
        let store = try SignalToolFixtures.store()
        let id = try store.createStrategy(SignalToolFixtures.rsi, user: "ana").id
        let paper = PaperService(store: store, user: "ana")
        // One account fills orders; the other's exposure limit holds back its entries.
        _ = try paper.open(name: "main", capital: 100_000)
        _ = try paper.add(strategy: id, to: "main")
        _ = try paper.open(name: "small", capital: 100_000, limits: PaperRiskLimits(maxExposurePct: 1))
        _ = try paper.add(strategy: id, to: "small")
        let server = try LoopbackHTTPServer(routes: ["/hook": [.serverError(503)]])
        let dispatcher = Self.dispatcher(server, events: [.fill, .halt])
        let mid = try #require(Day(iso: "2009-10-30"))

        let first = await Self.scan(store).run(ScanOptions(quiet: true, from: Self.from, to: mid, universe: "RW"))
        #expect(first.exitCode == 0, "\(first.problems)")
        let refused = first.events.filter { $0.kind == .fill || $0.kind == .halt }
        try #require(Set(refused.map(\.kind)) == [.fill, .halt], "the first days both fill and hold back entries")
        let failed = await dispatcher.dispatch(first.events, store: store)
        #expect(failed.sent == 0)
        #expect(failed.failures.count == refused.count)
        #expect(failed.exitCode == 1)
        #expect(failed.failures.allSatisfy { $0.contains("the next scan sends it again") }, "\(failed.failures)")
        let webhook = dispatcher.webhooks[0]
        #expect(try store.queuedAlerts(webhookId: webhook.id).map(\.eventId) == refused.map(\.id))
        #expect(try store.queuedAlerts(webhookId: webhook.id).allSatisfy { $0.failures == 1 })

        // The webhook works again; the next scan steps later days, so it makes no event of the first scan's.
        server.setRoute("/hook", [.json("{}")])
        let next = await Self.scan(store).run(ScanOptions(quiet: true, from: mid.adding(days: 1), to: Self.to, universe: "RW"))
        #expect(next.exitCode == 0, "\(next.problems)")
        let fresh = next.events.filter { $0.kind == .fill || $0.kind == .halt }
        #expect(Set(fresh.map(\.id)).isDisjoint(with: refused.map(\.id)))
        let sent = await dispatcher.dispatch(next.events, store: store)
        #expect(sent.failures.isEmpty, "\(sent.failures)")
        #expect(sent.resent == refused.count)
        #expect(sent.sent == refused.count + fresh.count)
        let ids = try Self.received(server).compactMap { body -> String? in if case .string(let s)? = body["id"] { s } else { nil } }
        #expect(ids.count == refused.count * 2 + fresh.count, "each refused once, then sent once, then the new ones")
        #expect(Array(ids.suffix(refused.count + fresh.count)) == refused.map(\.id) + fresh.map(\.id),
                "the waiting alerts go first, in the order they were made")
        #expect(try store.deliveredAlerts(webhookId: webhook.id, eventIds: refused.map(\.id)) == Set(refused.map(\.id)))
        #expect(try store.queuedAlerts(webhookId: webhook.id).isEmpty)

        // Delivered is final: neither the first scan's events nor the outbox send anything again.
        let again = await dispatcher.dispatch(first.events + next.events, store: store)
        #expect(again.sent == 0)
        #expect(again.alreadySent == refused.count + fresh.count)
        #expect(server.requestCount == ids.count)
    }

    @Test("the daily loss limit's alert says the account is halted and how to resume it")
    func dailyLossTitle() throws {
        let day = try #require(Day(iso: "2010-05-28"))
        let halt = PaperHalt(day: day, kind: .dailyLoss, reason: "equity fell 6.00% on 2010-05-28")
        let event = try #require(AlertEvent.paperHalts([halt], account: "main", accountId: "pa-1", user: "ann", days: [day]))
        #expect(event.id == "halts:ann/pa-1/2010-05-28")
        #expect(event.title == "Paper account main halted on 2010-05-28")
        #expect(event.message.contains("stratchat paper resume main"))
        #expect(AlertEvent.paperHalts([], account: "main", accountId: "pa-1", user: "ann", days: [day]) == nil)
        #expect(AlertEvent.paperFills([], account: "main", accountId: "pa-1", user: "ann", days: [day]) == nil)
    }
}
