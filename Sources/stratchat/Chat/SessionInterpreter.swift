import AgentLoop
import StrategyCore
import Tools

/// Reads strategies the way the session's current model calls for: the built-in text parser when the
/// model is the offline one (or a replay of an offline session), otherwise the model itself.
///
/// Decided at each call, since `/model` can switch models in the middle of a session.
struct SessionInterpreter: StrategyInterpreter {
    let model: any ChatModel
    let viaModel: ModelStrategyInterpreter
    let offline = TextParserStrategyInterpreter()

    init(model: any ChatModel) throws {
        self.model = model
        viaModel = try ModelStrategyInterpreter(model: model)
    }

    static func isOffline(_ name: String) -> Bool {
        name == OfflineModel.modelName || name == "replay:\(OfflineModel.modelName)"
    }

    private var current: any StrategyInterpreter {
        Self.isOffline(model.name) ? offline : viaModel
    }

    func interpret(description: String, name: String?, userContext: @Sendable () async -> String?) async -> Interpretation {
        await current.interpret(description: description, name: name, userContext: userContext)
    }

    func refine(strategy: StoredStrategy, request: String) async -> Interpretation {
        await current.refine(strategy: strategy, request: request)
    }
}
