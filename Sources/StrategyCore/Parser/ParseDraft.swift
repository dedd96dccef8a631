import Foundation

/// Which part of a strategy a clause speaks about.
enum StrategySection: Hashable, Sendable {
    case entry, exit
}

/// How a clause was joined to the one before it.
enum ClauseJoin: Hashable, Sendable {
    case and, or, neutral, sentence
}

/// A risk value as the text gave it: not mentioned, explicitly none, or a number.
enum Stated<Value: Hashable & Sendable>: Hashable, Sendable {
    case unstated
    case none
    case value(Value)
}

/// Everything read from a description so far, before it becomes a `TradingStrategy`.
struct ParseDraft: Sendable {
    struct Entry: Sendable {
        var condition: Condition
        var join: ClauseJoin
        /// Conditions read from the same clause are joined by AND whatever the section's logic.
        var clause: Int
    }

    var entry: [Entry] = []
    var exit: [Entry] = []
    var stop: Stated<Double> = .unstated
    var target: Stated<Double> = .unstated
    var hold: Stated<Int> = .unstated
    var size: Double?
    var riskPerTrade: Double?
    var timeframe: Timeframe?
    var name: String?
    var assumptions: [String] = []
    var unrecognized: [String] = []
    var questions: [String] = []
    /// The text asked to short; conditions were read as the long side would need them mirrored.
    var wantsShort = false
    /// The most recent subject and right-hand side, for "it" and "crosses back below".
    var lastSubject: Field?
    var lastObject: ConditionValue?

    mutating func assume(_ text: String) {
        if !assumptions.contains(text) { assumptions.append(text) }
    }

    mutating func ask(_ text: String) {
        if !questions.contains(text) { questions.append(text) }
    }

    mutating func add(_ condition: Condition, to section: StrategySection, join: ClauseJoin, clause: Int) {
        let list = section == .entry ? entry : exit
        if list.contains(where: { $0.condition == condition }) { return }
        let item = Entry(condition: condition, join: join, clause: clause)
        if section == .entry { entry.append(item) } else { exit.append(item) }
        lastSubject = Field(name: condition.field)
        lastObject = condition.value
    }
}
