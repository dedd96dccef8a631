import Foundation

/// A strategy's conditions evaluated on one ticker's latest bar, with every value that decided them.
///
/// Built from the same compiled rules and columns the backtest uses, so a signal "today" means exactly what
/// an entry on that day would have meant in a backtest.
public struct LatestBarEvaluation: Hashable, Sendable {
    /// One condition on the evaluated bar.
    public struct ConditionResult: Hashable, Sendable {
        public var condition: Condition
        public var met: Bool
        /// The left-hand field's value; nil when it has none on this bar (warm-up, no data).
        public var value: Double?
        /// What it was compared with: the constant, the first bound, or the right-hand field's value
        /// (multiplier applied); nil when that field has no value.
        public var reference: Double?
        /// The margin scaled by the field's usual range and capped to 0…1; 0 when not met.
        public var strength: Double
    }

    public var ticker: String
    /// The bar evaluated: the ticker's last bar on or before the requested day.
    public var day: Day
    public var close: Double
    public var entryMet: Bool
    public var exitMet: Bool
    public var entry: [ConditionResult]
    public var exit: [ConditionResult]
    /// The engine's ranking strength: the mean scaled margin of the met entry conditions (uncapped).
    public var rankingStrength: Double
    /// Every field the conditions read, by name, with its value on the bar (NaN fields left out).
    public var snapshot: [String: Double]
}

extension BacktestEngine {
    /// Evaluates the strategy's entry and exit conditions on each series' last bar on or before `asOf`
    /// (its very last bar when `asOf` is nil). Series with no bar by then are left out.
    ///
    /// - Parameter externalColumns: non-price fields per ticker, aligned with each series' days, as for a backtest.
    public static func evaluateLatestBar(
        strategy: TradingStrategy, series: [PriceSeries], externalColumns: ExternalColumns = [:], asOf: Day? = nil
    ) throws -> [LatestBarEvaluation] {
        let compiled = try CompiledStrategy(strategy)
        var out: [LatestBarEvaluation] = []
        for s in series.sorted(by: { $0.ticker < $1.ticker }) {
            let cut = asOf.map { s.slice(to: $0) } ?? s
            guard cut.count > 0 else { continue }
            let last = cut.count - 1
            let external = externalColumns[s.ticker] ?? [:]
            var columns: [Field: [Double]] = [:]
            for field in compiled.fields {
                let column = IndicatorEngine.column(field, series: cut)
                    ?? external[field.name].map { Array($0.prefix(cut.count)) }
                    ?? [Double](repeating: .nan, count: cut.count)
                columns[field] = column.count == cut.count ? column : [Double](repeating: .nan, count: cut.count)
            }
            let entry = compiled.entry.enumerated().map { k, rule in
                result(rule, condition: strategy.entryConditions[k], columns: columns, at: last)
            }
            let exit = compiled.exit.enumerated().map { k, rule in
                result(rule, condition: strategy.exitConditions[k], columns: columns, at: last)
            }
            var snapshot: [String: Double] = [:]
            for (field, column) in columns where !column[last].isNaN { snapshot[field.name] = column[last] }
            out.append(LatestBarEvaluation(
                ticker: s.ticker, day: cut.days[last], close: cut.close[last],
                entryMet: combine(entry.map(\.met), compiled.entryLogic),
                exitMet: !exit.isEmpty && combine(exit.map(\.met), compiled.exitLogic),
                entry: entry, exit: exit,
                rankingStrength: CompiledStrategy.strength(compiled.entry, columns: columns, at: last),
                snapshot: snapshot))
        }
        return out
    }

    static func combine(_ flags: [Bool], _ logic: Logic) -> Bool {
        guard !flags.isEmpty else { return false }
        return logic == .and ? flags.allSatisfy { $0 } : flags.contains(true)
    }

    static func result(
        _ rule: CompiledStrategy.Rule, condition: Condition, columns: [Field: [Double]], at i: Int
    ) -> LatestBarEvaluation.ConditionResult {
        var met = [Bool](repeating: false, count: i + 1)
        CompiledStrategy.evaluate(rule, columns: columns, from: i, into: &met)
        let lhs = columns[rule.lhs]?[i] ?? .nan
        let reference: Double
        switch rule.rhs {
        case .constant(let x): reference = x
        case .list(let xs): reference = xs.first ?? .nan
        case .field(let f, let m): reference = (columns[f]?[i] ?? .nan) * m
        }
        let strength = met[i]
            ? min(1, CompiledStrategy.strength([rule], columns: columns, at: i))
            : 0
        return LatestBarEvaluation.ConditionResult(
            condition: condition, met: met[i], value: lhs.isNaN ? nil : lhs,
            reference: reference.isNaN ? nil : reference, strength: strength)
    }
}
