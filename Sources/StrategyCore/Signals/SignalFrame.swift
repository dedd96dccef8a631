import Foundation

/// One ticker's bars with every column a strategy reads, computed once, so the strategy can be
/// read at any bar without recomputing indicators (a replay reads the same frame day after day).
///
/// Indicator and alternative-data columns are causal: the value at bar t uses only bars and
/// filings up to t. Reading bar t therefore uses only data up to day t, even though later bars
/// are present in the frame.
package struct SignalFrame: Sendable {
    package let series: PriceSeries
    let strategy: CompiledStrategy
    let entryConditions: [Condition]
    let exitConditions: [Condition]
    let columns: [Field: [Double]]

    package var ticker: String { series.ticker }

    /// Prepares a frame; throws `BacktestError` for a strategy the engine cannot run or a column that does not line up.
    package init(strategy: TradingStrategy, series: PriceSeries, external: [String: FieldColumn] = [:]) throws {
        try self.init(strategy, compiled: Rules(strategy), series: series, external: external, shared: nil)
    }

    /// A strategy's rules read once, for the frames of all its tickers.
    package struct Rules: Sendable {
        let compiled: CompiledStrategy

        /// Throws `BacktestError` for a strategy the engine cannot run.
        package init(_ strategy: TradingStrategy) throws { compiled = try CompiledStrategy(strategy) }
    }

    /// Prepares a frame from rules compiled once; indicator columns come from `shared` when given, so
    /// strategies over the same bars compute each column once.
    package init(
        _ strategy: TradingStrategy, compiled rules: Rules, series: PriceSeries, external: [String: FieldColumn],
        shared: SharedColumns?
    ) throws {
        let fields = rules.compiled.fields
        var computed: [Field: [Double]] = [:]
        if let shared {
            computed = shared.columns(fields, series: series)
        } else {
            for field in fields { computed[field] = IndicatorEngine.column(field, series: series) }
        }
        try self.init(strategy, compiled: rules, series: series, external: external, computed: computed)
    }

    /// The frames of `list`'s non-empty series, in order, with `external[ticker]` for each; the indicator columns
    /// come from `shared`, looked up once for the whole list.
    package static func frames(
        _ strategy: TradingStrategy, compiled rules: Rules, list: [PriceSeries], external: ExternalColumns,
        shared: SharedColumns
    ) throws -> [SignalFrame] {
        let computed = shared.columns(rules.compiled.fields, list: list)
        return try list.indices.filter { !list[$0].isEmpty }.map {
            try SignalFrame(strategy, compiled: rules, series: list[$0], external: external[list[$0].ticker] ?? [:],
                            computed: computed[$0])
        }
    }

    /// A frame over `computed`, the columns of the rules' fields that come from the bars.
    private init(
        _ strategy: TradingStrategy, compiled rules: Rules, series: PriceSeries, external: [String: FieldColumn],
        computed: [Field: [Double]]
    ) throws {
        let compiled = rules.compiled
        for (name, column) in external where column.count != series.count {
            throw BacktestError.misalignedColumn(ticker: series.ticker, field: name, count: column.count, expected: series.count)
        }
        // Columns computed from the bars first; the rest from the external data, or NaN.
        var columns = computed
        if columns.count < compiled.fields.count {
            for field in compiled.fields where columns[field] == nil {
                columns[field] = external[field.name] ?? [Double](repeating: .nan, count: series.count)
            }
        }
        self.series = series
        self.strategy = compiled
        self.entryConditions = strategy.entryConditions
        self.exitConditions = strategy.exitConditions
        self.columns = columns
    }

    /// The bar index of `day`, or nil when the ticker has no usable bar that day.
    package func bar(on day: Day) -> Int? {
        let i = series.firstIndex(onOrAfter: day)
        guard i < series.count, series.days[i] == day else { return nil }
        let o = series.open[i], h = series.high[i], l = series.low[i], c = series.close[i]
        guard o.isFinite, h.isFinite, l.isFinite, c.isFinite, o > 0, h > 0, l > 0, c > 0, h >= l else { return nil }
        return i
    }

    /// Reads the strategy at `day`'s bar with the engine's own rule evaluation; nil when there is no bar that day.
    package func evaluate(on day: Day) -> TickerEvaluation? {
        bar(on: day).map { evaluate(at: $0) }
    }

    /// Whether the entry rules hold at bar `i`, as `evaluate` would find them, without reading every condition in full.
    package func entryHolds(at i: Int) -> Bool {
        let rules = strategy.entry
        guard !rules.isEmpty else { return false }
        return strategy.entryLogic == .and
            ? rules.allSatisfy { CompiledStrategy.holds($0, columns: columns, at: i) }
            : rules.contains { CompiledStrategy.holds($0, columns: columns, at: i) }
    }

    /// Reads the strategy at bar `i` (a bar `bar(on:)` gave).
    package func evaluate(at i: Int) -> TickerEvaluation {
        let day = series.days[i]
        let entry = zip(strategy.entry, entryConditions).map { reading($0, $1, at: i) }
        let exit = zip(strategy.exit, exitConditions).map { reading($0, $1, at: i) }
        var values: [String: Double] = [:]
        for (field, column) in columns { values[field.name] = column[i] }
        return TickerEvaluation(
            ticker: ticker, day: day, open: series.open[i], high: series.high[i], low: series.low[i],
            close: series.close[i], volume: series.volume[i],
            entryMet: Self.combine(entry, logic: strategy.entryLogic),
            exitMet: Self.combine(exit, logic: strategy.exitLogic), entry: entry, exit: exit, values: values)
    }

    /// AND needs every reading met, OR any; an empty list never holds (as in the engine).
    static func combine(_ readings: [ConditionReading], logic: Logic) -> Bool {
        guard !readings.isEmpty else { return false }
        return logic == .and ? readings.allSatisfy(\.met) : readings.contains(where: \.met)
    }

    func reading(_ rule: CompiledStrategy.Rule, _ condition: Condition, at i: Int) -> ConditionReading {
        // The engine's evaluation over the single bar i, so a signal agrees with a backtest bar for bar.
        let held = CompiledStrategy.holds(rule, columns: columns, at: i)
        func number(_ x: Double) -> Double? { x.isNaN ? nil : x }
        let lhs = columns[rule.lhs]?[i] ?? .nan
        var rhs = Double.nan, previousRhs = Double.nan
        switch rule.rhs {
        case .constant(let x): rhs = x; previousRhs = x
        case .list: break
        case .field(let f, let m):
            rhs = (columns[f]?[i] ?? .nan) * m
            if i > 0 { previousRhs = (columns[f]?[i - 1] ?? .nan) * m }
        }
        let isCross = rule.op == .crossesAbove || rule.op == .crossesBelow
        let previous = isCross && i > 0 ? columns[rule.lhs]?[i - 1] ?? .nan : .nan
        var margin: Double?
        var strength = 0.0
        if held {
            let scaled = CompiledStrategy.strength([rule], columns: columns, at: i)
            strength = min(1, max(0, scaled))
            switch rule.op {
            case .gt, .gte, .crossesAbove: margin = lhs - rhs
            case .lt, .lte, .crossesBelow: margin = rhs - lhs
            case .eq, .in: margin = 0
            case .between:
                if case .list(let xs) = rule.rhs, xs.count == 2 {
                    margin = min(lhs - min(xs[0], xs[1]), max(xs[0], xs[1]) - lhs)
                }
            }
        }
        return ConditionReading(
            condition: condition, value: number(lhs), compared: number(rhs),
            previousValue: isCross ? number(previous) : nil, previousCompared: isCross ? number(previousRhs) : nil,
            met: held, margin: margin, strength: strength)
    }
}
