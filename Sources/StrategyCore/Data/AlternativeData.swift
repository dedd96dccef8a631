import Foundation

/// An open-market insider trade, known from its filing date on (point in time).
package struct InsiderFiling: Codable, Hashable, Sendable {
    package enum Kind: String, Codable, Hashable, Sendable {
        case purchase, sale
    }

    package var ticker: String
    package var tradeDate: Day
    /// The day the filing became public; a query for day t sees only filings with `filingDate <= t`.
    package var filingDate: Day
    package var insiderName: String
    package var title: String
    package var kind: Kind
    package var shares: Double
    package var price: Double

    package init(ticker: String, tradeDate: Day, filingDate: Day, insiderName: String, title: String, kind: Kind, shares: Double, price: Double) {
        self.ticker = ticker
        self.tradeDate = tradeDate
        self.filingDate = filingDate
        self.insiderName = insiderName
        self.title = title
        self.kind = kind
        self.shares = shares
        self.price = price
    }

    package var value: Double { shares * price }

    /// CEO, CFO, COO, President or Chair, as DESIGN.md defines the C-suite.
    package var isCSuite: Bool {
        let t = title.lowercased()
        let words = ["ceo", "cfo", "coo", "chief executive", "chief financial", "chief operating", "president", "chair"]
        return words.contains { t.contains($0) } && !t.contains("vice president")
    }
}

/// Reddit mention count and sentiment for a ticker, as observed on one day.
package struct MentionObservation: Codable, Hashable, Sendable {
    package var ticker: String
    /// The day the observation was made; visible from that day's close on.
    package var day: Day
    package var mentions: Int
    /// Trending rank among all tickers that day (1 = most mentioned), when the source ranks.
    package var rank: Int?
    /// Mean sentiment in [-1, 1], when text was scored.
    package var sentiment: Double?

    package init(ticker: String, day: Day, mentions: Int, rank: Int? = nil, sentiment: Double? = nil) {
        self.ticker = ticker
        self.day = day
        self.mentions = mentions
        self.rank = rank
        self.sentiment = sentiment
    }
}

/// Valuation figures from one report, known from its filing date on.
package struct FundamentalSnapshot: Codable, Hashable, Sendable {
    package var ticker: String
    package var filingDate: Day
    package var peRatio: Double?
    package var pbRatio: Double?
    package var marketCap: Double?
    /// Percent points (3 means 3%).
    package var dividendYield: Double?

    package init(ticker: String, filingDate: Day, peRatio: Double? = nil, pbRatio: Double? = nil, marketCap: Double? = nil, dividendYield: Double? = nil) {
        self.ticker = ticker
        self.filingDate = filingDate
        self.peRatio = peRatio
        self.pbRatio = pbRatio
        self.marketCap = marketCap
        self.dividendYield = dividendYield
    }
}

/// One analyst action, or a consensus reading, on one day.
package struct AnalystGrade: Codable, Hashable, Sendable {
    package enum Action: String, Codable, Hashable, Sendable {
        case upgrade, downgrade, maintain, initiate
    }

    package var ticker: String
    package var day: Day
    package var firm: String
    package var action: Action
    /// Consensus on a 1 (strong sell) to 5 (strong buy) scale after this action, when known.
    package var consensusScore: Double?

    package init(ticker: String, day: Day, firm: String, action: Action, consensusScore: Double? = nil) {
        self.ticker = ticker
        self.day = day
        self.firm = firm
        self.action = action
        self.consensusScore = consensusScore
    }
}

/// Values of one field aligned with a series' days; `NaN` means "no value" (a condition on it is false).
package typealias FieldColumn = [Double]

/// Per-ticker columns of non-price fields, keyed by canonical field name.
package typealias ExternalColumns = [String: [String: FieldColumn]]
