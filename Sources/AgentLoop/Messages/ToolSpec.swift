/// A tool as the model is told about it: its name, what it is for, and a JSON Schema of its arguments.
///
/// The loop also checks arguments against `parametersSchema` before running a tool, so
/// a handler only ever sees arguments of the right shape (see `SchemaValidator`).
package struct ToolSpec: Codable, Hashable, Sendable {
    package var name: String
    package var description: String
    /// A JSON Schema object (`type`, `properties`, `required`, `enum`, `items`, …).
    package var parametersSchema: AgentJSON

    package init(name: String, description: String, parametersSchema: AgentJSON) {
        self.name = name
        self.description = description
        self.parametersSchema = parametersSchema
    }
}
