import Foundation
import Networking
import TestSupport
import Testing

@Suite("Alpaca paper client against a local stand-in")
struct AlpacaClientTests {
    static let keyId = "PKTESTKEYID0042"
    static let secret = "sEcReTkEy9988776655"
    /// 2026-12-07 19:01 UTC is 14:01 in New York: inside the window Alpaca refuses `opg` orders.
    static let afternoon = Date(timeIntervalSince1970: 1_796_670_060)
    /// 2026-12-08 01:00 UTC is 20:00 in New York: an `opg` order is queued for the next open.
    static let evening = Date(timeIntervalSince1970: 1_796_691_600)

    final class Waits: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [TimeInterval] = []
        var all: [TimeInterval] { lock.withLock { list } }
        func record(_ seconds: TimeInterval) { lock.withLock { list.append(seconds) } }
    }

    static func client(_ standIn: AlpacaStandIn, at now: Date = evening, waits: Waits = Waits(), timeout: TimeInterval = 120) throws -> AlpacaClient {
        let configuration = try AlpacaConfiguration(keyId: keyId, secretKey: secret, baseURL: standIn.baseURL)
        return AlpacaClient(configuration: configuration, retry: RetryPolicy(maxAttempts: 3, baseDelay: 1, maxDelay: 8, jitter: 0),
                            timeout: timeout, now: { now }, sleep: { waits.record($0) })
    }

    static func buy(_ symbol: String, _ id: String, target: Decimal? = nil, stop: Decimal? = nil) -> Alpaca.OrderRequest {
        .forNextOpen(symbol: symbol, qty: 10, side: "buy", clientOrderId: id, takeProfit: target, stopLoss: stop)
    }

    /// The Alpaca error a call ends with; nil when it succeeds.
    static func failure<T>(_ body: @escaping () async throws -> T) async -> (any Error)? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error
        }
    }

    static func noKeys(_ text: String) -> Bool { !text.contains(keyId) && !text.contains(secret) }

    @Test("the account, clock and positions decode from the document's shapes, decimals kept as sent")
    func reads() async throws {
        let standIn = try AlpacaStandIn(keyId: Self.keyId, secretKey: Self.secret)
        standIn.positions = [["asset_id": "b0b6dd9d-8b9b-48a9-ba46-b9d54906e415", "symbol": "AAPL", "exchange": "NASDAQ",
                              "asset_class": "us_equity", "qty": "10", "side": "long", "avg_entry_price": "256.8800",
                              "market_value": "2600.10", "cost_basis": "2568.80", "unrealized_pl": "31.3",
                              "current_price": "260.01"]]
        let client = try Self.client(standIn)
        let account = try await client.account()
        #expect(account.cash == "100000")
        #expect(account.buyingPower == "200000")
        #expect(account.status == "ACTIVE")
        let clock = try await client.clock()
        #expect(clock.isOpen == false)
        #expect(clock.nextOpen == "2026-12-08T09:30:00-05:00")
        let positions = try await client.positions()
        #expect(positions.first?.avgEntryPrice == "256.8800")
        #expect(Alpaca.decimal(positions.first?.avgEntryPrice) == Decimal(string: "256.88"))
        let request = try #require(standIn.server.requests.first)
        #expect(request.header("APCA-API-KEY-ID") == Self.keyId)
        #expect(request.header("APCA-API-SECRET-KEY") == Self.secret)
    }

    @Test("an entry with a stop and a target goes as a day market bracket (Alpaca takes no opg bracket), its client order id from the signal")
    func bracketOrder() async throws {
        let standIn = try AlpacaStandIn(keyId: Self.keyId, secretKey: Self.secret)
        let placed = try await Self.client(standIn).submit(Self.buy("AAPL", "sig-1", target: 282.574, stop: 236.3349))
        #expect(!placed.alreadyPlaced)
        #expect(placed.order.clientOrderId == "sig-1")
        #expect(placed.order.status == "accepted")
        #expect(placed.order.legs?.count == 2)
        let body = try #require(standIn.server.requests.last?.body)
        let sent = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(sent["time_in_force"] as? String == "day")
        #expect(sent["type"] as? String == "market")
        #expect(sent["order_class"] as? String == "bracket")
        #expect(standIn.server.requestCount(path: "/v2/clock") == 1)
        #expect(sent["qty"] as? String == "10")
        #expect((sent["take_profit"] as? [String: Any])?["limit_price"] as? String == "282.57")
        #expect((sent["stop_loss"] as? [String: Any])?["stop_price"] as? String == "236.33")
        let simple = Alpaca.OrderRequest.forNextOpen(symbol: "MSFT", qty: 5, side: "sell", clientOrderId: "sig-2")
        #expect(simple.orderClass == nil && simple.takeProfit == nil && simple.stopLoss == nil)
        #expect(simple.timeInForce == "opg")
    }

    @Test("an entry with only a stop or only a target goes as a day oto with that one leg")
    func otoOrder() async throws {
        let standIn = try AlpacaStandIn(keyId: Self.keyId, secretKey: Self.secret)
        let client = try Self.client(standIn)
        let stopOnly = try await client.submit(Self.buy("AAPL", "sig-1", stop: 236.3349))
        let targetOnly = try await client.submit(Self.buy("MSFT", "sig-2", target: 512.126))
        #expect(stopOnly.order.orderClass == "oto" && targetOnly.order.orderClass == "oto")
        #expect(stopOnly.order.legs?.map(\.type) == ["stop"])
        #expect(targetOnly.order.legs?.map(\.type) == ["limit"])
        let bodies = try standIn.server.requests.filter { $0.method == "POST" }.map {
            try #require(try JSONSerialization.jsonObject(with: $0.body) as? [String: Any])
        }
        #expect(bodies.map { $0["time_in_force"] as? String } == ["day", "day"])
        #expect(bodies[0]["take_profit"] == nil && (bodies[0]["stop_loss"] as? [String: Any])?["stop_price"] as? String == "236.33")
        #expect(bodies[1]["stop_loss"] == nil && (bodies[1]["take_profit"] as? [String: Any])?["limit_price"] as? String == "512.13")
    }

    @Test("a day bracket is not sent once the market is open: it would fill at the current price, not the open")
    func openPassed() async throws {
        let standIn = try AlpacaStandIn(keyId: Self.keyId, secretKey: Self.secret)
        standIn.marketOpen = true
        let client = try Self.client(standIn)
        let error = await Self.failure { try await client.submit(Self.buy("AAPL", "sig-1", target: 282.57, stop: 236.33)) }
        #expect(error as? AlpacaError == .openPassed(clientOrderId: "sig-1"))
        #expect(error?.localizedDescription.contains("the open has passed") == true)
        #expect(standIn.orderCount == 0)
        // The opg window does not apply to it: at 14:01 New York time with the market closed (a holiday) it goes.
        standIn.marketOpen = false
        let placed = try await Self.client(standIn, at: Self.afternoon).submit(Self.buy("AAPL", "sig-1", target: 282.57, stop: 236.33))
        #expect(placed.order.timeInForce == "day")
    }

    @Test("the stand-in refuses with Alpaca's 422 what Alpaca refuses: an opg bracket, a bracket missing a leg, an oto with both")
    func standInRefusesWhatAlpacaRefuses() async throws {
        let standIn = try AlpacaStandIn(keyId: Self.keyId, secretKey: Self.secret)
        let client = try Self.client(standIn)
        var opgBracket = Self.buy("AAPL", "sig-1", target: 282.57, stop: 236.33)
        opgBracket.timeInForce = "opg"
        var oneLegBracket = Self.buy("AAPL", "sig-2", stop: 236.33)
        oneLegBracket.orderClass = "bracket"
        var otoBoth = Self.buy("AAPL", "sig-3", target: 282.57, stop: 236.33)
        otoBoth.orderClass = "oto"
        for (request, words) in [(opgBracket, "must be day or gtc"), (oneLegBracket, "require both"), (otoBoth, "exactly one")] {
            let error = await Self.failure { try await client.submit(request) }
            guard case .rejected(let status, let id, let message)? = error as? AlpacaError else {
                Issue.record("\(request.clientOrderId): \(String(describing: error))")
                continue
            }
            #expect(status == 422 && id == request.clientOrderId)
            #expect(message.contains(words))
        }
        #expect(standIn.orderCount == 0)
    }

    @Test("cancelling an order's leg: 204 and canceled while open, then 422 as Alpaca answers for an order no longer cancelable")
    func cancelLeg() async throws {
        let standIn = try AlpacaStandIn(keyId: Self.keyId, secretKey: Self.secret)
        let client = try Self.client(standIn)
        let placed = try await client.submit(Self.buy("AAPL", "sig-1", target: 282.57, stop: 236.33))
        let stop = try #require(placed.order.legs?.first { $0.type == "stop" })
        try await client.cancel(orderId: stop.id)
        let after = try #require(try await client.order(clientOrderId: "sig-1"))
        #expect(after.legs?.first { $0.id == stop.id }?.status == "canceled")
        #expect(after.legs?.first { $0.type == "limit" }?.status == "held")
        #expect(standIn.server.requests.last { $0.method == "DELETE" }?.path == "/v2/orders/\(stop.id)")
        let again = await Self.failure { try await client.cancel(orderId: stop.id) }
        guard case .http(422, _, let message)? = again as? AlpacaError else { Issue.record("\(String(describing: again))"); return }
        #expect(message == "order is not cancelable")
        let unknown = await Self.failure { try await client.cancel(orderId: "no-such-order") }
        guard case .http(404, _, _)? = unknown as? AlpacaError else { Issue.record("\(String(describing: unknown))"); return }
    }

    @Test("a repeated submission returns the order already placed instead of a second one")
    func repeatedSubmission() async throws {
        let standIn = try AlpacaStandIn(keyId: Self.keyId, secretKey: Self.secret)
        let client = try Self.client(standIn)
        let first = try await client.submit(Self.buy("AAPL", "sig-1"))
        let second = try await client.submit(Self.buy("AAPL", "sig-1"))
        #expect(second.alreadyPlaced)
        #expect(second.order.id == first.order.id)
        #expect(standIn.orderCount == 1)
        #expect(standIn.server.requestCount(path: "/v2/orders:by_client_order_id") == 1)
    }

    @Test("a connection cut after the order arrived is resolved by looking it up, not by placing it again")
    func cutConnection() async throws {
        let standIn = try AlpacaStandIn(keyId: Self.keyId, secretKey: Self.secret)
        standIn.storeNextOrderThenCut()
        let placed = try await Self.client(standIn).submit(Self.buy("NVDA", "sig-9"))
        #expect(placed.alreadyPlaced)
        #expect(placed.order.clientOrderId == "sig-9")
        #expect(standIn.orderCount == 1)
    }

    @Test("a 429 and a 5xx are retried with backoff; the order is placed once")
    func retries() async throws {
        let standIn = try AlpacaStandIn(keyId: Self.keyId, secretKey: Self.secret)
        standIn.fail("POST", "/v2/orders", with: .tooManyRequests(retryAfter: "3"), .serverError(503))
        let waits = Waits()
        let placed = try await Self.client(standIn, waits: waits).submit(Self.buy("AAPL", "sig-1"))
        #expect(!placed.alreadyPlaced)
        #expect(standIn.orderCount == 1)
        #expect(waits.all == [3, 2])
        standIn.fail("GET", "/v2/account", with: .serverError(500), .serverError(502), .serverError(500))
        let client = try Self.client(standIn)
        #expect(await Self.failure { try await client.account() } is AlpacaError)
    }

    @Test("a refusal is a rejection naming the order; an order rejected later shows in its status")
    func rejection() async throws {
        let standIn = try AlpacaStandIn(keyId: Self.keyId, secretKey: Self.secret)
        standIn.plan("TSLA", .refuse)
        standIn.plan("GME", .rejectLater)
        let client = try Self.client(standIn)
        let error = await Self.failure { try await client.submit(Self.buy("TSLA", "sig-3")) }
        #expect(error as? AlpacaError == .rejected(status: 403, clientOrderId: "sig-3", message: "insufficient buying power"))
        #expect(error?.localizedDescription.contains("Alpaca refused order sig-3 (HTTP 403): insufficient buying power") == true)
        let later = try await client.submit(Self.buy("GME", "sig-4"))
        #expect(later.order.status == "rejected")
        #expect(standIn.orderCount == 1)
    }

    @Test("a market-on-open order is refused before sending between 9:28 and 19:00 New York time, and says when to send")
    func opgWindow() async throws {
        let standIn = try AlpacaStandIn(keyId: Self.keyId, secretKey: Self.secret)
        let client = try Self.client(standIn, at: Self.afternoon)
        let error = await Self.failure { try await client.submit(Self.buy("AAPL", "sig-1")) }
        guard case .missedOpgWindow(let id, let reason)? = error as? AlpacaError else { Issue.record("\(String(describing: error))"); return }
        #expect(id == "sig-1")
        #expect(reason.contains("it is 14:01 ET"))
        #expect(reason.contains("from 9:28 until 19:00 ET"))
        #expect(standIn.server.requestCount == 0)
        // 13:27 UTC on 2026-12-08 is 08:27 in New York (EST): this morning's auction; 14:28 UTC is 09:28, refused.
        #expect(AlpacaOpgWindow.verdict(at: Date(timeIntervalSince1970: 1_796_736_420)) == .thisMorning)
        #expect(!AlpacaOpgWindow.verdict(at: Date(timeIntervalSince1970: 1_796_740_080)).isAccepted)
        #expect(AlpacaOpgWindow.verdict(at: Self.evening) == .nextOpen)
        // In summer (EDT, UTC-4) 23:00 UTC is 19:00 in New York: queued.
        #expect(AlpacaOpgWindow.verdict(at: Date(timeIntervalSince1970: 1_783_033_200)) == .nextOpen)
    }

    @Test("a server that never answers times out with a message free of keys")
    func timeout() async throws {
        let standIn = try AlpacaStandIn(keyId: Self.keyId, secretKey: Self.secret)
        standIn.fail("GET", "/v2/clock", with: .noAnswer)
        let client = try Self.client(standIn, timeout: 0.5)
        let error = await Self.failure { try await client.clock() }
        guard case .network(let text)? = error as? AlpacaError else { Issue.record("\(String(describing: error))"); return }
        #expect(text.contains("No response"))
        #expect(Self.noKeys(text))
    }

    @Test("keys never appear in errors, descriptions or echoed bodies")
    func keysHidden() async throws {
        let standIn = try AlpacaStandIn(keyId: Self.keyId, secretKey: Self.secret)
        let echo = #"{"code":40110000,"message":"bad key \#(Self.keyId) with \#(Self.secret)"}"#
        standIn.fail("GET", "/v2/account", with: .json(echo, status: 401))
        let client = try Self.client(standIn)
        let error = try #require(await Self.failure { try await client.account() })
        #expect(Self.noKeys(error.localizedDescription), "\(error.localizedDescription)")
        #expect(Self.noKeys("\(error)"))
        #expect(Self.noKeys(String(reflecting: error)))
        let wrong = try AlpacaConfiguration(keyId: "PKWRONG00000", secretKey: "nope-nope-nope", baseURL: standIn.baseURL)
        let refused = try #require(await Self.failure { try await AlpacaClient(configuration: wrong, retry: .none).positions() })
        #expect(refused.localizedDescription.contains("HTTP 401"))
        #expect(!refused.localizedDescription.contains("nope-nope-nope"))
        for text in ["\(client.configuration)", String(reflecting: client.configuration), "\(client)"] {
            #expect(Self.noKeys(text), "\(text)")
        }
    }

    @Test("the paper API is the default; live is refused without the explicit setting; other hosts are refused")
    func baseURLRules() throws {
        let keys = [AlpacaConfiguration.keyIdVariable: Self.keyId, AlpacaConfiguration.secretVariable: Self.secret]
        #expect(try AlpacaConfiguration.from(environment: keys).baseURL == AlpacaConfiguration.paperURL)
        let live = keys.merging([AlpacaConfiguration.baseURLVariable: "https://api.alpaca.markets"]) { a, _ in a }
        #expect(throws: AlpacaError.liveRefused) { try AlpacaConfiguration.from(environment: live) }
        let allowed = try AlpacaConfiguration.from(environment: live.merging([AlpacaConfiguration.allowLiveVariable: "1"]) { a, _ in a })
        #expect(!allowed.isPaper)
        let elsewhere = keys.merging([AlpacaConfiguration.baseURLVariable: "https://evil.example.com"]) { a, _ in a }
        #expect(throws: AlpacaError.unsupportedBaseURL("https://evil.example.com")) { try AlpacaConfiguration.from(environment: elsewhere) }
        #expect(throws: AlpacaError.missingKeys) { try AlpacaConfiguration.from(environment: [:]) }
        #expect(AlpacaError.liveRefused.localizedDescription.contains("STRATCHAT_ALPACA_ALLOW_LIVE=1"))
    }
}

