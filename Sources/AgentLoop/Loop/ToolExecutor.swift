/// The tools a loop may call. The loop checks names and arguments before `run` is reached,
/// so `run` sees only known tools with arguments that match their schema.
package protocol ToolExecutor: Sendable {
    var specs: [ToolSpec] { get }

    /// Runs one call. A failure the model can fix should come back as `ToolOutput(isError: true)`;
    /// a thrown error is also turned into an error result with its description.
    func run(_ call: ToolCall) async throws -> ToolOutput
}

/// A tool's answer, with two faces: compact JSON for the model, and text for the person.
package struct ToolOutput: Codable, Hashable, Sendable {
    /// Compact JSON text the model reads.
    package var modelContent: String
    /// What the person sees (a table, a chart); `nil` when the tool has nothing to show.
    package var display: String?
    package var isError: Bool

    package init(modelContent: String, display: String? = nil, isError: Bool = false) {
        self.modelContent = modelContent
        self.display = display
        self.isError = isError
    }

    /// A typed result: its encoding is the JSON the model reads.
    package init<Result: ModelResult>(result: Result, display: String?, isError: Bool = false) {
        let json = (try? AgentJSON(encoding: result)) ?? .null
        self.init(modelContent: json.compactText, display: display, isError: isError)
    }

    /// An error result: `{"error": message, …details}` for the model, the message for the person.
    package static func error(_ message: String, details: [String: AgentJSON] = [:]) -> ToolOutput {
        var object = details
        object["error"] = .string(message)
        return ToolOutput(modelContent: AgentJSON.object(object).compactText, display: message, isError: true)
    }
}
