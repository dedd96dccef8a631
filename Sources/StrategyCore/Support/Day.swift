import Foundation

/// A calendar day with no time zone, stored as days since 1970-01-01.
///
/// Trading data is daily, so a day is the unit of time everywhere in the engine;
/// differences between days are calendar days, as `max_hold_days` counts them.
package struct Day: Hashable, Comparable, Sendable {
    package let serial: Int32

    package init(serial: Int32) {
        self.serial = serial
    }

    /// Builds a day from a proleptic Gregorian date; returns nil for an impossible date.
    package init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        // Days-from-civil (H. Hinnant), exact for every Gregorian date.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        serial = Int32(era * 146_097 + doe - 719_468)
    }

    /// Parses `YYYY-MM-DD`.
    /// Exactly ten characters, ASCII digits apart from the two dashes: read byte by byte, since stored rows
    /// carry a date each and a long read parses thousands.
    package init?(iso text: some StringProtocol) {
        var fields = (year: 0, month: 0, day: 0)
        var count = 0
        for byte in text.utf8 {
            defer { count += 1 }
            if count == 4 || count == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard count < 10, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            switch count {
            case ..<4: fields.year = fields.year * 10 + digit
            case ..<7: fields.month = fields.month * 10 + digit
            default: fields.day = fields.day * 10 + digit
            }
        }
        guard count == 10 else { return nil }
        self.init(year: fields.year, month: fields.month, day: fields.day)
    }

    package var components: (year: Int, month: Int, day: Int) {
        let z = Int(serial) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (y, m, d)
    }

    package var year: Int { components.year }
    package var month: Int { components.month }

    /// 0 = Sunday … 6 = Saturday.
    package var weekday: Int {
        let w = (Int(serial) + 4) % 7
        return w >= 0 ? w : w + 7
    }

    package var iso: String {
        let (y, m, d) = components
        // Padded by hand: `String(format:)` costs more than the rest of a scan's per-day text.
        guard (0...9999).contains(y) else { return String(format: "%04d-%02d-%02d", y, m, d) }
        func padded(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(y, 4) + "-" + padded(m, 2) + "-" + padded(d, 2)
    }

    package func adding(days: Int) -> Day { Day(serial: serial + Int32(days)) }

    /// `n` consecutive Monday-to-Friday days starting on or after `first`, for synthetic series.
    package static func weekdays(_ n: Int, from first: Day) -> [Day] {
        var days: [Day] = []
        days.reserveCapacity(n)
        var d = first
        while days.count < n {
            if d.weekday != 0 && d.weekday != 6 { days.append(d) }
            d = d.adding(days: 1)
        }
        return days
    }

    /// Calendar days from `self` to `other` (positive when `other` is later).
    package func days(to other: Day) -> Int { Int(other.serial - serial) }

    package static func < (lhs: Day, rhs: Day) -> Bool { lhs.serial < rhs.serial }

    /// The UTC calendar day of an instant.
    package init(date: Date) {
        serial = Int32((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// Midnight UTC of this day.
    package var date: Date { Date(timeIntervalSince1970: Double(serial) * 86_400) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension Day: Codable {
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a date as YYYY-MM-DD, found \"\(text)\"")
        }
        self = day
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

extension Day: CustomStringConvertible {
    package var description: String { iso }
}
