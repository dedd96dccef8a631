import Foundation

/// Finds conditions joined by AND that no value can meet together (`rsi_14 < 30 AND rsi_14 > 70`),
/// a slip that otherwise shows up only as a backtest with zero trades.
enum ConditionConsistency {
    static func problems(_ conditions: [Condition], logic: Logic, listKey: String) -> [StrategyProblem] {
        guard logic == .and else { return [] }
        var intervals: [String: (interval: Interval, texts: [String])] = [:]
        var problems: [StrategyProblem] = []
        for (index, condition) in conditions.enumerated() {
            guard let field = Field(name: condition.field), let interval = Interval(condition) else { continue }
            let name = field.name
            let text = condition.plainText
            let known = intervals[name] ?? (Interval.everything, [])
            let combined = known.interval.intersection(interval)
            if combined.isEmpty {
                let earlier = known.texts.joined(separator: " and ")
                problems.append(StrategyProblem(
                    path: "\(listKey)[\(index)].value",
                    message: "\(text) can never hold together with \(earlier): no value of \(name) meets both",
                    fix: "change one of the thresholds, or combine them with \"OR\" (\(listKey == "entry_conditions" ? "entry_logic" : "exit_logic"))"))
                continue
            }
            intervals[name] = (combined, known.texts + [text])
        }
        return problems
    }

    /// The values a single numeric condition allows, as one interval with open or closed ends.
    struct Interval {
        var low: Double
        var lowOpen: Bool
        var high: Double
        var highOpen: Bool

        static let everything = Interval(low: -.infinity, lowOpen: true, high: .infinity, highOpen: true)

        /// Nil for conditions that are not one interval of a number (lists, field references, bad shapes).
        init?(_ condition: Condition) {
            switch (condition.operator, condition.value) {
            case (.gt, .number(let v)), (.crossesAbove, .number(let v)): self.init(low: v, lowOpen: true, high: .infinity, highOpen: true)
            case (.gte, .number(let v)): self.init(low: v, lowOpen: false, high: .infinity, highOpen: true)
            case (.lt, .number(let v)), (.crossesBelow, .number(let v)): self.init(low: -.infinity, lowOpen: true, high: v, highOpen: true)
            case (.lte, .number(let v)): self.init(low: -.infinity, lowOpen: true, high: v, highOpen: false)
            case (.eq, .number(let v)): self.init(low: v, lowOpen: false, high: v, highOpen: false)
            case (.between, .numbers(let values)) where values.count == 2 && values[0] < values[1]:
                self.init(low: values[0], lowOpen: false, high: values[1], highOpen: false)
            default: return nil
            }
            guard low.isFinite || high.isFinite, !low.isNaN, !high.isNaN else { return nil }
        }

        init(low: Double, lowOpen: Bool, high: Double, highOpen: Bool) {
            self.low = low
            self.lowOpen = lowOpen
            self.high = high
            self.highOpen = highOpen
        }

        var isEmpty: Bool { low > high || (low == high && (lowOpen || highOpen)) }

        func intersection(_ other: Interval) -> Interval {
            var out = self
            if other.low > low || (other.low == low && other.lowOpen) {
                out.low = other.low
                out.lowOpen = other.lowOpen || (other.low == low && lowOpen)
            }
            if other.high < high || (other.high == high && other.highOpen) {
                out.high = other.high
                out.highOpen = other.highOpen || (other.high == high && highOpen)
            }
            return out
        }
    }
}
