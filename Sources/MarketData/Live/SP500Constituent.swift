import Foundation
import StrategyCore

/// One member of the S&P 500 as FMP lists it today (today's list: it carries survivorship bias for past dates).
package struct SP500Constituent: Codable, Hashable, Sendable {
    package var ticker: String
    package var name: String?
    package var sector: String?
    package var dateFirstAdded: Day?

    package init(ticker: String, name: String? = nil, sector: String? = nil, dateFirstAdded: Day? = nil) {
        self.ticker = ticker
        self.name = name
        self.sector = sector
        self.dateFirstAdded = dateFirstAdded
    }
}
