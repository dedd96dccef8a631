import Foundation
import MarketData
import MCP
@testable import MCPServer
import Store
import StrategyCore
import Tools

/// A server over a fresh in-memory store and the embedded data, and the SDK's client talking to it through
/// an in-memory transport pair: the whole protocol path without a process.
struct MCPFixture {
    static let user = "alice"

    let store: StratStore
    let context: ToolContext
    let catalog: ObservedCatalog
    let server: Server
    let client: Client

    init(marketData: MarketData? = nil) async throws {
        let counter = IdCounter()
        let clock = SteppingClock()
        let now: @Sendable () -> Date = { clock.next() }
        store = try StratStore.inMemory(now: now, makeId: { counter.next("id") })
        context = ToolContext(
            store: store, userId: Self.user, marketData: try marketData ?? MarketData.offline(),
            interpreter: TextParserStrategyInterpreter(), now: now, makeId: { counter.next("tool") })
        let context = self.context
        catalog = ObservedCatalog(StrategyToolCatalog { context })
        server = await StratchatMCPServer.make(
            catalog: catalog, resources: StrategyResources(store: store, user: Self.user, now: now), version: "test")
        let (clientSide, serverSide) = await InMemoryTransport.createConnectedPair()
        try await server.start(transport: serverSide)
        client = Client(name: "stratchat-tests", version: "1")
        _ = try await client.connect(transport: clientSide)
    }

    func close() async {
        await client.disconnect()
        await server.stop()
    }

    /// Calls a tool and returns the whole result, structured content included.
    func call(_ name: String, _ arguments: [String: Value] = [:], meta: Metadata? = nil) async throws -> CallTool.Result {
        try await client.send(CallTool.request(.init(name: name, arguments: arguments, meta: meta))).value
    }

    /// Creates a strategy through the server and returns its id.
    func createRSIDip() async throws -> String {
        let result = try await call(ToolName.createTradingStrategy.rawValue, [
            "strategy_description": "buy when rsi_14 is below 30, sell when rsi_14 is above 70",
            "strategy_name": "RSI dip",
        ])
        guard result.isError != true, let id = result.structuredContent?.objectValue?["strategy_id"]?.stringValue else {
            throw FixtureError("create_trading_strategy failed: \(result.content)")
        }
        return id
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A clock that starts at 2026-11-26 12:00 UTC and moves one second each time it is read, so "the latest"
/// is always well defined.
final class SteppingClock: @unchecked Sendable {
    private let lock = NSLock()
    private var reads = 0

    func next() -> Date {
        lock.withLock {
            reads += 1
            return Date(timeIntervalSince1970: 1_795_694_400 + Double(reads))
        }
    }
}

/// Ids "id-1-0000-0000", … so tests can name them.
final class IdCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Int] = [:]

    func next(_ prefix: String) -> String {
        lock.withLock {
            values[prefix, default: 0] += 1
            return "\(prefix)-\(values[prefix]!)-0000-0000"
        }
    }
}

/// The real catalog, with a record of each call as it ends (returned or threw), so a test can wait for the
/// server to finish a call whose answer the client no longer waits for.
final class ObservedCatalog: ServedTools, @unchecked Sendable {
    enum Ending: Equatable { case returned(isError: Bool), threw(String) }

    private let inner: any ServedTools
    let endings: AsyncStream<(name: String, ending: Ending)>
    private let endingsContinuation: AsyncStream<(name: String, ending: Ending)>.Continuation

    init(_ inner: any ServedTools) {
        self.inner = inner
        (endings, endingsContinuation) = AsyncStream.makeStream()
    }

    var tools: [CatalogTool] { inner.tools }

    func call(_ name: String, arguments: [String: Value], progress: CatalogProgress?) async throws -> CatalogResult {
        do {
            let result = try await inner.call(name, arguments: arguments, progress: progress)
            endingsContinuation.yield((name, .returned(isError: result.isError)))
            return result
        } catch {
            endingsContinuation.yield((name, .threw(String(describing: type(of: error)))))
            throw error
        }
    }
}

extension Tool.Content {
    var textValue: String? {
        if case .text(let text, _, _) = self { return text }
        return nil
    }
}

extension CallTool.Result {
    /// The first text block: what a person reads.
    var text: String { content.first?.textValue ?? "" }
}
