import Foundation

/// When Alpaca takes a market-on-open (`opg`) order. Its Time in Force rules: "OPG orders submitted after 9:28am
/// but before 7:00pm ET will be rejected. OPG orders submitted after 7:00pm will be queued and routed to the
/// following day's opening auction."
package enum AlpacaOpgWindow {
    package enum Verdict: Hashable, Sendable {
        /// Taken for the opening auction of the same morning (submitted before 9:28 ET).
        case thisMorning
        /// Taken and queued for the next trading day's open (submitted at or after 19:00 ET).
        case nextOpen
        /// Refused: from 9:28 until 19:00 ET; `reason` says when to send it instead.
        case rejected(reason: String)

        package var isAccepted: Bool {
            if case .rejected = self { return false }
            return true
        }
    }

    package static let eastern = TimeZone(identifier: "America/New_York")!

    /// The verdict for an order sent at `date`, by New York wall-clock time.
    package static func verdict(at date: Date) -> Verdict {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = eastern
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let minutes = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        let cutoff = 9 * 60 + 28, reopen = 19 * 60
        if minutes < cutoff { return .thisMorning }
        if minutes >= reopen { return .nextOpen }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = eastern
        formatter.dateFormat = "HH:mm"
        return .rejected(reason: "it is \(formatter.string(from: date)) ET, and Alpaca refuses market-on-open orders sent "
            + "from 9:28 until 19:00 ET. Send it after 19:00 ET (it is queued for the next open) or before 9:28 ET.")
    }
}
