import Foundation
import Testing
@testable import StrategyCore

@Suite("The default data set fits the strategy's look-back")
struct DefaultDataChoiceTests {
    static let cross = DefaultDataChoice.Candidate(
        universe: "sample", label: "the 524-stock 2009-2010 cross-section", first: Day(year: 2009, month: 8, day: 21)!,
        last: Day(year: 2010, month: 8, day: 20)!, tradingDays: 245, hasAlternativeData: true)
    static let long = DefaultDataChoice.Candidate(
        universe: "long-history", label: "the 26-ticker long history", first: Day(year: 1990, month: 1, day: 2)!,
        last: Day(year: 2022, month: 12, day: 28)!, tradingDays: 8_313, hasAlternativeData: false)

    @Test("a 50-day average fits the cross-section's year, which stays the default")
    func shortLookback() {
        let choice = DefaultDataChoice.choose(lookbackBars: 50, lookbackField: "sma_50", needsAlternativeData: false,
                                              crossSection: Self.cross, longHistory: Self.long)
        #expect(choice.universe == "sample" && choice.start == Self.cross.first && choice.end == Self.cross.last)
        #expect(choice.reason == "sma_50 needs 50 days of history before the first trade; using the 524-stock 2009-2010 cross-section (2009-08-21 … 2010-08-20), which leaves 195 trading days to trade")
    }

    @Test("a 200-day average moves to the long history, starting once the average has filled")
    func longLookback() {
        let choice = DefaultDataChoice.choose(lookbackBars: 200, lookbackField: "sma_200", needsAlternativeData: false,
                                              crossSection: Self.cross, longHistory: Self.long)
        #expect(choice.universe == "long-history")
        // 200 trading days are 290 calendar days (200 × 365.25 / 252 = 289.9, rounded up).
        #expect(choice.start == Day(year: 1990, month: 1, day: 2)!.adding(days: 290))
        #expect(choice.end == Self.long.last)
        #expect(choice.reason.hasPrefix("sma_200 needs 200 days of history before the first trade; the 524-stock 2009-2010 cross-section has only 245 days, so using the 26-ticker long history, 1990-10-19 … 2022-12-28"))
    }

    @Test("the boundary: exactly half a year left to trade keeps the cross-section, one day less does not")
    func boundary() {
        let fits = 245 - DefaultDataChoice.roomToTrade
        let keep = DefaultDataChoice.choose(lookbackBars: fits, lookbackField: "x", needsAlternativeData: false,
                                            crossSection: Self.cross, longHistory: Self.long)
        let move = DefaultDataChoice.choose(lookbackBars: fits + 1, lookbackField: "x", needsAlternativeData: false,
                                            crossSection: Self.cross, longHistory: Self.long)
        #expect(keep.universe == "sample" && move.universe == "long-history")
    }

    @Test("a strategy on insider or Reddit data stays on the only set that has it, and says so")
    func alternativeData() {
        let choice = DefaultDataChoice.choose(lookbackBars: 200, lookbackField: "sma_200", needsAlternativeData: true,
                                              crossSection: Self.cross, longHistory: Self.long)
        #expect(choice.universe == "sample" && choice.reason.contains("the only set with insider"))
    }

    @Test("with no long history, or one too short, the cross-section is used and the line says how to get more")
    func nothingFits() {
        let none = DefaultDataChoice.choose(lookbackBars: 300, lookbackField: "sma_300", needsAlternativeData: false,
                                            crossSection: Self.cross, longHistory: nil)
        #expect(none.universe == "sample" && none.reason.contains("stratchat data import"))
        var short = Self.long
        short.tradingDays = 350
        let tooShort = DefaultDataChoice.choose(lookbackBars: 300, lookbackField: "sma_300", needsAlternativeData: false,
                                                crossSection: Self.cross, longHistory: short)
        #expect(tooShort.universe == "sample")
    }
}
