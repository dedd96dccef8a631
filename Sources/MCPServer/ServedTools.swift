import MCP

/// The tools the server offers, seen from the protocol's side: what each is called, what it takes and gives,
/// how it behaves, and one way to call it by name. The server knows the tools only through this, so the tool
/// layer behind it can change without touching the protocol code.
package protocol ServedTools: Sendable {
    /// Every tool, in the order a client lists them.
    var tools: [CatalogTool] { get }

    /// Runs the named tool on its arguments. A problem the caller can fix (an unknown tool, a bad argument,
    /// a strategy that does not exist) comes back as a result with `isError`; only cancellation throws.
    /// - Parameter progress: told how far a long call has got.
    func call(_ name: String, arguments: [String: Value], progress: CatalogProgress?) async throws -> CatalogResult
}

/// One tool as a client sees it in `tools/list`.
package struct CatalogTool: Hashable, Sendable {
    package var name: String
    package var description: String
    /// A JSON Schema object for the arguments.
    package var inputSchema: Value
    /// A JSON Schema object for the structured result, when the tool has one.
    package var outputSchema: Value?
    package var annotations: Tool.Annotations

    package init(name: String, description: String, inputSchema: Value, outputSchema: Value? = nil,
                 annotations: Tool.Annotations = nil) {
        self.name = name
        self.description = description
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.annotations = annotations
    }
}

/// What a call gave: text for a person or a client that shows text, the result as JSON, and whether it failed.
package struct CatalogResult: Hashable, Sendable {
    /// The result as a person reads it (a table, a chart, or the fix-it message of a failure).
    package var text: String
    /// The result as data: a JSON object.
    package var structured: Value?
    package var isError: Bool

    package init(text: String, structured: Value?, isError: Bool) {
        self.text = text
        self.structured = structured
        self.isError = isError
    }
}

/// Told `done` of `total` steps of the work named by `message`; called often, from the working task.
package typealias CatalogProgress = @Sendable (_ done: Double, _ total: Double?, _ message: String) -> Void
