import Foundation

/// A strategy's universe made ready for paper trading: per ticker its bars, with the entry and exit rules read
/// at a day's bar when that day is asked for (the engine's evaluation, causal like the columns), so stepping a
/// few days reads those days only.
package struct PaperTape: Sendable {
    let frames: [SignalFrame]

    /// - Parameter frames: the strategy's frames over its universe (`SignalFrame`), all of one strategy.
    package init(frames: [SignalFrame]) {
        self.frames = frames
    }

    /// Every ticker's usable bar on `day` (none for a missing bar or one with bad prices, as the engine skips those).
    package func bars(on day: Day) -> [String: PaperBar] {
        var out: [String: PaperBar] = [:]
        for f in frames {
            guard let i = f.bar(on: day) else { continue }
            let s = f.series
            let entry = f.entryHolds(at: i)
            let exit = Self.holds(f.strategy.exit, logic: f.strategy.exitLogic, columns: f.columns, at: i)
            out[s.ticker] = PaperBar(open: s.open[i], high: s.high[i], low: s.low[i], close: s.close[i], closeOnly: s.isCloseOnly(i),
                                     entry: entry, exit: exit,
                                     strength: entry ? CompiledStrategy.strength(f.strategy.entry, columns: f.columns, at: i) : 0)
        }
        return out
    }

    /// Whether `rules` joined by `logic` hold at bar `i`, as `CompiledStrategy.flags` finds them there (no rules hold nowhere).
    static func holds(_ rules: [CompiledStrategy.Rule], logic: Logic, columns: [Field: [Double]], at i: Int) -> Bool {
        guard !rules.isEmpty else { return false }
        return logic == .and
            ? rules.allSatisfy { CompiledStrategy.holds($0, columns: columns, at: i) }
            : rules.contains { CompiledStrategy.holds($0, columns: columns, at: i) }
    }
}
