import Foundation

/// A local stand-in for the Alpaca Trading API endpoints stratchat uses (`/v2/account`, `/v2/orders`,
/// `DELETE /v2/orders/{order_id}`, `/v2/orders:by_client_order_id`, `/v2/positions`, `/v2/clock`), on 127.0.0.1.
///
/// Its JSON is written here field by field from the shapes in Alpaca's OpenAPI document (decimal strings, snake
/// case), not with the client's own types, so a misnamed field on either side shows as a failure. It keeps orders
/// by `client_order_id` and refuses a repeat with Alpaca's 422 "client_order_id must be unique"; faults (a 429,
/// a 5xx, silence, a cut connection) are queued per request and used once each. It refuses, with a 422, the order
/// classes Alpaca refuses: a bracket or `oto` that is not `day` or `gtc`, a bracket without both legs, an `oto`
/// with both or neither; and, with a 403, a sale of shares still held by an open leg (`pending_cancel` included).
package final class AlpacaStandIn: @unchecked Sendable {
    /// How an order submitted for a symbol fares.
    package enum Plan: Sendable {
        /// Accepted, waiting for the open.
        case accept
        /// Filled at the open: this many shares (a partial fill when fewer than ordered) at this price.
        case fill(qty: String, price: String, status: String)
        /// Refused at submission with 403 insufficient buying power.
        case refuse
        /// Accepted, then rejected by the exchange (status `rejected`, nothing filled).
        case rejectLater
    }

    package let keyId: String
    package let secretKey: String
    private let lock = NSLock()
    private var orders: [[String: Any]] = []
    private var faults: [String: [LoopbackReply]] = [:]
    private var plans: [String: Plan] = [:]
    private var storeThenCut = false
    private var clockOpen = false
    private var slowCancels = false
    package var positions: [[String: Any]] {
        get { lock.withLock { heldPositions } }
        set { lock.withLock { heldPositions = newValue } }
    }
    private var heldPositions: [[String: Any]] = []
    private(set) package var server: LoopbackHTTPServer!

    package init(keyId: String, secretKey: String) throws {
        self.keyId = keyId
        self.secretKey = secretKey
        server = try LoopbackHTTPServer(routes: [:]) { [weak self] request in self?.answer(request) }
    }

    package var baseURL: URL { server.baseURL }

    /// Orders stored so far (a repeated submission must not add one).
    package var orderCount: Int { lock.withLock { orders.count } }

    /// Makes the next request for `method path` get `reply` instead of its answer, once per queued reply.
    package func fail(_ method: String, _ path: String, with replies: LoopbackReply...) {
        lock.withLock { faults["\(method) \(path)", default: []] += replies }
    }

    package func plan(_ symbol: String, _ plan: Plan) {
        lock.withLock { plans[symbol] = plan }
    }

    /// Whether `GET /v2/clock` says the market is open (closed until set).
    package var marketOpen: Bool {
        get { lock.withLock { clockOpen } }
        set { lock.withLock { clockOpen = newValue } }
    }

    /// Whether a cancel leaves an order `pending_cancel` (answered 204, as Alpaca does while the cancel is under way)
    /// until `completeCancels()`, rather than `canceled` at once.
    package var cancelsPend: Bool {
        get { lock.withLock { slowCancels } }
        set { lock.withLock { slowCancels = newValue } }
    }

    /// Every order and leg `pending_cancel` becomes `canceled`.
    package func completeCancels() {
        lock.withLock {
            for index in orders.indices {
                if orders[index]["status"] as? String == "pending_cancel" { orders[index]["status"] = "canceled" }
                guard var legs = orders[index]["legs"] as? [[String: Any]] else { continue }
                for at in legs.indices where legs[at]["status"] as? String == "pending_cancel" { legs[at]["status"] = "canceled" }
                orders[index]["legs"] = legs
            }
        }
    }

    /// Every order stored, as JSON objects, legs nested (what `GET /v2/orders?nested=true` would list).
    package var storedOrders: [[String: Any]] { lock.withLock { orders } }

    /// The leg of `symbol`'s order with this `type` (`limit` take-profit, `stop` stop-loss) fills: a stop or target
    /// that fired at Alpaca.
    package func fillLeg(_ symbol: String, type: String, qty: String, price: String) {
        lock.withLock {
            for (index, order) in orders.enumerated() where order["symbol"] as? String == symbol {
                guard var legs = order["legs"] as? [[String: Any]], let at = legs.firstIndex(where: { $0["type"] as? String == type }) else { continue }
                legs[at]["status"] = "filled"
                legs[at]["filled_qty"] = qty
                legs[at]["filled_avg_price"] = price
                orders[index]["legs"] = legs
            }
        }
    }

    /// The next submission is stored, then the connection is cut before the answer is whole.
    package func storeNextOrderThenCut() {
        lock.withLock { storeThenCut = true }
    }

    private func answer(_ request: LoopbackRequest) -> LoopbackReply? {
        let key = "\(request.method) \(request.path)"
        let fault: LoopbackReply? = lock.withLock {
            guard var queue = faults[key], !queue.isEmpty else { return nil }
            let first = queue.removeFirst()
            faults[key] = queue
            return first
        }
        if let fault { return fault }
        guard request.header("APCA-API-KEY-ID") == keyId, request.header("APCA-API-SECRET-KEY") == secretKey else {
            return Self.error(401, code: 40110000, "request is not authorized")
        }
        switch (request.method, request.path) {
        case ("GET", "/v2/account"):
            return Self.json([
                "id": "904837e3-3b76-47ec-b432-046db621571b", "account_number": "PA2Y4W4XNQ9E", "status": "ACTIVE",
                "currency": "USD", "cash": "100000", "equity": "100000", "last_equity": "100000",
                "portfolio_value": "100000", "buying_power": "200000", "pattern_day_trader": false,
                "trading_blocked": false, "account_blocked": false, "created_at": "2026-01-05T14:02:11.123456Z",
            ])
        case ("GET", "/v2/clock"):
            return Self.json(["timestamp": "2026-12-07T20:00:00.000000-05:00", "is_open": marketOpen,
                              "next_open": "2026-12-08T09:30:00-05:00", "next_close": "2026-12-08T16:00:00-05:00"])
        case ("GET", "/v2/positions"):
            return Self.json(positions)
        case ("GET", "/v2/orders"):
            return Self.json(lock.withLock { orders })
        case ("GET", "/v2/orders:by_client_order_id"):
            let id = request.queryValue("client_order_id") ?? ""
            guard let order = lock.withLock({ orders.first { $0["client_order_id"] as? String == id } }) else {
                return Self.error(404, code: 40410000, "order not found for \(id)")
            }
            return Self.json(order)
        case ("POST", "/v2/orders"):
            return submit(request.body)
        case ("DELETE", let path) where path.hasPrefix("/v2/orders/"):
            return cancel(String(path.dropFirst("/v2/orders/".count)))
        default:
            return Self.error(404, code: 40410000, "endpoint not found")
        }
    }

    private func submit(_ body: Data) -> LoopbackReply {
        guard let fields = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
              let symbol = fields["symbol"] as? String, let qty = fields["qty"] as? String, let side = fields["side"] as? String,
              let type = fields["type"] as? String, let tif = fields["time_in_force"] as? String else {
            return Self.error(422, code: 40010000, "invalid order: symbol, qty, side, type and time_in_force are required")
        }
        let clientId = fields["client_order_id"] as? String ?? UUID().uuidString
        if let refusal = Self.refusal(orderClass: fields["order_class"] as? String, timeInForce: tif,
                                      takeProfit: fields["take_profit"] != nil, stopLoss: fields["stop_loss"] != nil) {
            return refusal
        }
        return lock.withLock { () -> LoopbackReply in
            if orders.contains(where: { $0["client_order_id"] as? String == clientId }) {
                return Self.error(422, code: 40010001, "client_order_id must be unique")
            }
            let plan = plans[symbol] ?? .accept
            if case .refuse = plan { return Self.error(403, code: 40310000, "insufficient buying power") }
            // Shares held for open orders (a bracket's legs, even while `pending_cancel`) cannot be sold again.
            let held = orders.filter { $0["symbol"] as? String == symbol }
                .flatMap { $0["legs"] as? [[String: Any]] ?? [] }
                .filter { $0["side"] as? String == side && !Self.closed($0) }
            if !held.isEmpty {
                return Self.error(403, code: 40310000, "insufficient qty available for order (requested: \(qty), available: 0)")
            }
            var order: [String: Any] = [
                "id": UUID().uuidString.lowercased(), "client_order_id": clientId, "symbol": symbol, "asset_class": "us_equity",
                "qty": qty, "filled_qty": "0", "filled_avg_price": NSNull(), "type": type, "side": side,
                "time_in_force": tif, "order_class": fields["order_class"] as? String ?? "simple", "status": "accepted",
                "limit_price": NSNull(), "stop_price": NSNull(), "extended_hours": false,
                "created_at": "2026-12-07T20:01:00.000000Z", "submitted_at": "2026-12-07T20:01:00.000000Z",
                "filled_at": NSNull(), "canceled_at": NSNull(), "expired_at": NSNull(), "failed_at": NSNull(),
            ]
            switch plan {
            case .fill(let filled, let price, let status):
                order["filled_qty"] = filled
                order["filled_avg_price"] = price
                order["status"] = status
            case .rejectLater:
                order["status"] = "rejected"
                order["failed_at"] = "2026-12-08T14:30:00.000000Z"
            case .accept, .refuse:
                break
            }
            var legs: [[String: Any]] = []
            let exitSide = side == "buy" ? "sell" : "buy"
            if let take = fields["take_profit"] as? [String: Any], let limit = take["limit_price"] as? String {
                legs.append(["id": UUID().uuidString.lowercased(), "client_order_id": UUID().uuidString.lowercased(),
                             "symbol": symbol, "qty": qty, "filled_qty": "0", "type": "limit", "side": exitSide,
                             "time_in_force": "gtc", "limit_price": limit, "status": "held", "order_class": fields["order_class"] ?? "bracket"])
            }
            if let stop = fields["stop_loss"] as? [String: Any], let price = stop["stop_price"] as? String {
                legs.append(["id": UUID().uuidString.lowercased(), "client_order_id": UUID().uuidString.lowercased(),
                             "symbol": symbol, "qty": qty, "filled_qty": "0", "type": "stop", "side": exitSide,
                             "time_in_force": "gtc", "stop_price": price, "status": "held", "order_class": fields["order_class"] ?? "bracket"])
            }
            order["legs"] = legs.isEmpty ? NSNull() : legs
            orders.append(order)
            if storeThenCut {
                storeThenCut = false
                let data = Self.data(order)
                return .truncated(status: 200, headers: ["Content-Type": "application/json"], body: data.prefix(20),
                                  announcedLength: data.count)
            }
            return Self.json(order)
        }
    }

    /// Alpaca's rules for an order with legs ("Orders at Alpaca", Bracket Orders): a bracket or `oto` must be `day`
    /// or `gtc`; a bracket needs both `take_profit.limit_price` and `stop_loss.stop_price`; an `oto` has one of them.
    static func refusal(orderClass: String?, timeInForce: String, takeProfit: Bool, stopLoss: Bool) -> LoopbackReply? {
        switch orderClass {
        case "bracket", "oto":
            guard ["day", "gtc"].contains(timeInForce) else {
                return error(422, code: 42210000, "invalid time_in_force for \(orderClass!) orders: must be day or gtc")
            }
            if orderClass == "bracket", !(takeProfit && stopLoss) {
                return error(422, code: 42210000, "bracket orders require both take_profit.limit_price and stop_loss.stop_price")
            }
            if orderClass == "oto", takeProfit == stopLoss {
                return error(422, code: 42210000, "oto orders require exactly one of take_profit or stop_loss")
            }
            return nil
        case nil, "simple":
            guard !takeProfit && !stopLoss else {
                return error(422, code: 42210000, "take_profit and stop_loss are only for bracket, oto and oco orders")
            }
            return nil
        default:
            return error(422, code: 42210000, "order_class \(orderClass!) is not supported here")
        }
    }

    /// `DELETE /v2/orders/{order_id}` for an order or a leg: 204 and `canceled` (or `pending_cancel`, see
    /// `cancelsPend`) while it is open, 422 once it is filled or cancelled, 404 for an id Alpaca does not know.
    private func cancel(_ id: String) -> LoopbackReply {
        lock.withLock { () -> LoopbackReply in
            for (index, order) in orders.enumerated() {
                if order["id"] as? String == id {
                    guard !Self.closed(order) else { return Self.error(422, code: 42210000, "order is not cancelable") }
                    orders[index]["status"] = slowCancels ? "pending_cancel" : "canceled"
                    orders[index]["canceled_at"] = "2026-12-08T00:30:00.000000Z"
                    return .response(status: 204, headers: [:], body: Data())
                }
                guard var legs = order["legs"] as? [[String: Any]], let at = legs.firstIndex(where: { $0["id"] as? String == id }) else { continue }
                guard !Self.closed(legs[at]) else { return Self.error(422, code: 42210000, "order is not cancelable") }
                legs[at]["status"] = slowCancels ? "pending_cancel" : "canceled"
                legs[at]["canceled_at"] = "2026-12-08T00:30:00.000000Z"
                orders[index]["legs"] = legs
                return .response(status: 204, headers: [:], body: Data())
            }
            return Self.error(404, code: 40410000, "order not found")
        }
    }

    static func closed(_ order: [String: Any]) -> Bool {
        ["filled", "canceled", "expired", "rejected", "replaced"].contains(order["status"] as? String ?? "")
    }

    static func data(_ value: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data()
    }

    static func json(_ value: Any) -> LoopbackReply { .json(data: data(value)) }

    static func error(_ status: Int, code: Int, _ message: String) -> LoopbackReply {
        .json(data: data(["code": code, "message": message]), status: status)
    }
}
