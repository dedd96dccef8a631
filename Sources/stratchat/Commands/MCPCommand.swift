import ArgumentParser
import Foundation
import MarketData
import MCPServer
import Store
import Tools

/// `stratchat mcp`: the strategy tools as a Model Context Protocol server on standard input and output.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the strategy tools to an MCP client (Claude Desktop, Claude Code, Cursor, Codex).",
        discussion: """
            Speaks the Model Context Protocol as newline-delimited JSON-RPC on standard input and output, \
            so an agent can create, backtest, refine and compare this user's strategies with the chat's \
            own tools. Standard output carries protocol messages only; notes and errors go to standard \
            error. The server stops when standard input closes.

            The home folder, user, data sources and backtest defaults are the chat's (--home, --user, \
            STRATCHAT_HOME, STRATCHAT_USER, FMP_API_KEY, config.toml). Plain-words strategies are read by \
            the built-in parser, so no model key is needed.

            Exit codes: 0 the client closed the connection; 1 the connection failed; 2 bad settings or a \
            database that cannot be opened.

            Example client configuration (Claude Desktop, Cursor):
              {"mcpServers": {"stratchat": {"command": "stratchat", "args": ["mcp"]}}}
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let status = await Self.serve(options: options)
        if status != 0 { throw ExitCode(status) }
    }

    static func serve(options: GlobalOptions) async -> Int32 {
        let console = StandardConsole()
        let environment = HostEnvironment.current()
        let launch = options.launch(environment: environment)
        let settings: Settings
        let store: StratStore
        do {
            settings = try options.loadSettings(paths: launch.paths, environment: environment)
            try launch.paths.ensureHomeExists()
            do {
                store = try StratStore.open(at: launch.paths.database.path)
            } catch {
                throw StratchatError.storeUnavailable(path: launch.paths.database.path, message: error.localizedDescription)
            }
        } catch {
            console.writeError("error: " + ((error as? any LocalizedError)?.errorDescription ?? "\(error)"))
            return 2
        }
        store.notices.forEach { console.writeError("note: " + $0) }
        defer {
            do { try store.close() } catch { console.writeError("warning: " + error.localizedDescription) }
        }
        let variables = DataSources.liveVariables(settings: settings, environment: environment)
        let tools = SessionTools.toolSettings(settings, style: OutputStyle(color: false, ascii: settings.ascii, width: nil))
        let user = launch.user
        // The data is loaded on the first call, so the server answers `initialize` at once.
        let catalog = StrategyToolCatalog {
            let data = try MarketData.configured(environment: variables, storage: store, cache: store)
            return ToolContext(store: store, userId: user, marketData: data, settings: tools,
                               interpreter: TextParserStrategyInterpreter())
        }
        console.writeError("stratchat mcp: serving \(user)'s strategies from \(launch.paths.database.path) on standard input and output")
        do {
            try await StratchatMCPServer.serveStandardIO(
                catalog: catalog, resources: StrategyResources(store: store, user: user), version: Stratchat.version)
        } catch {
            console.writeError("error: the MCP connection failed: " + ((error as? any LocalizedError)?.errorDescription ?? "\(error)"))
            return 1
        }
        return 0
    }
}
