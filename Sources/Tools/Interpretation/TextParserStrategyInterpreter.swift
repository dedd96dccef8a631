import Foundation
import StrategyCore

/// The offline interpreter: StrategyCore's rule-based text parser, no model and no network.
///
/// It reads the same plain words the model path does; what it cannot place comes back as a problem and
/// its clarifying question, never as a guessed condition.
package struct TextParserStrategyInterpreter: StrategyInterpreter {
    let parser = StrategyTextParser()

    package init() {}

    /// The parser reads the words alone: the person's record is never asked for.
    package func interpret(description: String, name: String?, userContext: @Sendable () async -> String?) async -> Interpretation {
        let result = parser.parse(description)
        var problems: [StrategyProblem] = []
        if let error = result.error {
            problems.append(StrategyProblem(path: "", message: "column \(error.column): \(error.message)", fix: error.fix))
        }
        problems += result.unrecognized.map {
            StrategyProblem(path: "", message: "could not place \"\($0)\"", fix: "say it with a field and a threshold, e.g. \"RSI below 30\"")
        }
        guard result.isComplete, var strategy = result.strategy else {
            return Interpretation(strategy: nil, problems: problems, question: result.question, assumptions: result.assumptions)
        }
        if let name { strategy.name = name }
        strategy.naturalLanguageInput = description
        let remaining = StrategyValidator.validate(strategy)
        guard remaining.isEmpty else {
            return Interpretation(strategy: nil, problems: remaining, question: result.question, assumptions: result.assumptions)
        }
        let notes = result.unrecognized.isEmpty ? [] : ["ignored words it could not place: " + result.unrecognized.joined(separator: ", ")]
        return Interpretation(strategy: strategy, assumptions: result.assumptions + notes)
    }

    package func refine(strategy: StoredStrategy, request: String) async -> Interpretation {
        let result = parser.refine(strategy.definition, with: request)
        guard result.question == nil, let refined = result.strategy else {
            let problems = result.unrecognized.map {
                StrategyProblem(path: "", message: "could not place \"\($0)\"", fix: "name the rule and the new value, e.g. \"stop loss 6%\"")
            }
            return Interpretation(strategy: nil, problems: problems, question: result.question, assumptions: result.assumptions)
        }
        let remaining = StrategyValidator.validate(refined)
        guard remaining.isEmpty else {
            return Interpretation(strategy: nil, problems: remaining, question: nil, assumptions: result.assumptions)
        }
        let notes = result.unrecognized.isEmpty ? [] : ["left out words it could not place: " + result.unrecognized.joined(separator: ", ")]
        return Interpretation(strategy: refined, assumptions: result.assumptions + notes)
    }
}
