import Foundation
import Testing
@testable import StrategyCore

/// Counting a family's trials over overlapping data, on hand-made histories.
@Suite("Trial counting")
struct RobustnessTrialCountTests {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    static func backtest(_ definition: String, _ start: String, _ end: String, _ sharpe: Double?) -> TrialCount.Backtest {
        TrialCount.Backtest(definition: definition, start: day(start), end: day(end), sharpeRatio: sharpe)
    }

    static let span = (start: day("2020-01-01"), end: day("2022-12-31"))

    @Test("distinct definitions over overlapping data count once each; disjoint data does not count")
    func counting() {
        let history = [
            Self.backtest("v1", "2020-01-01", "2022-12-31", 0.8),
            Self.backtest("v2", "2020-01-01", "2022-12-31", 1.1),
            Self.backtest("v2", "2021-06-01", "2022-12-31", 1.4),  // v2 again, over less of the span
            Self.backtest("v3", "2018-01-01", "2020-03-31", 0.2),  // overlaps the span's first quarter
            Self.backtest("v4", "2015-01-01", "2019-12-31", 2.0),  // ends the day before: not a trial here
        ]
        let count = TrialCount.count(history, overlapping: Self.span)
        #expect(count.trials == 3 && count.definitions == ["v1", "v2", "v3"])
        // v2 keeps the Sharpe of its run over the whole span, 1.1: the sample variance of 0.8, 1.1 and 0.2
        // is 0.21: mean 0.7, squared deviations 0.01 + 0.16 + 0.25 = 0.42, over 3 − 1.
        #expect(abs((count.sharpeVariance ?? 0) - 0.21) < 1e-12)
        #expect(abs((count.perPeriodSharpeVariance ?? 0) - 0.21 / 252) < 1e-15)
    }

    @Test("on equal overlap the later backtest of a definition gives its Sharpe")
    func laterWins() {
        let history = [
            Self.backtest("a", "2020-01-01", "2022-12-31", 1.0),
            Self.backtest("b", "2020-01-01", "2022-12-31", 0.0),
            Self.backtest("a", "2020-01-01", "2022-12-31", 2.0),
        ]
        // a → 2.0, b → 0.0: mean 1, variance (1 + 1) / 1 = 2.
        #expect(TrialCount.count(history, overlapping: Self.span).sharpeVariance == 2)
    }

    @Test("a backtest without a Sharpe is a trial that adds nothing to the variance")
    func noSharpe() {
        let count = TrialCount.count([Self.backtest("a", "2020-01-01", "2020-06-30", nil),
                                      Self.backtest("b", "2020-01-01", "2020-06-30", 0.5)], overlapping: Self.span)
        #expect(count.trials == 2 && count.sharpeVariance == nil)
    }

    @Test("one backtest is one trial, with no variance; nothing overlapping is none")
    func single() {
        let one = TrialCount.count([Self.backtest("a", "2021-01-01", "2021-12-31", 1.2)], overlapping: Self.span)
        #expect(one.trials == 1 && one.sharpeVariance == nil)
        #expect(TrialCount.count([Self.backtest("a", "2010-01-01", "2011-01-01", 1.2)], overlapping: Self.span).trials == 0)
    }
}
