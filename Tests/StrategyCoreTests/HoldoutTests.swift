import Foundation
import Testing
@testable import StrategyCore

@Suite("A hold-out reserves the last part of the data")
struct HoldoutTests {
    /// 100 weekdays from Monday 2020-01-06.
    static let days = Day.weekdays(100, from: Day(iso: "2020-01-06")!)

    @Test("what a person writes reads as a share or a first day", arguments: [
        ("30%", Holdout.percent(30)), ("30 %", .percent(30)), ("25", .percent(25)), ("0.3", .percent(30)),
        ("2016-01-04", .from(Day(iso: "2016-01-04")!)),
    ])
    func parses(_ text: String, _ expected: Holdout) {
        #expect(Holdout.parse(text) == expected)
    }

    @Test("nonsense, zero and negative shares are not hold-outs")
    func refuses() {
        for text in ["", "abc", "0%", "-5%", "2016-13-01", "30%%"] { #expect(Holdout.parse(text) == nil, "\(text)") }
    }

    @Test("30% of 100 days reserves the last 30; 33% reserves 33 (rounded up)")
    func share() throws {
        #expect(try Holdout.percent(30).resolve(tradingDays: Self.days) == Self.days[70])
        #expect(try Holdout.percent(33).resolve(tradingDays: Self.days) == Self.days[67])
        #expect(try Holdout.percent(0.5).resolve(tradingDays: Self.days) == Self.days[99], "at least one day")
    }

    @Test("a date on a weekend starts the hold-out on the next trading day")
    func date() throws {
        let saturday = Self.days[49].adding(days: 1)
        #expect(saturday.weekday == 6)
        #expect(try Holdout.from(saturday).resolve(tradingDays: Self.days) == Self.days[50])
    }

    @Test("a hold-out bigger than the data says to reserve less or choose another date")
    func tooLarge() {
        #expect(throws: SweepError.holdoutTooLarge("of 100% (100 of 100 trading days)")) { try Holdout.percent(100).resolve(tradingDays: Self.days) }
        #expect(throws: SweepError.holdoutTooLarge("of 85% (85 of 100 trading days)")) { try Holdout.percent(85).resolve(tradingDays: Self.days) }
        #expect(throws: SweepError.holdoutTooLarge("from 2019-01-02 (the data starts on 2020-01-06; 0 trading days would remain)")) {
            try Holdout.from(Day(iso: "2019-01-02")!).resolve(tradingDays: Self.days)
        }
        #expect(throws: SweepError.holdoutAfterData(start: Day(iso: "2021-01-04")!, last: Self.days[99])) {
            try Holdout.from(Day(iso: "2021-01-04")!).resolve(tradingDays: Self.days)
        }
        let message = SweepError.holdoutTooLarge("of 100% (100 of 100 trading days)").errorDescription ?? ""
        #expect(message.contains("reserve less, e.g. holdout 30%"))
    }
}
