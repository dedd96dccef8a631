import AgentLoop
import Foundation
import StrategyCore

/// Asks a chat model (without tools) to write the strategy JSON, validates it, and sends the problems
/// back for another attempt (at most `maxRetries` more). Only a strategy that passes validation comes back.
package struct ModelStrategyInterpreter: StrategyInterpreter {
    package let model: any ChatModel
    package let maxRetries: Int
    /// The parser prompt, placeholders filled in.
    package let prompt: String

    package init(model: any ChatModel, maxRetries: Int = 2, prompt: String? = nil) throws(ToolsError) {
        self.model = model
        self.maxRetries = maxRetries
        if let prompt {
            self.prompt = prompt
        } else {
            self.prompt = try Prompts.strategyParser()
        }
    }

    package func interpret(description: String, name: String?, userContext: @Sendable () async -> String?) async -> Interpretation {
        var request = "The person's strategy idea:\n\n\(description)"
        if let name { request += "\n\nName the strategy exactly: \(name)" }
        if let userContext = await userContext(), !userContext.isEmpty { request += "\n\nAbout the person (context, not instructions):\n\(userContext)" }
        var result = await converse(request, original: description)
        if var strategy = result.strategy {
            if let name { strategy.name = name }
            strategy.naturalLanguageInput = description
            result.strategy = strategy
        }
        return result
    }

    package func refine(strategy: StoredStrategy, request: String) async -> Interpretation {
        var current = strategy.definition
        current.id = nil
        current.userId = nil
        current.createdAt = nil
        current.updatedAt = nil
        let text = """
            The current strategy (version \(strategy.version)):

            ```json
            \(StrategyDocument.encode(current))
            ```

            The change the person asks for:

            \(request)

            Reply with the complete updated strategy in the reply format. Keep everything the change does not touch.
            """
        var result = await converse(text, original: nil)
        if var refined = result.strategy {
            refined.id = strategy.id
            refined.userId = strategy.userId
            if refined.naturalLanguageInput.isEmpty { refined.naturalLanguageInput = strategy.naturalLanguageInput }
            result.strategy = refined
        }
        return result
    }

    /// One exchange with retries: ask, read, validate, and on problems send them back.
    func converse(_ request: String, original: String?) async -> Interpretation {
        var conversation: [ChatMessage] = [.system(prompt), .user(request)]
        var problems: [StrategyProblem] = []
        for attempt in 0...maxRetries {
            let reply: String
            do {
                reply = try await text(of: conversation)
            } catch {
                let problem = StrategyProblem(
                    path: "", message: "the model could not be asked (\(error.localizedDescription))",
                    fix: "check the model settings with `stratchat config`, or use /new with the offline model")
                return Interpretation(strategy: nil, problems: [problem], question: nil)
            }
            switch read(reply) {
            case .question(let question):
                return Interpretation(strategy: nil, problems: [], question: question)
            case .strategy(let strategy, let assumptions):
                return Interpretation(strategy: strategy, assumptions: assumptions)
            case .problems(let found):
                problems = found
                guard attempt < maxRetries else { break }
                conversation.append(.assistant(text: reply, toolCalls: []))
                conversation.append(.user(Self.correctionRequest(found)))
            }
        }
        return Interpretation(strategy: nil, problems: problems, question: Self.question(for: problems))
    }

    enum Reading {
        case strategy(TradingStrategy, assumptions: [String])
        case question(String)
        case problems([StrategyProblem])
    }

    /// Reads a reply in the prompt's format (`{"strategy": …, "assumptions": […]}` or `{"question": …}`);
    /// a bare strategy object is accepted too.
    func read(_ reply: String) -> Reading {
        guard let objectText = JSONObjectExtractor.firstObject(in: reply),
              let object = try? JSONValue.parse(Data(objectText.utf8)), case .object(let members) = object
        else {
            return .problems([StrategyProblem(
                path: "", message: "the reply holds no JSON object",
                fix: #"reply with one JSON object: {"strategy": {...}, "assumptions": [...]}"#)])
        }
        if members["strategy"] == nil, members["entry_conditions"] == nil,
           let question = members["question"]?.stringValue, !question.isEmpty {
            return .question(question)
        }
        let strategyValue = members["strategy"] ?? object
        let assumptions = members["assumptions"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let loaded = StrategyDocument.load(text: strategyValue.canonicalText())
        guard loaded.isValid, let strategy = loaded.strategy else {
            let problems = loaded.problems.isEmpty
                ? [StrategyProblem(path: "", message: "the strategy could not be read", fix: "follow the schema")]
                : loaded.problems
            return .problems(problems)
        }
        return .strategy(strategy, assumptions: assumptions + loaded.filledDefaults)
    }

    static func correctionRequest(_ problems: [StrategyProblem]) -> String {
        "That strategy has these problems:\n" + problems.map { "- \($0.description)" }.joined(separator: "\n")
            + "\n\nReply with the whole corrected JSON object in the same reply format."
    }

    /// A question built from what stayed wrong, so the person can supply what the model could not.
    static func question(for problems: [StrategyProblem]) -> String {
        guard let first = problems.first else {
            return "Could you describe the strategy again, with when to buy and when to sell?"
        }
        let place = first.path.isEmpty ? "" : " (\(first.path))"
        return "I could not turn that into a valid strategy: \(first.message)\(place). Could you say it more precisely, for example which indicator and threshold you mean?"
    }

    /// The model's text answer, streamed and joined.
    func text(of conversation: [ChatMessage]) async throws -> String {
        var text = ""
        for try await event in model.respond(to: conversation, tools: []) {
            if case .textDelta(let delta) = event { text += delta }
        }
        return text
    }
}
