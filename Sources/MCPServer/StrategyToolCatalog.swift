import AgentLoop
import Foundation
import MCP
import Tools

/// The chat's strategy tools offered as a `ServedTools`: the same names, argument schemas and handlers, run
/// through the same checks, so a client gets the fix-it message a chat model gets for the same mistake.
///
/// This is the one place the server meets the tool layer.
package struct StrategyToolCatalog: ServedTools {
    private let context: LazyContext

    /// - Parameter makeContext: builds the tools' store, data and settings on the first call, so listing the
    ///   tools (and a server's start) needs no market data.
    package init(makeContext: @escaping @Sendable () async throws -> ToolContext) {
        context = LazyContext(make: makeContext)
    }

    package var tools: [CatalogTool] {
        Tools.ToolCatalog.entries.map { entry in
            CatalogTool(name: entry.name.rawValue, description: entry.description, inputSchema: Value(entry.inputSchema),
                        outputSchema: Value(Self.objectSchema(entry.outputSchema)), annotations: Self.annotations(entry.annotations))
        }
    }

    package func call(_ name: String, arguments: [String: Value], progress: CatalogProgress?) async throws -> CatalogResult {
        var context: ToolContext
        do {
            context = try await self.context.value()
        } catch {
            let message = (error as? any LocalizedError)?.errorDescription ?? "\(error)"
            return CatalogResult(text: message, structured: ["error": .string(message)], isError: true)
        }
        context.progress = progress.map(ForwardedProgress.init)
        let argumentsJSON = String(decoding: try JSONEncoder().encode(arguments), as: UTF8.self)
        let output = await StrategyToolbox(context: context)
            .runChecked(ToolCall(id: "mcp", name: name, argumentsJSON: argumentsJSON))
        try Task.checkCancellation()
        return CatalogResult(text: output.display ?? output.modelContent,
                             structured: (try? AgentJSON.parse(output.modelContent)).map(Value.init),
                             isError: output.isError)
    }

    /// What a client may assume about a tool, from the tool's own annotations: deleting destroys; looking,
    /// scanning and comparing change nothing the person made (signals are logged, the same signal once); nothing
    /// reaches beyond the store and the configured data.
    static func annotations(_ tool: ToolAnnotations) -> Tool.Annotations {
        if tool.destructive {
            return Tool.Annotations(readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false)
        }
        if tool.readOnly { return Tool.Annotations(readOnlyHint: true, idempotentHint: true, openWorldHint: false) }
        return Tool.Annotations(readOnlyHint: false, destructiveHint: false, openWorldHint: false)
    }

    /// MCP asks for an object schema at the top; a result that is one of several objects (a strategy stored, or
    /// a question and nothing stored) says so beside its choices.
    static func objectSchema(_ schema: AgentJSON) -> AgentJSON {
        guard case .object(var object) = schema, object["type"] == nil else { return schema }
        object["type"] = "object"
        return .object(object)
    }
}

extension Value {
    /// The same JSON as the protocol's value, built member by member. Decoding the JSON text instead would
    /// test every string for a data URL with a freshly built regular expression, which was most of a cold
    /// start. Whole numbers become integers, as decoding would make them; NaN and infinity become null, as
    /// `AgentJSON.compactText` writes them.
    init(_ json: AgentJSON) {
        switch json {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .number(let value) where !value.isFinite: self = .null
        case .number(let value) where value == value.rounded() && abs(value) < 1e15: self = .int(Int(value))
        case .number(let value): self = .double(value)
        case .string(let value): self = .string(value)
        case .array(let values): self = .array(values.map(Value.init))
        case .object(let members): self = .object(members.mapValues(Value.init))
        }
    }
}

/// Passes the tools' progress on to the caller's reporter.
private struct ForwardedProgress: ProgressSink {
    let report: CatalogProgress
    init(_ report: @escaping CatalogProgress) { self.report = report }

    func update(_ label: String, done: Int, total: Int) { report(Double(done), Double(total), label) }
    func finish() {}
}

/// The tools' context, built once on first use (calls that arrive meanwhile wait for the same build); a failed
/// build is tried again on the next call.
private actor LazyContext {
    private let make: @Sendable () async throws -> ToolContext
    private var building: Task<ToolContext, any Error>?

    init(make: @escaping @Sendable () async throws -> ToolContext) { self.make = make }

    func value() async throws -> ToolContext {
        let task = building ?? Task { [make] in try await make() }
        building = task
        do {
            return try await task.value
        } catch {
            if building == task { building = nil }
            throw error
        }
    }
}
