import Foundation

/// One ticker made ready for the day loop: bars cleaned and cut at the end date, entry candidates
/// with their strength, and exit flags. Indicator columns are dropped once the flags are known,
/// so memory stays close to the bars themselves.
struct TickerFrame {
    /// A bar on which the entry rules held, and by how much.
    struct Candidate {
        let bar: Int32
        let strength: Double
    }

    let ticker: String
    let days: [Day]
    let open: [Double]
    let high: [Double]
    let low: [Double]
    let close: [Double]
    /// Bars with only a close (empty: none); orders fill there at the close and stops read the close.
    let closeOnly: [Bool]
    /// First bar on or after the start date.
    let startIndex: Int
    let exitFlags: [Bool]
    let candidates: [Candidate]
    /// Bars dropped for NaN, non-positive or inverted prices (high below low).
    let badBars: Int
    /// Fields with at least one value between the start and end dates.
    let fieldsWithValues: Set<Field>

    var count: Int { days.count }

    func isCloseOnly(_ i: Int) -> Bool { !closeOnly.isEmpty && closeOnly[i] }

    /// The price an order decided the day before fills at on bar `i`: its open, or its close when it has no open.
    func fillPrice(_ i: Int) -> Double { FillRules.fillBase(open: open[i], close: close[i], closeOnly: isCloseOnly(i)) }

    /// Close-only bars among those tested (from the start date on).
    var testedCloseOnlyBars: Int {
        closeOnly.isEmpty ? 0 : closeOnly[startIndex...].reduce(0) { $0 + ($1 ? 1 : 0) }
    }

    /// Checks, cleans and evaluates one ticker. Throws only for data that cannot be read safely
    /// (unsorted days, a column that does not line up).
    static func make(
        series: PriceSeries, external: [String: FieldColumn], strategy: CompiledStrategy, start: Day, end: Day
    ) throws -> TickerFrame {
        var prepared = try Prepared(series: series, external: external, start: start, end: end)
        return prepared.frame(for: strategy)
    }

    /// One ticker's bars checked, cleaned and cut at the end date, with a cache of the field columns computed
    /// so far: the part of a frame that does not depend on the rules, so a sweep computes each column once
    /// for all its variants.
    struct Prepared {
        let clean: PriceSeries
        let external: [String: FieldColumn]
        let startIndex: Int
        let badBars: Int
        private(set) var columns: [Field: [Double]] = [:]

        init(series: PriceSeries, external: [String: FieldColumn], start: Day, end: Day) throws {
            let n = series.count
            for i in 1..<max(1, n) where !(series.days[i - 1] < series.days[i]) {
                throw BacktestError.unsortedDays(ticker: series.ticker, day: series.days[i])
            }
            for (name, column) in external where column.count != n {
                throw BacktestError.misalignedColumn(ticker: series.ticker, field: name, count: column.count, expected: n)
            }
            // Cut at the end date first: no bar after it is ever read.
            let last = series.firstIndex(onOrAfter: end.adding(days: 1))
            func isGood(_ i: Int) -> Bool {
                let o = series.open[i], h = series.high[i], l = series.low[i], c = series.close[i]
                // Volume is not required: a missing volume only leaves volume fields without a value.
                return o.isFinite && h.isFinite && l.isFinite && c.isFinite && o > 0 && h > 0 && l > 0 && c > 0 && h >= l
            }
            var bad = 0
            for i in 0..<last where !isGood(i) { bad += 1 }
            let keep = bad == 0 ? [] : (0..<last).filter(isGood)
            var ext = external
            if bad == 0 && last == n {
                clean = series
            } else if bad == 0 {
                clean = series.slice(to: end)
                for (k, v) in ext { ext[k] = Array(v[..<last]) }
            } else {
                var s = PriceSeries(ticker: series.ticker)
                s.reserveCapacity(keep.count)
                for i in keep {
                    s.append(day: series.days[i], open: series.open[i], high: series.high[i], low: series.low[i],
                             close: series.close[i], volume: series.volume[i], closeOnly: series.isCloseOnly(i))
                }
                clean = s
                for (k, v) in ext { ext[k] = keep.map { v[$0] } }
            }
            self.external = ext
            badBars = bad
            startIndex = clean.firstIndex(onOrAfter: start)
        }

        /// The column of `field`, computed on first use and kept.
        mutating func column(_ field: Field) -> [Double] {
            if let held = columns[field] { return held }
            let column = IndicatorEngine.column(field, series: clean) ?? external[field.name]
                ?? [Double](repeating: .nan, count: clean.count)
            columns[field] = column
            return column
        }

        /// Whether `rule` holds at each bar, as `frame(for:)` evaluates it (false before the start date).
        mutating func flags(_ rule: CompiledStrategy.Rule) -> [Bool] {
            var columns: [Field: [Double]] = [rule.lhs: column(rule.lhs)]
            if case .field(let f, _) = rule.rhs { columns[f] = column(f) }
            var met = [Bool](repeating: false, count: clean.count)
            if startIndex < clean.count { CompiledStrategy.evaluate(rule, columns: columns, from: startIndex, into: &met) }
            return met
        }

        /// The frame for one strategy's rules, from the cached columns; `known` holds rules' flags already
        /// evaluated by `flags(_:)`.
        mutating func frame(for strategy: CompiledStrategy, known: [CompiledStrategy.Rule: [Bool]] = [:]) -> TickerFrame {
            let count = clean.count
            var used: [Field: [Double]] = [:]
            var withValues = Set<Field>()
            for field in strategy.fields {
                let column = column(field)
                used[field] = column
                if startIndex < count, column[startIndex...].contains(where: { !$0.isNaN }) { withValues.insert(field) }
            }
            let entry = CompiledStrategy.flags(strategy.entry, logic: strategy.entryLogic, columns: used, count: count,
                                               from: startIndex, known: known)
            let exit = CompiledStrategy.flags(strategy.exit, logic: strategy.exitLogic, columns: used, count: count,
                                              from: startIndex, known: known)
            var candidates: [Candidate] = []
            for i in startIndex..<max(startIndex, count) where entry[i] {
                let strength = CompiledStrategy.strength(strategy.entry, columns: used, at: i)
                candidates.append(Candidate(bar: Int32(i), strength: strength))
            }
            return TickerFrame(
                ticker: clean.ticker, days: clean.days, open: clean.open, high: clean.high, low: clean.low, close: clean.close,
                closeOnly: clean.closeOnly, startIndex: startIndex, exitFlags: exit, candidates: candidates, badBars: badBars,
                fieldsWithValues: withValues)
        }
    }
}
