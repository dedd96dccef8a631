import Foundation
import StrategyCore

/// One trade from the person's own records (the original design's `user_portfolio` source).
public struct PortfolioTrade: Codable, Hashable, Sendable {
    public enum Side: String, Codable, Hashable, Sendable, CaseIterable {
        case buy, sell
    }

    /// Assigned by the store; nil before the trade is saved.
    public var tradeId: Int64?
    public var date: Day
    public var ticker: String
    public var side: Side
    public var shares: Double
    public var price: Double
    public var fees: Double
    /// Where the trade came from: an imported file name, or "signal".
    public var source: String

    public init(tradeId: Int64? = nil, date: Day, ticker: String, side: Side, shares: Double, price: Double,
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
