import Foundation

/// Why a backtest could not run, with what to change.
package enum BacktestError: Error, Hashable, Sendable, LocalizedError {
    case emptyDateRange(start: Day, end: Day)
    case noData(start: Day, end: Day)
    case invalidSetting(name: String, value: Double)
    case noEntryConditions
    case unknownField(String)
    case unsortedDays(ticker: String, day: Day)
    case misalignedColumn(ticker: String, field: String, count: Int, expected: Int)
    case cancelled

    package var errorDescription: String? {
        switch self {
        case .emptyDateRange(let s, let e):
            "The date range \(s) to \(e) is empty; give a start date on or before the end date."
        case .noData(let s, let e):
            "No price data between \(s) and \(e); widen the dates or choose tickers that have bars in that range."
        case .invalidSetting(let name, let value):
            "\(name) cannot be \(value); use a finite, non-negative number (capital must be above zero)."
        case .noEntryConditions:
            "The strategy has no entry conditions, so it would never buy; add at least one entry condition."
        case .unknownField(let name):
            "\"\(name)\" is not a field in the vocabulary; use a listed name such as rsi_14, sma_50 or close."
        case .unsortedDays(let ticker, let day):
            "\(ticker)'s bars are out of order or repeated at \(day); sort the bars by date with one bar per day."
        case .misalignedColumn(let ticker, let field, let count, let expected):
            "\(field) for \(ticker) has \(count) values for \(expected) bars; align the column with the ticker's days."
        case .cancelled:
            "The backtest was cancelled before it finished; run it again to get a result."
        }
    }
}
