import Foundation
import StrategyCore

/// What an interpreter made of a person's words: a valid strategy, or the problems and one question to ask.
package struct Interpretation: Hashable, Sendable {
    /// A strategy that passed validation; nil when none could be built.
    package var strategy: TradingStrategy?
    /// Why no strategy came out (empty when `strategy` is set).
    package var problems: [StrategyProblem]
    /// What to ask the person so the next attempt can succeed.
    package var question: String?
    /// Choices made that the person did not state, and defaults filled in, in plain words.
    package var assumptions: [String]

    package init(strategy: TradingStrategy?, problems: [StrategyProblem] = [], question: String? = nil, assumptions: [String] = []) {
        self.strategy = strategy
        self.problems = problems
        self.question = question
        self.assumptions = assumptions
    }
}

/// Turns plain words into strategies. Implementations must only return strategies that pass
/// `StrategyValidator`; anything else comes back as problems and a question.
package protocol StrategyInterpreter: Sendable {
    /// A new strategy from a description.
    /// - Parameters:
    ///   - name: the name to give it; nil lets the interpreter choose.
    ///   - userContext: facts about the person (their trading history), as text, or nil; asked for only by
    ///     an interpreter that uses it, since reading a long record costs time on every create.
    func interpret(description: String, name: String?, userContext: @Sendable () async -> String?) async -> Interpretation

    /// The whole strategy after applying `request` to `strategy` (which keeps its id; the caller stores the new version).
    func refine(strategy: StoredStrategy, request: String) async -> Interpretation
}
