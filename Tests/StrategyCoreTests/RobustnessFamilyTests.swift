import Foundation
import Testing
@testable import StrategyCore

/// A backtest judged among its family of trials: the count, the variance and the figures it shows, against
/// `scripts/fixtures/make_robustness_fixtures.py` (its own counting rule and scipy's normal distribution)
/// on the Backtesting.py equity curve of the RSI 30/70 reference.
@Suite("A backtest among its trials matches the Python reference")
struct RobustnessFamilyTests {
    struct Member: Decodable {
        let definition, start, end: String
        let sharpe_ratio: Double?
    }

    struct FixtureFile: Decodable {
        let `case`: String
        let family: [Member]
        let start, end: String
        let trials: Int
        let definitions: [String]
        let sharpe_variance, psr_zero, expected_max_sharpe, dsr, min_trl_zero_95: Double
    }

    static func fixture() throws -> FixtureFile {
        try JSONDecoder().decode(FixtureFile.self, from: Data(contentsOf: ReferenceData.url("robustness/family_expected.json")))
    }

    static func backtest(_ name: String) throws -> StrategyBacktest {
        let rows = try ReferenceData.rows("reference-msft/\(name)/equity.csv")
        let curve = try rows.map { row in
            let equity = try #require(Double(row["equity"] ?? ""))
            return EquityPoint(date: try #require(Day(iso: row["date"] ?? "")), equity: equity, cash: equity, positionsValue: 0)
        }
        return StrategyBacktest(
            startDate: try #require(curve.first?.date), endDate: try #require(curve.last?.date), initialCapital: 10_000,
            equityCurve: curve,
            assumptions: BacktestAssumptions(data: "reference", universe: "MSFT", fill: "next_open", commissionPct: 0,
                                             slippageBps: 0, stopTargetRule: "stop first", benchmark: "none"))
    }

    @Test("the family is counted and its Sharpe variance taken as the reference does")
    func counting() throws {
        let f = try Self.fixture()
        let family = try f.family.map {
            TrialCount.Backtest(definition: $0.definition, start: try #require(Day(iso: $0.start)), end: try #require(Day(iso: $0.end)),
                                sharpeRatio: $0.sharpe_ratio)
        }
        let count = TrialCount.count(family, overlapping: (try #require(Day(iso: f.start)), try #require(Day(iso: f.end))))
        #expect(count.trials == f.trials)
        #expect(count.definitions == f.definitions)
        #expect(ReferenceData.close(try #require(count.sharpeVariance), f.sharpe_variance, rel: 1e-12))
    }

    @Test("PSR against zero, DSR given the trials and MinTRL match to 1e-9")
    func figures() throws {
        let f = try Self.fixture()
        let backtest = try Self.backtest(f.case)
        let family = try f.family.map {
            TrialCount.Backtest(definition: $0.definition, start: try #require(Day(iso: $0.start)), end: try #require(Day(iso: $0.end)),
                                sharpeRatio: $0.sharpe_ratio)
        }
        let trials = TrialCount.count(family, overlapping: (backtest.startDate, backtest.endDate))
        let s = try #require(SharpeStatistics.Summary.of(backtest, trials: trials))
        #expect(s.trials == f.trials)
        #expect(ReferenceData.close(s.probabilisticSharpeRatio, f.psr_zero, rel: 1e-9))
        #expect(ReferenceData.close(s.expectedMaximumSharpe, f.expected_max_sharpe, rel: 1e-9))
        #expect(ReferenceData.close(s.deflatedSharpeRatio, f.dsr, rel: 1e-9))
        #expect(ReferenceData.close(try #require(s.minTrackRecordLength), f.min_trl_zero_95, rel: 1e-9))
    }

    @Test("the note says the Sharpe is no longer distinguishable from luck after the trials, and the days it would need")
    func note() throws {
        let f = try Self.fixture()
        let backtest = try Self.backtest(f.case)
        let family = try f.family.map {
            TrialCount.Backtest(definition: $0.definition, start: try #require(Day(iso: $0.start)), end: try #require(Day(iso: $0.end)),
                                sharpeRatio: $0.sharpe_ratio)
        }
        let s = try #require(SharpeStatistics.Summary.of(backtest, trials: TrialCount.count(family, overlapping: (backtest.startDate, backtest.endDate))))
        // The reference's DSR is far below 0.95 and its MinTRL above the curve's length.
        #expect(f.dsr < 0.95 && f.min_trl_zero_95 > Double(backtest.equityCurve.count))
        #expect(s.note.contains("After \(f.trials) definitions tried"))
        #expect(s.note.contains("no longer distinguishable from luck"))
        #expect(s.note.contains("About \(Int(f.min_trl_zero_95.rounded(.up))) trading days would be needed"))
        let alone = try #require(SharpeStatistics.Summary.of(backtest, trials: TrialCount.count([], overlapping: (backtest.startDate, backtest.endDate))))
        #expect(alone.trials == 1 && alone.deflatedSharpeRatio == alone.probabilisticSharpeRatio)
        #expect(alone.note.contains("the chance that the true Sharpe is above zero is \(Int((f.psr_zero * 100).rounded()))%"))
    }
}
