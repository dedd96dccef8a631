import Foundation

/// The "default that fits": with no universe and no dates given, picks the data that can actually test a
/// strategy, and says why in one line.
///
/// The cross-section is used when its days cover the strategy's longest look-back with room to trade;
/// otherwise the long history over its common span, starting once the look-back has filled. Strategies that read
/// alternative data stay on the cross-section, the only set that has any (a synthetic sample).
package enum DefaultDataChoice {
    /// One embedded set that could serve a backtest.
    package struct Candidate: Hashable, Sendable {
        /// The universe name to resolve ("sample", "long-history").
        package var universe: String
        /// How the reason line names it ("the 524-stock 2009-2010 cross-section").
        package var label: String
        /// The span most members share.
        package var first: Day
        package var last: Day
        /// Trading days in that span.
        package var tradingDays: Int
        /// Whether it has insider, Reddit, fundamental or analyst data.
        package var hasAlternativeData: Bool

        package init(universe: String, label: String, first: Day, last: Day, tradingDays: Int, hasAlternativeData: Bool) {
            self.universe = universe
            self.label = label
            self.first = first
            self.last = last
            self.tradingDays = tradingDays
            self.hasAlternativeData = hasAlternativeData
        }
    }

    /// The set and period chosen, and the one line that says why.
    package struct Choice: Hashable, Sendable {
        package var universe: String
        /// The period to test: the one the reason names, so no other line has to describe it again.
        package var start: Day
        package var end: Day
        package var reason: String
    }

    /// Trading days a strategy should have after its look-back, about half a year.
    package static let roomToTrade = 126

    /// Calendar days that hold `bars` trading days (252 a year), rounded up.
    static func calendarDays(forTradingDays bars: Int) -> Int {
        Int((Double(bars) * 365.25 / 252).rounded(.up))
    }

    /// Chooses between the cross-section and the long history.
    /// - Parameters:
    ///   - lookbackBars: the bars the strategy's longest look-back reads, the decision day included
    ///     (`FieldRegistry.maxLookbackBars + 1`: 200 for `sma_200`).
    ///   - lookbackField: the field that needs it ("sma_200"), named in the reason.
    ///   - needsAlternativeData: the strategy reads insider, Reddit, fundamental or analyst fields.
    package static func choose(lookbackBars: Int, lookbackField: String?, needsAlternativeData: Bool,
                              crossSection: Candidate, longHistory: Candidate?) -> Choice {
        let need = "\(lookbackField ?? "the strategy") needs \(lookbackBars) day\(lookbackBars == 1 ? "" : "s") of history before the first trade"
        let left = crossSection.tradingDays - lookbackBars
        if left >= roomToTrade {
            return Choice(universe: crossSection.universe, start: crossSection.first, end: crossSection.last,
                          reason: "\(need); using \(crossSection.label) (\(crossSection.first) … \(crossSection.last)), which leaves \(left) trading days to trade")
        }
        if needsAlternativeData {
            return Choice(universe: crossSection.universe, start: crossSection.first, end: crossSection.last,
                          reason: "\(need); using \(crossSection.label) anyway (\(crossSection.first) … \(crossSection.last)), the only set with insider, Reddit, fundamental and analyst data, so most of its \(crossSection.tradingDays) days are warm-up")
        }
        guard let long = longHistory, long.tradingDays - lookbackBars >= roomToTrade else {
            return Choice(universe: crossSection.universe, start: crossSection.first, end: crossSection.last,
                          reason: "\(need); no embedded set has that much history with room to trade, so using \(crossSection.label) (\(crossSection.first) … \(crossSection.last)); import longer data with `stratchat data import PATH`")
        }
        let start = min(long.first.adding(days: calendarDays(forTradingDays: lookbackBars)), long.last)
        return Choice(universe: long.universe, start: start, end: long.last,
                      reason: "\(need); \(crossSection.label) has only \(crossSection.tradingDays) days, so using \(long.label), \(start) … \(long.last) (earlier bars warm the indicators up)")
    }
}
