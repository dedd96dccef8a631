/// A tool as the model is told about it: its name, what it is for, and a JSON Schema of its arguments.
///
/// The loop also checks arguments against `parametersSchema` before running a tool, so
/// a handler only ever sees arguments of the right shape (see `SchemaValidator`).
public struct ToolSpec: Codable, Hashable, Sendable {
    public var name: String
    public var description: String
    /// A JSON Schema object (`type`, `properties`, `required`, `enum`, `items`, …).
    public var parametersSchema: AgentJSON

    public init(name: String, description: String, parametersSchema: AgentJSON) {
        self.name = name
        self.description = description
        self.parametersSchema = parametersSchema
    }
}
