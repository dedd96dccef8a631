import Foundation
import StrategyCore

/// One trade from the person's own records (the original design's `user_portfolio` source).
package struct PortfolioTrade: Codable, Hashable, Sendable {
    package enum Side: String, Codable, Hashable, Sendable, CaseIterable {
        case buy, sell
    }

    /// Assigned by the store; nil before the trade is saved.
    package var tradeId: Int64?
    package var date: Day
    package var ticker: String
    package var side: Side
    package var shares: Double
    package var price: Double
    package var fees: Double
    /// Where the trade came from: an imported file name, or "signal".
    package var source: String

    package init(tradeId: Int64? = nil, date: Day, ticker: String, side: Side, shares: Double, price: Double,
                fees: Double = 0, source: String) {
        self.tradeId = tradeId
        self.date = date
        self.ticker = ticker
        self.side = side
        self.shares = shares
        self.price = price
        self.fees = fees
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case tradeId = "trade_id"
        case date, ticker, side, shares, price, fees, source
    }
}