@Suite("Alpaca reconciliation")
struct AlpacaReconciliationTests {
    static func order(_ id: String, _ symbol: String, qty: String = "10", filled: String, price: String?, status: String) -> Alpaca.Order {
        Alpaca.Order(id: "x-\(id)", clientOrderId: id, symbol: symbol, qty: qty, filledQty: filled, filledAvgPrice: price,
                     type: "market", side: "buy", timeInForce: "opg", status: status)
    }

    static func local(_ id: String, _ symbol: String, filled: Decimal, price: Decimal?) -> AlpacaReconciliation.LocalOrder {
        .init(clientOrderId: id, symbol: symbol, side: "buy", qty: 10, filledQty: filled, fillPrice: price)
    }

    @Test("agreeing orders and positions give no differences")
    func agree() {
        let found = AlpacaReconciliation.differences(
            local: [Self.local("a", "AAPL", filled: 10, price: Decimal(string: "256.88"))], localPositions: ["AAPL": 10],
            brokerOrders: [Self.order("a", "AAPL", filled: "10", price: "256.885", status: "filled")],
            brokerPositions: [Alpaca.Position(symbol: "AAPL", qty: "10", side: "long", avgEntryPrice: "256.885")])
        #expect(found.isEmpty, "\(found)")
    }

    @Test("price, partial fill, rejection, missing, unknown and position differences are each reported")
    func everyKind() {
        let found = AlpacaReconciliation.differences(
            local: [Self.local("p", "AAPL", filled: 10, price: 250),
                    Self.local("q", "MSFT", filled: 10, price: 25),
                    Self.local("r", "GME", filled: 10, price: 20),
                    Self.local("m", "IBM", filled: 0, price: nil)],
            localPositions: ["AAPL": 10, "MSFT": 10, "GME": 10],
            brokerOrders: [Self.order("p", "AAPL", filled: "10", price: "251.5", status: "filled"),
                           Self.order("q", "MSFT", filled: "4", price: "25", status: "partially_filled"),
                           Self.order("r", "GME", filled: "0", price: nil, status: "rejected"),
                           Self.order("z", "TSLA", filled: "0", price: nil, status: "accepted")],
            brokerPositions: [Alpaca.Position(symbol: "AAPL", qty: "10", side: "long", avgEntryPrice: "251.5"),
                              Alpaca.Position(symbol: "MSFT", qty: "4", side: "long", avgEntryPrice: "25")])
        let lines = found.map(\.description)
        #expect(lines == [
            "p: price: Alpaca filled at 251.5, the simulation at 250: +1.5 a share (+0.60%)",
            "q: quantity: Alpaca filled 4 (a partial fill), the simulation 10 of buy MSFT",
            "r: rejected: Alpaca rejected it after filling 0 of 10; the simulation filled 10",
            "m: missing at broker: buy 10 IBM was not found at Alpaca",
            "z: unknown at broker: buy 10 TSLA, accepted at Alpaca, not placed by the simulation",
            "GME: position: Alpaca holds 0 shares, the simulation 10",
            "MSFT: position: Alpaca holds 4 shares, the simulation 10",
        ])
    }
}
