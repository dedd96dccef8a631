import Foundation

/// An open-market insider trade, known from its filing date on (point in time).
public struct InsiderFiling: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        case purchase, sale
    }

    public var ticker: String
    public var tradeDate: Day
    /// The day the filing became public; a query for day t sees only filings with `filingDate <= t`.
    public var filingDate: Day
    public var insiderName: String
    public var title: String
    public var kind: Kind
    public var shares: Double
    public var price: Double

    public init(ticker: String, tradeDate: Day, filingDate: Day, insiderName: String, title: String, kind: Kind, shares: Double, price: Double) {
        self.ticker = ticker
        self.tradeDate = tradeDate
        self.filingDate = filingDate
        self.insiderName = insiderName
        self.title = title
        self.kind = kind
        self.shares = shares
        self.price = price
    }

    public var value: Double { shares * price }

    /// CEO, CFO, COO, President or Chair, as DESIGN.md defines the C-suite.
    public var isCSuite: Bool {
        let t = title.lowercased()
        let words = ["ceo", "cfo", "coo", "chief executive", "chief financial", "chief operating", "president", "chair"]
        return words.contains { t.contains($0) } && !t.contains("vice president")
    }
}

/// Reddit mention count and sentiment for a ticker, as observed on one day.
public struct MentionObservation: Codable, Hashable, Sendable {
    public var ticker: String
    /// The day the observation was made; visible from that day's close on.
    public var day: Day
    public var mentions: Int
    /// Trending rank among all tickers that day (1 = most mentioned), when the source ranks.
    public var rank: Int?
    /// Mean sentiment in [-1, 1], when text was scored.
    public var sentiment: Double?

    public init(ticker: String, day: Day, mentions: Int, rank: Int? = nil, sentiment: Double? = nil) {
        self.ticker = ticker
        self.day = day
        self.mentions = mentions
        self.rank = rank
        self.sentiment = sentiment
    }
}

/// Valuation figures from one report, known from its filing date on.
public struct FundamentalSnapshot: Codable, Hashable, Sendable {
    public var ticker: String
    public var filingDate: Day
    public var peRatio: Double?
    public var pbRatio: Double?
    public var marketCap: Double?
    /// Percent points (3 means 3%).
    public var dividendYield: Double?

    public init(ticker: String, filingDate: Day, peRatio: Double? = nil, pbRatio: Double? = nil, marketCap: Double? = nil, dividendYield: Double? = nil) {
        self.ticker = ticker
        self.filingDate = filingDate
        self.peRatio = peRatio
        self.pbRatio = pbRatio
        self.marketCap = marketCap
        self.dividendYield = dividendYield
    }
}

/// One analyst action, or a consensus reading, on one day.
public struct AnalystGrade: Codable, Hashable, Sendable {
    public enum Action: String, Codable, Hashable, Sendable {
        case upgrade, downgrade, maintain, initiate
    }

    public var ticker: String
    public var day: Day
    public var firm: String
    public var action: Action
    /// Consensus on a 1 (strong sell) to 5 (strong buy) scale after this action, when known.
    public var consensusScore: Double?

    public init(ticker: String, day: Day, firm: String, action: Action, consensusScore: Double? = nil) {
        self.ticker = ticker
        self.day = day
        self.firm = firm
        self.action = action
        self.consensusScore = consensusScore
    }
}

/// Values of one field aligned with a series' days; `NaN` means "no value" (a condition on it is false).
public typealias FieldColumn = [Double]

/// Per-ticker columns of non-price fields, keyed by canonical field name.
public typealias ExternalColumns = [String: [String: FieldColumn]]
