import Foundation
import StrategyCore

/// Financial Modeling Prep's `stable` API wire shapes, kept here and mapped to domain types at the edge.
///
/// Shapes come from FMP's documentation, https://site.financialmodelingprep.com/developer/docs/stable,
/// as its sample responses are reproduced in the open-source `lllm` FMP proxy
/// (github.com/Productive-Superintelligence/lllm, `lllm/proxies/builtin/fmp_proxy.py`: dividend-adjusted
/// EOD, key-metrics, ratios, statements with `filingDate`) and in OpenBB's FMP provider
/// (github.com/OpenBB-finance/OpenBB, `openbb_fmp/models/insider_trading.py` for the insider search fields,
/// `index_constituents.py` for the constituent fields). Fields we do not use are not declared.
enum FMPWire {
    /// `GET /stable/historical-price-eod/dividend-adjusted?symbol=&from=&to=`, newest first.
    struct AdjustedBar: Decodable {
        var symbol: String?
        var date: String
        var adjOpen: Double
        var adjHigh: Double
        var adjLow: Double
        var adjClose: Double
        var volume: Double?
    }

    /// `GET /stable/historical-price-eod/full?symbol=^GSPC&from=&to=`, newest first: index levels (an index pays
    /// no dividends, and FMP serves indexes here rather than on the dividend-adjusted endpoint). Documented as
    /// "Historical Index Full Chart API": `symbol, date, open, high, low, close, volume, change, changePercent, vwap`.
    struct IndexBar: Decodable {
        var symbol: String?
        var date: String
        var open: Double
        var high: Double
        var low: Double
        var close: Double
        var volume: Double?
    }

    /// `GET /stable/insider-trading/search?symbol=&page=&limit=`.
    struct InsiderTrade: Decodable {
        var symbol: String?
        /// "2025-02-04" or "2025-02-04 18:01:23"; the day the Form 4 became public.
        var filingDate: String
        var transactionDate: String?
        var reportingName: String?
        /// e.g. "director", "officer: Chief Executive Officer", "10 percent owner".
        var typeOfOwner: String?
        /// e.g. "P-Purchase", "S-Sale", "A-Award", "M-Exempt", "G-Gift".
        var transactionType: String?
        var securitiesTransacted: Double?
        var price: Double?
        var formType: String?
    }

    /// `GET /stable/key-metrics?symbol=&period=`.
    struct KeyMetrics: Decodable {
        var date: String
        var marketCap: Double?
    }

    /// `GET /stable/ratios?symbol=&period=`.
    struct Ratios: Decodable {
        var date: String
        var priceToEarningsRatio: Double?
        var priceToBookRatio: Double?
        /// A fraction (0.0044 = 0.44%).
        var dividendYield: Double?
        /// The same in percent points, when given.
        var dividendYieldPercentage: Double?
    }

    /// `GET /stable/income-statement?symbol=&period=`; only the dates, to know when a period was filed.
    struct StatementDates: Decodable {
        var date: String
        var filingDate: String?
        var acceptedDate: String?
    }

    /// `GET /stable/grades?symbol=`: one analyst action per row.
    struct Grade: Decodable {
        var date: String
        var gradingCompany: String?
        var previousGrade: String?
        var newGrade: String?
        /// "upgrade", "downgrade", "maintain", "init"/"initialise", "reiterated"…
        var action: String?
    }

    /// `GET /stable/grades-consensus?symbol=`: today's counts and label.
    struct GradesConsensus: Decodable {
        var symbol: String?
        var strongBuy: Double?
        var buy: Double?
        var hold: Double?
        var sell: Double?
        var strongSell: Double?
        var consensus: String?
    }

    /// `GET /stable/sp500-constituent`.
    struct Constituent: Decodable {
        var symbol: String
        var name: String?
        var sector: String?
        var subSector: String?
        var dateFirstAdded: String?
    }

    /// The first ten characters of an FMP date or timestamp as a day.
    static func day(_ text: String?) -> Day? {
        guard let text, text.count >= 10 else { return nil }
        return Day(iso: text.prefix(10))
    }
}
