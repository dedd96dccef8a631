import Foundation

/// The checks of one condition; paths are relative to the condition's place in the strategy.
struct ConditionCheck {
    let condition: Condition
    let path: String
    let isEntry: Bool

    func problems() -> [StrategyProblem] {
        var problems: [StrategyProblem] = []
        let spec = fieldSpec(condition.field, at: "\(path).field", into: &problems)
        problems += valueShapeProblems()
        if case .field(let reference) = condition.value {
            let referenceSpec = fieldSpec(reference.field, at: "\(path).value.field", into: &problems)
            problems += referenceProblems(reference, spec: spec, referenceSpec: referenceSpec)
        }
        guard let spec else { return problems }
        problems += crossingProblems(spec)
        problems += rangeProblems(spec)
        if condition.operator == .eq, spec.unit == .price, case .number = condition.value {
            problems.append(StrategyProblem(
                path: "\(path).operator",
                message: "\"eq\" on \(spec.name) almost never holds, because prices move in fractions of a cent",
                fix: #"use "gte", "lte" or "between" instead"#))
        }
        if isEntry, spec.field == .positionPnlPct {
            problems.append(StrategyProblem(
                path: "\(path).field",
                message: "position_pnl_pct has no value before a position is open, so this entry condition never holds",
                fix: "move it to exit_conditions"))
        }
        return problems
    }

    /// Looks a field name up, adding an "unknown field" problem with the closest valid name.
    private func fieldSpec(_ name: String, at path: String, into problems: inout [StrategyProblem]) -> FieldSpec? {
        if let spec = FieldRegistry.spec(named: name) { return spec }
        if let pattern = FieldRegistry.pattern(aimedAtBy: name) {
            problems.append(StrategyProblem(
                path: path, message: "field \"\(name)\" does not fit the pattern \(pattern.pattern)",
                fix: "\(pattern.parameters.joined(separator: "; ")); at most \(Field.maxParameter); e.g. \(pattern.example)"))
        } else if let suggestion = FieldRegistry.suggestion(for: name) {
            problems.append(StrategyProblem(
                path: path, message: "unknown field \"\(name)\"", fix: "did you mean \(suggestion)?"))
        } else {
            problems.append(StrategyProblem(
                path: path, message: "unknown field \"\(name)\"",
                fix: "use a field of the vocabulary, e.g. close, sma_50, rsi_14, volume_sma_20, insider_buy_count_30d"))
        }
        return nil
    }

    /// Whether the value has the shape the operator needs (one number, two numbers, a list).
    private func valueShapeProblems() -> [StrategyProblem] {
        let op = condition.operator
        let valuePath = "\(path).value"
        var problems: [StrategyProblem] = []
        switch (op, condition.value) {
        case (.between, .numbers(let values)) where values.count != 2:
            problems.append(StrategyProblem(
                path: valuePath, message: "\"between\" needs exactly two numbers [low, high], found \(values.count)",
                fix: "write the range as [low, high], e.g. [30, 70]"))
        case (.between, .numbers(let values)) where values.allSatisfy(\.isFinite) && values[0] >= values[1]:
            problems.append(StrategyProblem(
                path: valuePath,
                message: "\"between\" range [\(PlainNumber.text(values[0])), \(PlainNumber.text(values[1]))] is empty: the low bound must be below the high one",
                fix: values[0] == values[1]
                    ? "use \"eq\" for a single value, or widen the range"
                    : "write it as [\(PlainNumber.text(values[1])), \(PlainNumber.text(values[0]))]"))
        case (.between, .number(let value)):
            problems.append(StrategyProblem(
                path: valuePath, message: "\"between\" needs two numbers [low, high], found the single number \(PlainNumber.text(value))",
                fix: "write the range as [low, high], or use \"gt\"/\"lt\" with one number"))
        case (.between, .field(let reference)):
            problems.append(StrategyProblem(
                path: valuePath, message: "\"between\" needs two numbers [low, high], found the field \(reference.field)",
                fix: "write the range as [low, high], or compare with the field using \"gt\"/\"lt\""))
        case (.in, .numbers(let values)) where values.isEmpty:
            problems.append(StrategyProblem(
                path: valuePath, message: "\"in\" has an empty list, so the condition never holds",
                fix: "list the accepted values, e.g. [4, 5]"))
        case (.in, .number(let value)):
            problems.append(StrategyProblem(
                path: valuePath, message: "\"in\" needs a list of numbers, found the single number \(PlainNumber.text(value))",
                fix: "write [\(PlainNumber.text(value))], or use \"eq\""))
        case (.in, .field(let reference)):
            problems.append(StrategyProblem(
                path: valuePath, message: "\"in\" needs a list of numbers, found the field \(reference.field)",
                fix: "list the accepted values, e.g. [4, 5], or compare with the field using \"eq\""))
        case (_, .numbers(let values)) where op != .between && op != .in:
            problems.append(StrategyProblem(
                path: valuePath, message: "\"\(op.rawValue)\" compares with one number, found a list of \(values.count)",
                fix: "give one number, or use \"between\" for a range or \"in\" for a set of values"))
        default:
            break
        }
        switch condition.value {
        case .number(let value) where !value.isFinite:
            problems.append(notFinite(value, at: valuePath))
        case .numbers(let values):
            for (index, value) in values.enumerated() where !value.isFinite {
                problems.append(notFinite(value, at: "\(valuePath)[\(index)]"))
            }
        default:
            break
        }
        return problems
    }

    private func notFinite(_ value: Double, at path: String) -> StrategyProblem {
        StrategyProblem(path: path, message: "the value is not a finite number (\(PlainNumber.text(value)))",
                        fix: "write a plain number, e.g. 30")
    }

    /// A right-hand field: its scale, its unit against the left field, and comparing a field with itself.
    private func referenceProblems(_ reference: FieldReference, spec: FieldSpec?, referenceSpec: FieldSpec?) -> [StrategyProblem] {
        var problems: [StrategyProblem] = []
        if let multiplier = reference.multiplier, !multiplier.isFinite || multiplier <= 0 {
            problems.append(StrategyProblem(
                path: "\(path).value.multiplier",
                message: "the multiplier must be a number above 0, found \(PlainNumber.text(multiplier))",
                fix: "write a positive scale, e.g. 2 for \"twice volume_sma_20\", or leave it out for 1"))
        }
        guard let spec, let referenceSpec else { return problems }
        if spec.unit != referenceSpec.unit {
            problems.append(StrategyProblem(
                path: "\(path).value.field",
                message: "compares \(spec.name) (\(spec.unit.label)) with \(referenceSpec.name) (\(referenceSpec.unit.label)), which are in different units",
                fix: "compare with a field of the same unit, or with a number"))
        } else if spec.field == referenceSpec.field, (reference.multiplier ?? 1) == 1 {
            problems.append(StrategyProblem(
                path: "\(path).value.field", message: "compares \(spec.name) with itself, so the result never changes",
                fix: "compare with another field or a number, or add a multiplier"))
        }
        if isCrossing, !referenceSpec.canCross {
            problems.append(cannotCross(referenceSpec, at: "\(path).value.field"))
        }
        return problems
    }

    private var isCrossing: Bool { condition.operator == .crossesAbove || condition.operator == .crossesBelow }

    private func crossingProblems(_ spec: FieldSpec) -> [StrategyProblem] {
        guard isCrossing, !spec.canCross else { return [] }
        return [cannotCross(spec, at: "\(path).operator")]
    }

    private func cannotCross(_ spec: FieldSpec, at path: String) -> StrategyProblem {
        StrategyProblem(
            path: path, message: "\(spec.name) cannot cross anything: it is a yes/no state, not a series that moves",
            fix: #"use "eq" with 1 or 0 instead of "\#(condition.operator.rawValue)""#)
    }

    /// Numbers outside the values a field can take make a condition that is always or never true.
    private func rangeProblems(_ spec: FieldSpec) -> [StrategyProblem] {
        guard let range = spec.validRange else { return [] }
        let values: [(Double, String)] = switch condition.value {
        case .number(let value): [(value, "\(path).value")]
        case .numbers(let values): values.enumerated().map { ($1, "\(path).value[\($0)]") }
        case .field: []
        }
        return values.compactMap { value, valuePath in
            guard value.isFinite, !range.contains(value) else { return nil }
            return StrategyProblem(
                path: valuePath,
                message: "\(spec.name) is \(describe(range)), so \(PlainNumber.text(value)) can never be reached",
                fix: "use a value \(describe(range))\(typicalHint(spec))")
        }
    }

    private func describe(_ range: ClosedRange<Double>) -> String {
        if range.upperBound == .infinity { return "never below \(PlainNumber.text(range.lowerBound))" }
        return "always between \(PlainNumber.text(range.lowerBound)) and \(PlainNumber.text(range.upperBound))"
    }

    private func typicalHint(_ spec: FieldSpec) -> String {
        switch spec.field {
        case .rsi: ", e.g. 30 for oversold or 70 for overbought"
        case .held: " (1 held, 0 not held)"
        case .analystRatingScore: ", e.g. 4 for buy or better"
        default: ""
        }
    }
}

extension FieldUnit {
    /// The unit as a person says it, for messages.
    package var label: String {
        switch self {
        case .percentPoints: "percent"
        case .dollars: "dollars"
        case .shares: "shares"
        case .count: "a count"
        case .ratio: "a ratio"
        case .price: "a price"
        case .score: "a score"
        case .rank: "a rank"
        case .flag: "yes/no"
        }
    }
}
