import Basics
import Foundation

extension AgentLoop {
    /// Runs one call, turning every kind of bad call into an error result the model can read and correct.
    func execute(_ call: ToolCall) async -> ToolOutput {
        await tools.runChecked(call)
    }
}

extension ToolExecutor {
    /// Runs one call, turning every kind of bad call into an error result the caller can read
    /// and correct: unknown tool, malformed JSON, arguments that fail the schema, a handler that throws.
    /// The agent's loop and any other caller of the tools (such as a protocol server) answer alike.
    package func runChecked(_ call: ToolCall) async -> ToolOutput {
        let specs = self.specs
        guard let spec = specs.first(where: { $0.name == call.name }) else {
            let names = specs.map(\.name)
            var details: [String: AgentJSON] = ["valid_tools": .array(names.map(AgentJSON.string))]
            if let guess = EditDistance.closest(to: call.name, in: names) { details["did_you_mean"] = .string(guess) }
            return .error("unknown tool \"\(call.name)\"; call one of the valid tools", details: details)
        }

        let text = call.argumentsJSON.trimmingCharacters(in: .whitespacesAndNewlines)
        let arguments: AgentJSON
        do {
            arguments = text.isEmpty ? .object([:]) : try AgentJSON.parse(text)
        } catch {
            return .error(
                "arguments are not valid JSON: \(error); send one JSON object matching the parameters of \(call.name)",
                details: ["arguments_received": .string(String(text.prefix(400)))])
        }
        guard case .object = arguments else {
            return .error("arguments must be a JSON object, found \(arguments.typeName)")
        }
        let problems = SchemaValidator.problems(in: arguments, against: spec.parametersSchema)
        if !problems.isEmpty {
            let list = problems.map { AgentJSON.object(["path": .string($0.path), "problem": .string($0.message)]) }
            let summary = problems.map(\.description).joined(separator: "; ")
            return .error("arguments do not match the parameters of \(call.name): \(summary)", details: ["problems": .array(list)])
        }

        var checked = call
        checked.argumentsJSON = text.isEmpty ? "{}" : text
        do {
            return try await run(checked)
        } catch is CancellationError {
            return AgentLoop.cancelledOutput
        } catch {
            let message = (error as? any LocalizedError)?.errorDescription ?? String(describing: error)
            return .error("\(call.name) failed: \(message)")
        }
    }
}
