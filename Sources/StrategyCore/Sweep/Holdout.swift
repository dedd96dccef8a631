import Foundation

/// The last part of a strategy's data kept out of backtests and sweeps until it is opened on request:
/// the last `percent` of the tested trading days, or every day from a date on.
///
/// `Holdout.parse("30%")` or `Holdout.parse("2016-01-04")` reads what a person wrote;
/// `resolve(tradingDays:)` turns it into the first reserved day of the sorted trading days the strategy's
/// backtest covers. A percentage reserves ⌈n·p/100⌉ days (at least one); a date reserves the days on and
/// after it. Either must leave at least `minimumTestDays` days before it, or it is bigger than the data.
package enum Holdout: Hashable, Sendable {
    case percent(Double)
    case from(Day)

    /// Fewer days than this before the hold-out leave nothing worth testing on.
    package static let minimumTestDays = 20

    /// "30%", "30", "0.3" (a fraction), or a `YYYY-MM-DD` date; nil when it is none of these.
    package static func parse(_ text: String) -> Holdout? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let day = Day(iso: trimmed), trimmed.count == 10 { return .from(day) }
        let number = trimmed.hasSuffix("%") ? String(trimmed.dropLast()).trimmingCharacters(in: .whitespaces) : trimmed
        guard let value = Double(number), value.isFinite, value > 0 else { return nil }
        return .percent(!trimmed.hasSuffix("%") && value < 1 ? value * 100 : value)
    }

    /// "30%" or the date, as stored beside the resolved day.
    package var text: String {
        switch self {
        case .percent(let p): (p == p.rounded() ? String(Int(p)) : String(format: "%.1f", p)) + "%"
        case .from(let day): day.iso
        }
    }

    /// The first reserved day among `tradingDays` (sorted, distinct).
    package func resolve(tradingDays days: [Day]) throws -> Day {
        guard let first = days.first, let last = days.last else { throw SweepError.holdoutTooLarge("of \(text) (there is no data)") }
        switch self {
        case .percent(let p):
            let reserved = max(1, Int((Double(days.count) * p / 100).rounded(.up)))
            guard p < 100, days.count - reserved >= Self.minimumTestDays else {
                throw SweepError.holdoutTooLarge("of \(text) (\(reserved) of \(days.count) trading days)")
            }
            return days[days.count - reserved]
        case .from(let day):
            guard day <= last else {
                throw SweepError.holdoutAfterData(start: day, last: last)
            }
            let index = days.firstIndex { $0 >= day } ?? days.count
            guard day > first, index >= Self.minimumTestDays else {
                throw SweepError.holdoutTooLarge("from \(day.iso) (the data starts on \(first.iso); \(index) trading days would remain)")
            }
            return days[index]
        }
    }
}
