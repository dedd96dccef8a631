import Foundation
@testable import StrategyCore

/// The parser's evaluation phrasings and a scorer that compares what the parser read with what each case expects.
enum ParserFixtures {
    struct Risk: Decodable, Equatable {
        var stop_loss_pct: Double?
        var take_profit_pct: Double?
        var max_hold_days: Int?
        var position_size_pct: Double
        var risk_per_trade_pct: Double?
    }

    struct Case: Decodable {
        var text: String
        var timeframe: String?
        var entry: [String]?
        var entry_logic: String?
        var exit: [String]?
        var exit_logic: String?
        var risk: Risk?
        /// A word the clarifying question must contain; empty means any question.
        var question: String?
    }

    struct Suite: Decodable {
        var cases: [Case]
    }

    static func suite(_ file: String) throws -> [Case] {
        let url = ModelFixtures.directory.appendingPathComponent("parser/\(file)")
        return try JSONDecoder().decode(Suite.self, from: Data(contentsOf: url)).cases
    }

    /// Reads `field op value` as the fixtures write it. Deliberately separate from the parser's own
    /// precise-form reader, so a bug there cannot make a wrong expectation look right.
    static func condition(_ text: String) -> Condition? {
        let parts = text.split(separator: " ").map(String.init)
        guard parts.count >= 3 else { return nil }
        let ops: [String: ConditionOperator] = ["<": .lt, ">": .gt, "<=": .lte, ">=": .gte, "=": .eq,
                                                "crosses_above": .crossesAbove, "crosses_below": .crossesBelow, "between": .between]
        guard let op = ops[parts[1]] else { return nil }
        let rest = Array(parts[2...])
        let value: ConditionValue
        if op == .between, rest.count == 3, rest[1] == "and", let low = Double(rest[0]), let high = Double(rest[2]) {
            value = .numbers([low, high])
        } else if rest.count == 3, rest[1] == "*", let k = Double(rest[0]) {
            value = .field(FieldReference(field: rest[2], multiplier: k))
        } else if rest.count == 1, let number = Double(rest[0]) {
            value = .number(number)
        } else if rest.count == 1 {
            value = .field(FieldReference(field: rest[0]))
        } else {
            return nil
        }
        return Condition(field: parts[0], operator: op, value: value)
    }

    /// A condition as comparable text (`logic` left out: the list's logic decides).
    static func key(_ condition: Condition) -> String {
        let value: String = switch condition.value {
        case .number(let v): "\(v)"
        case .numbers(let vs): vs.map { "\($0)" }.joined(separator: ",")
        case .field(let reference): "\(reference.multiplier ?? 1)*\(reference.field)"
        }
        return "\(condition.field) \(condition.operator.rawValue) \(value)"
    }

    /// Nil when the result matches the case; otherwise what differs.
    static func mismatch(_ expected: Case, _ result: ParseResult) -> String? {
        var problems: [String] = []
        if let word = expected.question {
            guard let question = result.question else { return "expected a question about \"\(word)\", got none" }
            if !word.isEmpty, !question.lowercased().contains(word.lowercased()) {
                problems.append("question lacks \"\(word)\": \(question)")
            }
            if expected.entry == nil { return problems.first }
        } else if let question = result.question {
            problems.append("unexpected question: \(question)")
        }
        guard let strategy = result.strategy else { return (problems + ["no strategy"]).joined(separator: "; ") }
        func compare(_ label: String, _ want: [String]?, _ got: [Condition]) {
            let wanted = (want ?? []).map { condition($0).map(key) ?? "UNREADABLE \($0)" }.sorted()
            let have = got.map(key).sorted()
            if wanted != have { problems.append("\(label): want \(wanted) got \(have)") }
        }
        compare("entry", expected.entry, strategy.entryConditions)
        compare("exit", expected.exit, strategy.exitConditions)
        if strategy.entryConditions.count > 1, strategy.entryLogic.rawValue != (expected.entry_logic ?? "AND") {
            problems.append("entry logic \(strategy.entryLogic.rawValue)")
        }
        if strategy.exitConditions.count > 1, strategy.exitLogic.rawValue != (expected.exit_logic ?? "OR") {
            problems.append("exit logic \(strategy.exitLogic.rawValue)")
        }
        if strategy.timeframe.rawValue != (expected.timeframe ?? "medium_term") {
            problems.append("timeframe \(strategy.timeframe.rawValue)")
        }
        if let risk = expected.risk {
            let r = strategy.riskParameters
            let got = Risk(stop_loss_pct: r.stopLossPct, take_profit_pct: r.takeProfitPct, max_hold_days: r.maxHoldDays,
                           position_size_pct: r.positionSizePct, risk_per_trade_pct: r.riskPerTradePct)
            if got != risk { problems.append("risk want \(risk) got \(got)") }
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    /// Runs a suite; returns the share matched and the failures.
    static func score(_ cases: [Case]) -> (accuracy: Double, failures: [String]) {
        let parser = StrategyTextParser()
        var failures: [String] = []
        for item in cases {
            if let problem = mismatch(item, parser.parse(item.text)) {
                failures.append("\"\(item.text)\": \(problem)")
            }
        }
        let accuracy = cases.isEmpty ? 0 : Double(cases.count - failures.count) / Double(cases.count)
        return (accuracy, failures)
    }
}
