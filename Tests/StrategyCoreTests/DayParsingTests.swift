import Foundation
import StrategyCore
import Testing

@Suite("Days are read from YYYY-MM-DD exactly")
struct DayParsingTests {
    @Test("every day from 1900 to 2100 reads back as Foundation's UTC calendar counts it")
    func agreesWithFoundation() throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        let first = try #require(formatter.date(from: "1900-01-01"))
        for offset in stride(from: 0, through: 73_048, by: 1) {
            let date = first.addingTimeInterval(Double(offset) * 86_400)
            let text = formatter.string(from: date)
            let day = try #require(Day(iso: text), "\(text)")
            #expect(Int(day.serial) == Int((date.timeIntervalSince1970 / 86_400).rounded()), "\(text)")
            #expect(day.iso == text)
        }
    }

    @Test("anything but four, two and two ASCII digits between dashes, or an impossible date, is refused",
          arguments: ["2024-1-05", "2024-01-5", "20240105", "2024-01-05x", "2024-01-05 ", " 2024-01-05", "+024-01-05",
                      "2024-+1-05", "2024/01/05", "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-01-00",
                      "２０２４-01-05", "2024-01-0٥", "", "-", "2024--01-05"])
    func refused(text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test("a substring parses as its text does")
    func substring() {
        let line = "AAPL,2024-02-29,187.5"
        let parts = line.split(separator: ",")
        #expect(Day(iso: parts[1])?.iso == "2024-02-29")
        #expect(Day(iso: parts[0]) == nil)
    }
}
