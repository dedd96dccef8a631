import Foundation
import MCP

/// The strategy tools as a Model Context Protocol server: `tools/list` and `tools/call` over a `ServedTools`,
/// with progress notifications for long calls and cancellation of a call in flight.
///
/// Every handler is registered before the server starts, so no request can arrive at a server that does not
/// know it yet.
package enum StratchatMCPServer {
    package static let name = "stratchat"

    package static let instructions = """
        stratchat keeps a person's stock-trading strategies. Create one from plain words \
        (create_trading_strategy), backtest it on the bundled daily prices or configured data \
        (backtest_strategy), refine it, ask for today's signals, and compare strategies. Strategies are \
        named by id, id prefix or name. Results say which data is synthetic.
        """

    /// A server with every handler registered, not yet started.
    /// - Parameter resources: the person's strategies and reports, which the prompts also read; nil offers tools only.
    package static func make(catalog: any ServedTools, resources: StrategyResources?, version: String) async -> Server {
        let server = Server(
            name: name, version: version, title: "stratchat", instructions: instructions,
            capabilities: .init(
                prompts: resources == nil ? nil : .init(listChanged: false),
                resources: resources == nil ? nil : .init(subscribe: false, listChanged: false),
                tools: .init(listChanged: false)))
        await registerTools(catalog, on: server)
        if let resources {
            await registerResources(resources, on: server)
            await registerPrompts(StrategyPrompts(resources: resources), on: server)
        }
        return server
    }

    /// Serves until the client closes the connection, answers the calls still running, then stops.
    package static func serve(_ server: Server, transport: any Transport) async throws {
        let answering = AnsweringTransport(transport)
        try await server.start(transport: answering)
        await server.waitUntilCompleted()
        // Standard input is closed, but a call sent just before is owed its answer.
        await answering.answered()
        await server.stop()
    }

    static func registerTools(_ catalog: any ServedTools, on server: Server) async {
        let tools = catalog.tools.map { tool in
            Tool(name: tool.name, description: tool.description, inputSchema: tool.inputSchema,
                 annotations: tool.annotations, outputSchema: tool.outputSchema)
        }
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: tools) }
        await server.withMethodHandler(CallTool.self) { [weak server] parameters in
            let reporter = parameters._meta?.progressToken.flatMap { token in
                server.map { ProgressReporter(token: token, server: $0) }
            }
            let result: CatalogResult
            do {
                result = try await catalog.call(parameters.name, arguments: parameters.arguments ?? [:],
                                                progress: reporter?.report)
                await reporter?.finish()
            } catch {
                await reporter?.finish()
                throw error
            }
            // A cancelled call is not answered (the client has stopped waiting).
            try Task.checkCancellation()
            return CallTool.Result(content: content(of: result), structuredContent: result.structured,
                                   isError: result.isError)
        }
    }

    static func registerResources(_ resources: StrategyResources, on server: Server) async {
        await server.withMethodHandler(ListResources.self) { _ in ListResources.Result(resources: try resources.list()) }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in
            ListResourceTemplates.Result(templates: resources.templates)
        }
        await server.withMethodHandler(ReadResource.self) { parameters in
            ReadResource.Result(contents: [try resources.read(parameters.uri)])
        }
    }

    static func registerPrompts(_ prompts: StrategyPrompts, on server: Server) async {
        await server.withMethodHandler(ListPrompts.self) { _ in ListPrompts.Result(prompts: prompts.prompts) }
        await server.withMethodHandler(GetPrompt.self) { parameters in
            try prompts.get(parameters.name, arguments: parameters.arguments ?? [:])
        }
    }

    /// The text a person reads, then (for clients that read only text) the structured result as JSON.
    static func content(of result: CatalogResult) -> [Tool.Content] {
        var content: [Tool.Content] = [.text(text: result.text, annotations: nil, _meta: nil)]
        if let structured = result.structured, let json = try? String(decoding: jsonEncoder.encode(structured), as: UTF8.self),
           json != result.text {
            content.append(.text(text: json, annotations: nil, _meta: nil))
        }
        return content
    }

    static let jsonEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

extension StratchatMCPServer {
    /// Serves `catalog` on standard input and output, newline-delimited JSON-RPC, until standard input closes.
    /// Only protocol messages are written to standard output.
    package static func serveStandardIO(catalog: any ServedTools, resources: StrategyResources?, version: String) async throws {
        let server = await make(catalog: catalog, resources: resources, version: version)
        try await serve(server, transport: StdioTransport())
    }
}
