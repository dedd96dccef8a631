import Foundation
import Testing
import StrategyCore

/// Expected values are counted by hand from the few records each test builds.
@Suite("Alternative-data columns, point in time")
struct AltFieldColumnsTests {
    static func d(_ iso: String) -> Day { Day(iso: iso)! }
    /// 2024-03-01 (Fri) … 2024-03-12 (Tue), every calendar day, to make window edges easy to read.
    static let days = (0..<12).map { d("2024-03-01").adding(days: $0) }

    static func buy(_ trade: String, filed: String, title: String = "Director", shares: Double = 100, price: Double = 10,
                    kind: InsiderFiling.Kind = .purchase) -> InsiderFiling {
        InsiderFiling(ticker: "T", tradeDate: d(trade), filingDate: d(filed), insiderName: "X", title: title,
                      kind: kind, shares: shares, price: price)
    }

    func column(_ name: String, _ inputs: AltFieldColumns.Inputs) throws -> [Double] {
        let field = try #require(Field(name: name))
        return try #require(AltFieldColumns.column(field, days: Self.days, inputs: inputs))
    }

    @Test("an insider filing dated t+1 is invisible at t, even when the trade was earlier")
    func filingNextDayInvisible() throws {
        let inputs = AltFieldColumns.Inputs(insider: [Self.buy("2024-03-03", filed: "2024-03-06")],
                                            coverageStart: [.insider: Self.d("2024-01-01")])
        let col = try column("insider_buy_count_30d", inputs)
        // Index 4 is 03-05 (the day before filing): nothing known yet; index 5 is the filing day.
        #expect(col[4] == 0)
        #expect(col[5] == 1)
        #expect(col[2] == 0, "the trade day itself must not see it")
    }

    @Test("a fundamental snapshot filed at t+1 is invisible at t; the earlier one holds until then")
    func fundamentalsByFilingDate() throws {
        let inputs = AltFieldColumns.Inputs(fundamentals: [
            FundamentalSnapshot(ticker: "T", filingDate: Self.d("2024-03-03"), peRatio: 15, dividendYield: 2),
            FundamentalSnapshot(ticker: "T", filingDate: Self.d("2024-03-08"), peRatio: 18),
        ])
        let pe = try column("pe_ratio", inputs)
        #expect(pe[0].isNaN && pe[1].isNaN, "no value before the first filing, not zero")
        #expect(pe[2] == 15 && pe[6] == 15)
        #expect(pe[7] == 18)
        let yield = try column("dividend_yield", inputs)
        #expect(yield[11] == 2, "a later report without a yield keeps the latest filed yield")
    }

    @Test("a mention observed at t+1 is invisible at t, and the rank is the latest seen")
    func mentionsByObservationDay() throws {
        let inputs = AltFieldColumns.Inputs(mentions: [
            MentionObservation(ticker: "T", day: Self.d("2024-03-01"), mentions: 5, rank: 40, sentiment: 0.5),
            MentionObservation(ticker: "T", day: Self.d("2024-03-04"), mentions: 7, rank: 12, sentiment: -0.1),
        ])
        let m = try column("reddit_mentions_3d", inputs)
        // 3-day windows: 03-01..03-03 = 5; 02-29.. starts before coverage (03-01) -> NaN.
        #expect(m[0].isNaN && m[1].isNaN)
        #expect(m[2] == 5)
        #expect(m[3] == 7, "03-02..03-04 holds only the 7")
        let rank = try column("reddit_rank", inputs)
        #expect(rank[2] == 40 && rank[3] == 12)
        let sentiment = try column("reddit_sentiment_7d", inputs)
        #expect(sentiment[6].isNaN == false)
        #expect(abs(sentiment[6] - 0.2) < 1e-12, "mean of 0.5 and -0.1")
    }

