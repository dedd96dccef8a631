import Foundation
import StrategyCore

/// One member of the S&P 500 as FMP lists it today (today's list: it carries survivorship bias for past dates).
public struct SP500Constituent: Codable, Hashable, Sendable {
    public var ticker: String
    public var name: String?
    public var sector: String?
    public var dateFirstAdded: Day?

    public init(ticker: String, name: String? = nil, sector: String? = nil, dateFirstAdded: Day? = nil) {
        self.ticker = ticker
        self.name = name
        self.sector = sector
        self.dateFirstAdded = dateFirstAdded
    }
}
