import Foundation

/// What the text parser made of a description: the strategy, everything it assumed, what it could not
/// read, and a question when the idea cannot be tested as written.
///
/// The parser never guesses silently: every default it applies appears in `assumptions`. When `question`
/// is nil the strategy is present and passes `StrategyValidator`; when it is set, `strategy` holds what
/// was understood (or nil) and the question says what is missing.
package struct ParseResult: Codable, Hashable, Sendable {
    package var strategy: TradingStrategy?
    /// Defaults and readings applied, in plain words ("RSI period 14 by default").
    package var assumptions: [String]
    /// Words or phrases the parser could not place.
    package var unrecognized: [String]
    /// A clarifying question when the idea is too vague to test, or not expressible.
    package var question: String?
    /// Set when the text was written in the precise form and has an error at a known column.
    package var error: StrategyParseError?
    /// Set when the text asked to sell short and `strategy` is the nearest long strategy, which `question`
    /// offers instead. Not written to JSON: the question says it in words.
    package var offersLongVersion = false

    enum CodingKeys: String, CodingKey { case strategy, assumptions, unrecognized, question, error }

    package init(
        strategy: TradingStrategy?, assumptions: [String] = [], unrecognized: [String] = [], question: String? = nil,
        error: StrategyParseError? = nil
    ) {
        self.strategy = strategy
        self.assumptions = assumptions
        self.unrecognized = unrecognized
        self.question = question
        self.error = error
    }

    /// True when the text became a strategy that can be tested as it stands.
    package var isComplete: Bool { strategy != nil && question == nil }
}

/// The outcome of editing an existing strategy with a sentence ("tighten the stop to 6%").
package struct RefineResult: Codable, Hashable, Sendable {
    /// The edited strategy; nil when nothing could be changed (then `question` says why).
    package var strategy: TradingStrategy?
    /// Each change made, in plain words ("stop loss 10% → 6%").
    package var changes: [String]
    package var assumptions: [String]
    package var unrecognized: [String]
    package var question: String?

    package init(
        strategy: TradingStrategy?, changes: [String] = [], assumptions: [String] = [], unrecognized: [String] = [],
        question: String? = nil
    ) {
        self.strategy = strategy
        self.changes = changes
        self.assumptions = assumptions
        self.unrecognized = unrecognized
        self.question = question
    }
}

/// A mistake in the precise strategy form, with the 1-based column where it starts.
package struct StrategyParseError: Error, LocalizedError, Codable, Hashable, Sendable {
    package var column: Int
    package var message: String
    package var fix: String

    package init(column: Int, message: String, fix: String) {
        self.column = column
        self.message = message
        self.fix = fix
    }

    /// `col 17: unknown field rsi14 — did you mean rsi_14?`
    package var errorDescription: String? { "col \(column): \(message) — \(fix)" }
    package var recoverySuggestion: String? { fix }
}