    @Test("windows are N calendar days ending with t, both edges checked")
    func windowEdges() throws {
        let inputs = AltFieldColumns.Inputs(insider: [
            Self.buy("2024-03-01", filed: "2024-03-02", shares: 100, price: 10),
            Self.buy("2024-03-04", filed: "2024-03-05", title: "Chief Executive Officer", shares: 50, price: 20),
            Self.buy("2024-03-05", filed: "2024-03-05", title: "CFO", kind: .sale),
        ], coverageStart: [.insider: Self.d("2024-02-01")])
        let count = try column("insider_buy_count_3d", inputs)
        // t = 03-04: window 03-02..03-04 holds the 03-02 filing; t = 03-05: 03-03..03-05 holds only 03-05's purchase.
        #expect(count[3] == 1)
        #expect(count[4] == 1)
        #expect(count[1] == 1 && count[0] == 0)
        #expect(count[7] == 0, "03-08 window 03-06..03-08 is empty")
        let value = try column("insider_buy_value_7d", inputs)
        #expect(value[4] == 100 * 10 + 50 * 20)
        #expect(try column("insider_csuite_buy_count_7d", inputs)[4] == 1)
        #expect(try column("insider_sell_count_7d", inputs)[4] == 1)
        #expect(try column("insider_sell_value_7d", inputs)[4] == 1_000, "default 100 shares x 10")
    }

    @Test("before the source's coverage the value is NaN, never zero")
    func noValueBeforeCoverage() throws {
        let inputs = AltFieldColumns.Inputs(coverageStart: [.insider: Self.d("2024-03-06")])
        let col = try column("insider_buy_count_2d", inputs)
        #expect(col[0..<6].allSatisfy { $0.isNaN }, "window 03-05..03-06 starts before coverage")
        #expect(col[6] == 0, "03-06..03-07 is covered and empty")
        let none = try column("reddit_mentions_7d", AltFieldColumns.Inputs())
        #expect(none.allSatisfy { $0.isNaN }, "a source with no data at all gives no values")
    }

    @Test("mentions change is measured against the window before it")
    func mentionsChange() throws {
        let obs = [("2024-03-01", 4), ("2024-03-02", 6), ("2024-03-03", 3), ("2024-03-04", 27)].map {
            MentionObservation(ticker: "T", day: Self.d($0.0), mentions: $0.1)
        }
        let change = try column("reddit_mentions_change_pct_2d", AltFieldColumns.Inputs(mentions: obs))
        // t = 03-04: current 03-03..03-04 = 30, previous 03-01..03-02 = 10 -> +200%.
        #expect(change[3] == 200)
        // t = 03-03: previous window 02-28..03-01 starts before coverage -> NaN.
        #expect(change[2].isNaN)
        // t = 03-06: current 03-05..03-06 = 0, previous 03-03..03-04 = 30 -> -100%.
        #expect(change[5] == -100)
        // t = 03-08: previous window 03-05..03-06 has none -> undefined, NaN.
        #expect(change[7].isNaN)
    }

    @Test("analyst upgrades count in the window and the consensus is the latest")
    func analyst() throws {
        let grades = [
            AnalystGrade(ticker: "T", day: Self.d("2024-03-02"), firm: "A", action: .upgrade, consensusScore: 3.5),
            AnalystGrade(ticker: "T", day: Self.d("2024-03-04"), firm: "B", action: .downgrade, consensusScore: 3.2),
            AnalystGrade(ticker: "T", day: Self.d("2024-03-05"), firm: "C", action: .upgrade, consensusScore: nil),
        ]
        let inputs = AltFieldColumns.Inputs(grades: grades, coverageStart: [.analyst: Self.d("2024-01-01")])
        let up = try column("analyst_upgrades_5d", inputs)
        #expect(up[0] == 0 && up[1] == 1 && up[4] == 2 && up[6] == 1 && up[9] == 0)
        let score = try column("analyst_rating_score", inputs)
        #expect(score[0].isNaN && score[1] == 3.5 && score[3] == 3.2 && score[4] == 3.2)
    }

    @Test("price and indicator fields are not answered here")
    func notAlternative() throws {
        #expect(AltFieldColumns.column(.rsi(14), days: Self.days, inputs: .init()) == nil)
        #expect(AltFieldColumns.column(.close, days: Self.days, inputs: .init()) == nil)
    }
}
