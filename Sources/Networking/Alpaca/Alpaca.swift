import Foundation

/// Alpaca's Trading API wire format (paper and live share it), as its OpenAPI document names the fields.
///
/// Money and quantities stay the decimal strings Alpaca sends (`"1.5"`, `"256.88"`), so nothing is lost to
/// binary floating point; `decimal(_:)` reads one when a figure is needed.
package enum Alpaca {
    /// `GET /v2/account`.
    package struct Account: Codable, Hashable, Sendable {
        package var id: String
        package var accountNumber: String?
        package var status: String
        package var currency: String?
        package var cash: String
        package var equity: String
        package var lastEquity: String?
        package var portfolioValue: String?
        package var buyingPower: String
        package var patternDayTrader: Bool?
        package var tradingBlocked: Bool?
        package var accountBlocked: Bool?

        enum CodingKeys: String, CodingKey {
            case id, status, currency, cash, equity
            case accountNumber = "account_number"
            case lastEquity = "last_equity"
            case portfolioValue = "portfolio_value"
            case buyingPower = "buying_power"
            case patternDayTrader = "pattern_day_trader"
            case tradingBlocked = "trading_blocked"
            case accountBlocked = "account_blocked"
        }
    }

    /// An order as `GET /v2/orders` and `POST /v2/orders` return it; a bracket's take-profit and stop-loss
    /// come back in `legs`.
    package struct Order: Codable, Hashable, Sendable {
        package var id: String
        package var clientOrderId: String
        package var createdAt: String?
        package var submittedAt: String?
        package var filledAt: String?
        package var canceledAt: String?
        package var expiredAt: String?
        package var failedAt: String?
        package var symbol: String
        package var qty: String?
        package var filledQty: String
        package var filledAvgPrice: String?
        package var orderClass: String?
        package var type: String
        package var side: String
        package var timeInForce: String
        package var limitPrice: String?
        package var stopPrice: String?
        package var status: String
        package var legs: [Order]?

        enum CodingKeys: String, CodingKey {
            case id, symbol, qty, type, side, status, legs
            case clientOrderId = "client_order_id"
            case createdAt = "created_at"
            case submittedAt = "submitted_at"
            case filledAt = "filled_at"
            case canceledAt = "canceled_at"
            case expiredAt = "expired_at"
            case failedAt = "failed_at"
            case filledQty = "filled_qty"
            case filledAvgPrice = "filled_avg_price"
            case orderClass = "order_class"
            case timeInForce = "time_in_force"
            case limitPrice = "limit_price"
            case stopPrice = "stop_price"
        }

        package init(id: String, clientOrderId: String, symbol: String, qty: String?, filledQty: String, filledAvgPrice: String?,
                     orderClass: String? = nil, type: String, side: String, timeInForce: String, limitPrice: String? = nil,
                     stopPrice: String? = nil, status: String, legs: [Order]? = nil) {
            self.id = id
            self.clientOrderId = clientOrderId
            self.symbol = symbol
            self.qty = qty
            self.filledQty = filledQty
            self.filledAvgPrice = filledAvgPrice
            self.orderClass = orderClass
            self.type = type
            self.side = side
            self.timeInForce = timeInForce
            self.limitPrice = limitPrice
            self.stopPrice = stopPrice
            self.status = status
            self.legs = legs
        }

        /// Statuses after which nothing more will fill.
        package static let finalStatuses: Set<String> = ["filled", "canceled", "expired", "rejected", "replaced", "done_for_day"]
    }

    /// `GET /v2/positions`: one open position.
    package struct Position: Codable, Hashable, Sendable {
        package var assetId: String?
        package var symbol: String
        package var qty: String
        package var side: String
        package var avgEntryPrice: String
        package var marketValue: String?
        package var costBasis: String?
        package var unrealizedPl: String?
        package var currentPrice: String?

        package init(symbol: String, qty: String, side: String, avgEntryPrice: String) {
            self.symbol = symbol
            self.qty = qty
            self.side = side
            self.avgEntryPrice = avgEntryPrice
        }

        enum CodingKeys: String, CodingKey {
            case symbol, qty, side
            case assetId = "asset_id"
            case avgEntryPrice = "avg_entry_price"
            case marketValue = "market_value"
            case costBasis = "cost_basis"
            case unrealizedPl = "unrealized_pl"
            case currentPrice = "current_price"
        }
    }

    /// `GET /v2/clock`: timestamps in RFC 3339 with the exchange's offset.
    package struct Clock: Codable, Hashable, Sendable {
        package var timestamp: String
        package var isOpen: Bool
        package var nextOpen: String
        package var nextClose: String

        enum CodingKeys: String, CodingKey {
            case timestamp
            case isOpen = "is_open"
            case nextOpen = "next_open"
            case nextClose = "next_close"
        }
    }

    /// The body of `POST /v2/orders`.
    package struct OrderRequest: Codable, Hashable, Sendable {
        package struct TakeProfit: Codable, Hashable, Sendable {
            package var limitPrice: String
            enum CodingKeys: String, CodingKey { case limitPrice = "limit_price" }
        }

        package struct StopLoss: Codable, Hashable, Sendable {
            package var stopPrice: String
            enum CodingKeys: String, CodingKey { case stopPrice = "stop_price" }
        }

        package var symbol: String
        package var qty: String
        package var side: String
        package var type: String
        package var timeInForce: String
        package var orderClass: String?
        package var takeProfit: TakeProfit?
        package var stopLoss: StopLoss?
        package var clientOrderId: String

        enum CodingKeys: String, CodingKey {
            case symbol, qty, side, type
            case timeInForce = "time_in_force"
            case orderClass = "order_class"
            case takeProfit = "take_profit"
            case stopLoss = "stop_loss"
            case clientOrderId = "client_order_id"
        }

        /// The order for the next open. `clientOrderId` comes from the signal, so a repeat is recognised.
        /// - Without a stop or a target: a market-on-open order (`time_in_force=opg`), filled in the opening auction.
        /// - With both: a market `bracket` with a take-profit and a stop-loss leg. Alpaca takes a bracket only as
        ///   `day` or `gtc`, never `opg`, so it goes as `day`, sent while the market is closed: it queues and fills at
        ///   the open (`AlpacaClient.submit` refuses to send a `day` order once the market is open).
        /// - With only one of them: `oto` (one-triggers-other) with that leg, `day` as well.
        package static func forNextOpen(symbol: String, qty: Decimal, side: String, clientOrderId: String,
                                        takeProfit: Decimal? = nil, stopLoss: Decimal? = nil) -> OrderRequest {
            let orderClass: String? = switch (takeProfit, stopLoss) {
            case (nil, nil): nil
            case (.some, .some): "bracket"
            default: "oto"
            }
            return OrderRequest(symbol: symbol, qty: text(qty), side: side, type: "market", timeInForce: orderClass == nil ? "opg" : "day",
                                orderClass: orderClass,
                                takeProfit: takeProfit.map { TakeProfit(limitPrice: price($0)) },
                                stopLoss: stopLoss.map { StopLoss(stopPrice: price($0)) }, clientOrderId: clientOrderId)
        }
    }

    /// The error body Alpaca sends with a 4xx: `{"code": 40010001, "message": "…"}`.
    package struct ErrorBody: Codable, Hashable, Sendable {
        package var code: Int?
        package var message: String?
    }

    /// A decimal string as Alpaca sends it; nil when absent or not a number.
    package static func decimal(_ text: String?) -> Decimal? {
        guard let text, !text.isEmpty else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// A decimal as Alpaca reads one: plain digits and a point.
    package static func text(_ value: Decimal) -> String {
        NSDecimalNumber(decimal: value).description(withLocale: Locale(identifier: "en_US_POSIX"))
    }

    /// A price rounded to cents (Alpaca refuses sub-penny prices at or above $1) or to 1/100 cent below $1.
    package static func price(_ value: Decimal) -> String {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, value >= 1 ? 2 : 4, .plain)
        return text(rounded)
    }
}
