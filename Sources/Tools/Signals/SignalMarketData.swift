import Foundation
import StrategyCore

/// Bars and alternative-data columns for a strategy's universe, as signal generation needs them.
package struct SignalMarketData: Sendable {
    package var series: [PriceSeries] {
        didSet {
            columns = SharedColumns()
            lastDay = DataSpan(series)?.typicalLast
        }
    }
    /// `[ticker: [field: column]]` aligned with each series.
    package var external: ExternalColumns
    /// Field names whose data is the synthetic sample.
    package var synthetic: Set<String>
    package var warnings: [String]
    /// Where the bars come from, as results state it.
    package var dataLabel: String
    package var universeLabel: String
    /// Indicator columns of these bars, computed once and shared by every strategy read over them (new bars, a new cache).
    package private(set) var columns = SharedColumns()

    package init(series: [PriceSeries], external: ExternalColumns = [:], synthetic: Set<String> = [], warnings: [String] = [],
                dataLabel: String, universeLabel: String) {
        self.series = series
        self.external = external
        self.synthetic = synthetic
        self.warnings = warnings
        self.dataLabel = dataLabel
        self.universeLabel = universeLabel
        lastDay = DataSpan(series)?.typicalLast
    }

    /// "Today" for signals: the latest day through which at least half the tickers have bars, so one
    /// ticker with a longer history (the sample's MSFT runs past its peers) does not move the day.
    /// Kept with the bars, since every strategy scanned over them asks for it.
    package private(set) var lastDay: Day?

    /// Every day from `from` through `through` on which some ticker has a bar, in order; reads only those days.
    package func tradingDays(from: Day, through: Day) -> [Day] {
        var days = Set<Day>()
        for s in series {
            var i = s.firstIndex(onOrAfter: from)
            while i < s.count, s.days[i] <= through {
                days.insert(s.days[i])
                i += 1
            }
        }
        return days.sorted()
    }
}
