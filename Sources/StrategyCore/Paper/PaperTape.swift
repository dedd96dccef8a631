import Foundation

/// A strategy's universe made ready for paper trading: per ticker its bars with the entry and exit rules
/// read at every bar from a first day on (the engine's evaluation, causal like the columns), so each day is a lookup.
package struct PaperTape: Sendable {
    struct Track: Sendable {
        let series: PriceSeries
        let entry: [Bool]
        let exit: [Bool]
        let strength: [Double]
    }

    let tracks: [Track]

    /// - Parameters:
    ///   - frames: the strategy's frames over its universe (`SignalFrame`), all of one strategy.
    ///   - from: the first day whose rules are read (each bar's rules depend only on its columns, so the days
    ///     stepped read as they would with every bar read); before it a bar's prices are kept, its rules read false.
    package init(frames: [SignalFrame], from: Day? = nil) {
        tracks = frames.map { f in
            let n = f.series.count
            let start = from.map { f.series.firstIndex(onOrAfter: $0) } ?? 0
            let entry = CompiledStrategy.flags(f.strategy.entry, logic: f.strategy.entryLogic, columns: f.columns, count: n, from: start)
            let exit = CompiledStrategy.flags(f.strategy.exit, logic: f.strategy.exitLogic, columns: f.columns, count: n, from: start)
            var strength = [Double](repeating: 0, count: n)
            for i in start..<n where entry[i] { strength[i] = CompiledStrategy.strength(f.strategy.entry, columns: f.columns, at: i) }
            return Track(series: f.series, entry: entry, exit: exit, strength: strength)
        }
    }

    /// Every ticker's usable bar on `day` (none for a missing bar or one with bad prices, as the engine skips those).
    package func bars(on day: Day) -> [String: PaperBar] {
        var out: [String: PaperBar] = [:]
        for t in tracks {
            let s = t.series
            let i = s.firstIndex(onOrAfter: day)
            guard i < s.count, s.days[i] == day else { continue }
            let o = s.open[i], h = s.high[i], l = s.low[i], c = s.close[i]
            guard o.isFinite, h.isFinite, l.isFinite, c.isFinite, o > 0, h > 0, l > 0, c > 0, h >= l else { continue }
            out[s.ticker] = PaperBar(open: o, high: h, low: l, close: c, closeOnly: s.isCloseOnly(i), entry: t.entry[i],
                                     exit: t.exit[i], strength: t.strength[i])
        }
        return out
    }
}
