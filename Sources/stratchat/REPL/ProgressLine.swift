import Foundation

/// The text of one progress line: what is running, a bar, the percent done and the time left.
///
/// Pure, so the layout is tested without a terminal; `ProgressPrinter` decides when to draw it.
struct ProgressLine: Hashable, Sendable {
    var label: String
    var done: Int
    var total: Int
    /// Seconds since the work began.
    var elapsed: Double

    static let barWidth = 20

    /// The share done, from 0 to 1 (0 when the total is unknown).
    var fraction: Double {
        guard total > 0 else { return 0 }
        return min(1, max(0, Double(done) / Double(total)))
    }

    /// Seconds left at the pace so far, or nil before there is a pace to go by.
    var secondsLeft: Double? {
        guard done > 0, total > 0, elapsed > 0 else { return nil }
        return elapsed / fraction * (1 - fraction)
    }

    /// "Backtesting RSI dip on sample [########░░░░░░░░░░░░]  42%  ETA 0:12", cut to `width` columns by
    /// shortening the label (the numbers are what the person waits for).
    func rendered(width: Int = 80, ascii: Bool = false) -> String {
        let filled = Int((fraction * Double(Self.barWidth)).rounded(.down))
        let bar = String(repeating: ascii ? "#" : "█", count: filled)
            + String(repeating: ascii ? "." : "░", count: Self.barWidth - filled)
        let percent = String(Int((fraction * 100).rounded(.down)))
        let eta = secondsLeft.map { "ETA " + Self.duration($0) } ?? "ETA …"
        let tail = " [\(bar)] " + String(repeating: " ", count: 3 - percent.count) + percent + "%  " + eta
        let room = max(0, width - 1 - tail.count)
        var name = label
        if name.count > room {
            name = room > 1 ? String(name.prefix(room - 1)) + "…" : ""
        }
        return name + tail
    }

    /// "0:07", "12:30", "1:02:03": minutes and seconds, with hours only when there are some.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let (hours, minutes, secs) = (total / 3600, (total % 3600) / 60, total % 60)
        return hours > 0
            ? String(format: "%d:%02d:%02d", hours, minutes, secs)
            : String(format: "%d:%02d", minutes, secs)
    }
}
