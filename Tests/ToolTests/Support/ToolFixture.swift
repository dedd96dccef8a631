import AgentLoop
import Foundation
import MarketData
import Store
import StrategyCore
@testable import Tools

/// A toolbox over a fresh in-memory store and the embedded data set, with a pinned clock and counted ids.
struct ToolFixture {
    static let user = "alice"
    static let otherUser = "bob"
    /// 2026-11-26 12:00 UTC.
    static let clock = Date(timeIntervalSince1970: 1_795_694_400)

    let store: StratStore
    let model: ScriptedChatModel
    let toolbox: StrategyToolbox

    init(replies: [String] = [], user: String = ToolFixture.user, width: Int = 100, color: Bool = false, offline: Bool = false) throws {
        let counter = Counter()
        let now: @Sendable () -> Date = { ToolFixture.clock }
        store = try StratStore.inMemory(now: now, makeId: { counter.next("id") })
        model = ScriptedChatModel(replies)
        let interpreter: any StrategyInterpreter = offline ? TextParserStrategyInterpreter() : try ModelStrategyInterpreter(model: model)
        let context = ToolContext(
            store: store, userId: user, marketData: try MarketData.offline(), settings: ToolSettings(displayWidth: width, color: color),
            interpreter: interpreter, now: now, makeId: { counter.next("tool") })
        toolbox = StrategyToolbox(context: context)
    }

    /// The same store and data, seen as another user.
    func toolbox(for user: String) -> StrategyToolbox {
        var context = toolbox.context
        context.userId = user
        return StrategyToolbox(context: context)
    }

    func call(_ name: String, _ arguments: AgentJSON) async throws -> ToolOutput {
        try await toolbox.run(ToolCall(id: "call", name: name, argumentsJSON: arguments.compactText))
    }

    /// Stores a strategy directly, for tests of the tools that take an id.
    @discardableResult
    func add(_ strategy: TradingStrategy = Samples.rsiDip, user: String = ToolFixture.user) throws -> StoredStrategy {
        try store.createStrategy(strategy, user: user)
    }
}

/// Ids "id-1", "id-2", … so tests can name them.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Int] = [:]

    func next(_ prefix: String) -> String {
        lock.withLock {
            values[prefix, default: 0] += 1
            return "\(prefix)-\(values[prefix]!)-0000-0000"
        }
    }
}

extension ToolOutput {
    /// The model's face parsed back, to read fields.
    var json: AgentJSON { (try? AgentJSON.parse(modelContent)) ?? .null }
}
