import Foundation
import StrategyCore

/// The dates a universe's data covers: the full extent, and the span most of its tickers share.
///
/// A universe can hold one ticker with a much longer history than the rest (the sample's MSFT runs to
/// 2017 while the other members end in 2010), so defaults use the span at least half the tickers cover,
/// while explicit dates may reach as far as any ticker goes.
struct DataSpan: Hashable, Sendable {
    /// The earliest first bar and the latest last bar of any ticker.
    let first: Day
    let last: Day
    /// The earliest day by which at least half the tickers have started.
    let typicalFirst: Day
    /// The latest day through which at least half the tickers have bars.
    let typicalLast: Day

    init?(_ series: [PriceSeries]) {
        let firsts = series.compactMap(\.firstDay).sorted()
        let lasts = series.compactMap(\.lastDay).sorted(by: >)
        guard let first = firsts.first, let last = lasts.first else { return nil }
        self.first = first
        self.last = last
        typicalFirst = firsts[(firsts.count - 1) / 2]
        typicalLast = lasts[(lasts.count - 1) / 2]
    }
}
