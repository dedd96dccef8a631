import Foundation

/// A strategy's conditions with every field name parsed once, ready to run over columns.
struct CompiledStrategy {
    /// The right-hand side of a condition.
    enum Operand: Hashable {
        case constant(Double)
        case list([Double])
        case field(Field, multiplier: Double)
    }

    struct Rule: Hashable {
        let lhs: Field
        let op: ConditionOperator
        let rhs: Operand
    }

    let entry: [Rule]
    let entryLogic: Logic
    let exit: [Rule]
    let exitLogic: Logic
    /// Every field the rules read, in first-use order.
    let fields: [Field]

    init(_ strategy: TradingStrategy) throws {
        guard !strategy.entryConditions.isEmpty else { throw BacktestError.noEntryConditions }
        func compile(_ c: Condition) throws -> Rule {
            guard let lhs = Field(name: c.field) else { throw BacktestError.unknownField(c.field) }
            let rhs: Operand
            switch c.value {
            case .number(let x): rhs = .constant(x)
            case .numbers(let xs): rhs = .list(xs)
            case .field(let ref):
                guard let f = Field(name: ref.field) else { throw BacktestError.unknownField(ref.field) }
                rhs = .field(f, multiplier: ref.multiplier ?? 1)
            }
            return Rule(lhs: lhs, op: c.operator, rhs: rhs)
        }
        entry = try strategy.entryConditions.map(compile)
        exit = try strategy.exitConditions.map(compile)
        entryLogic = strategy.entryLogic
        exitLogic = strategy.exitLogic
        var seen = Set<Field>()
        var fields: [Field] = []
        for rule in entry + exit {
            var used = [rule.lhs]
            if case .field(let f, _) = rule.rhs { used.append(f) }
            for f in used where seen.insert(f).inserted { fields.append(f) }
        }
        self.fields = fields
    }

    /// Whether the rules hold at each bar from `from` on (false before it). A rule whose fields
    /// have no value at a bar (or, for a cross, at the bar before) is false there. `known` holds rules already
    /// evaluated over the same columns from the same bar (a sweep evaluates a rule its variants share once).
    static func flags(
        _ rules: [Rule], logic: Logic, columns: [Field: [Double]], count: Int, from: Int, known: [Rule: [Bool]] = [:]
    ) -> [Bool] {
        var out = [Bool](repeating: false, count: count)
        guard !rules.isEmpty, from < count else { return out }
        if logic == .and { for i in from..<count { out[i] = true } }
        var met = [Bool](repeating: false, count: count)
        for rule in rules {
            let held: [Bool]
            if let mask = known[rule], mask.count == count {
                held = mask
            } else {
                evaluate(rule, columns: columns, from: from, into: &met)
                held = met
            }
            held.withUnsafeBufferPointer { m in
                if logic == .and {
                    for i in from..<count { out[i] = out[i] && m[i] }
                } else {
                    for i in from..<count { out[i] = out[i] || m[i] }
                }
            }
        }
        return out
    }

    static func evaluate(_ rule: Rule, columns: [Field: [Double]], from: Int, into met: inout [Bool]) {
        let count = met.count
        guard let operands = Operands(rule, columns: columns) else {
            for i in from..<count { met[i] = false }
            return
        }
        for i in from..<count { met[i] = operands.holds(at: i) }
    }

    /// Whether `rule` holds at bar `i`, as `evaluate` finds it there, without evaluating the bars before it.
    static func holds(_ rule: Rule, columns: [Field: [Double]], at i: Int) -> Bool {
        Operands(rule, columns: columns)?.holds(at: i) ?? false
    }

    /// A rule's columns looked up once, read bar by bar.
    private struct Operands {
        let op: ConditionOperator
        let lhs: [Double]
        /// The right-hand column (empty when the right-hand side is not a field, or its field has no column).
        let rhs: [Double]
        let useColumn: Bool
        let constant: Double
        let multiplier: Double
        let list: [Double]

        /// Nil when the left-hand field has no column (the rule holds nowhere).
        init?(_ rule: Rule, columns: [Field: [Double]]) {
            guard let lhs = columns[rule.lhs] else { return nil }
            self.op = rule.op
            self.lhs = lhs
            var constant = Double.nan, multiplier = 1.0, rhs: [Double] = [], useColumn = false, list: [Double] = []
            switch rule.rhs {
            case .constant(let x): constant = x
            case .list(let xs): list = xs
            case .field(let f, let m):
                // A field with no column reads as NaN at every bar, so the rule holds nowhere.
                rhs = columns[f] ?? []
                useColumn = true
                multiplier = m
            }
            self.constant = constant
            self.multiplier = multiplier
            self.rhs = rhs
            self.useColumn = useColumn
            self.list = list
        }

        @inline(__always) func r(_ i: Int) -> Double {
            useColumn ? (i < rhs.count ? rhs[i] * multiplier : .nan) : constant
        }

        /// A rule whose fields have no value at the bar (or, for a cross, at the bar before) is false there.
        @inline(__always) func holds(at i: Int) -> Bool {
            let a = lhs[i]
            let b = r(i)
            var ok: Bool
            switch op {
            case .gt: ok = a > b
            case .gte: ok = a >= b
            case .lt: ok = a < b
            case .lte: ok = a <= b
            case .eq: ok = abs(a - b) <= 1e-9 * max(1, abs(b))
            case .between: ok = list.count == 2 && a >= min(list[0], list[1]) && a <= max(list[0], list[1])
            case .in: ok = list.contains { abs(a - $0) <= 1e-9 * max(1, abs($0)) }
            case .crossesAbove, .crossesBelow:
                guard i > 0 else { ok = false; break }
                let pa = lhs[i - 1], pb = r(i - 1)
                ok = op == .crossesAbove ? (pa <= pb && a > b) : (pa >= pb && a < b)
                ok = ok && !pa.isNaN && !pb.isNaN
            }
            // Comparisons with NaN are already false; the explicit check keeps `between`/`in` honest too.
            return ok && !a.isNaN && (useColumn ? !b.isNaN : true)
        }
    }

    /// The mean margin, in each field's usual range (`FieldRegistry`), by which the met rules hold at bar `i`.
    static func strength(_ rules: [Rule], columns: [Field: [Double]], at i: Int) -> Double {
        var total = 0.0
        var n = 0
        for rule in rules {
            guard let lhs = columns[rule.lhs]?[i], !lhs.isNaN else { continue }
            let rhs: Double
            var list: [Double] = []
            switch rule.rhs {
            case .constant(let x): rhs = x
            case .list(let xs): rhs = xs.first ?? .nan; list = xs
            case .field(let f, let m): rhs = (columns[f]?[i] ?? .nan) * m
            }
            let margin: Double
            switch rule.op {
            case .gt, .gte, .crossesAbove: margin = lhs - rhs
            case .lt, .lte, .crossesBelow: margin = rhs - lhs
            case .eq, .in: margin = 0
            case .between:
                guard list.count == 2 else { continue }
                margin = min(lhs - min(list[0], list[1]), max(list[0], list[1]) - lhs)
            }
            guard margin.isFinite, margin >= 0 else { continue }
            total += FieldRegistry.spec(for: rule.lhs).scaledMargin(margin: margin, reference: rhs, fieldValue: lhs)
            n += 1
        }
        return n == 0 ? 0 : total / Double(n)
    }
}
