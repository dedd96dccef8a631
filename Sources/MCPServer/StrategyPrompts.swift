import Foundation
import MCP
import Store
import StrategyCore

/// Conversation starters a client offers its person: describe a strategy, refine the last one, and ask
/// whether a result is overfit. Each names the strategy's stored definition, so the model starts from it.
package struct StrategyPrompts: Sendable {
    package static let describe = "describe-strategy"
    package static let refineLast = "refine-last-strategy"
    package static let overfit = "is-this-overfit"

    let resources: StrategyResources

    package init(resources: StrategyResources) {
        self.resources = resources
    }

    package var prompts: [Prompt] {
        [
            Prompt(name: Self.describe, title: "Describe a strategy",
                   description: "Explain a stored strategy in plain words: what it buys, when it sells, its risk limits, the data it needs and how it last tested.",
                   arguments: [.init(name: "strategy", description: "The strategy's id, id prefix or name", required: true)]),
            Prompt(name: Self.refineLast, title: "Refine my last strategy",
                   description: "Change the most recently edited strategy as asked, then backtest the new version against the old.",
                   arguments: [.init(name: "change", description: "What to change, e.g. \"tighten the stop to 8%\"", required: true)]),
            Prompt(name: Self.overfit, title: "Is this overfit?",
                   description: "Test a strategy out of sample (other years, other tickers) and judge whether its backtest is luck or an edge.",
                   arguments: [.init(name: "strategy", description: "The strategy's id, id prefix or name", required: true)]),
        ]
    }

    package func get(_ name: String, arguments: [String: String]) throws -> GetPrompt.Result {
        switch name {
        case Self.describe:
            let strategy = try resources.resolve(try required("strategy", in: arguments, prompt: name))
            return GetPrompt.Result(description: "Describe \"\(strategy.name)\"", messages: [
                .user(.text(text: """
                    Describe the strategy "\(strategy.name)" (id \(strategy.id)) in plain words for a trader: \
                    what makes it buy, what makes it sell, its stop, target, holding limit and position size, and \
                    the data it needs, saying which data is synthetic. Then summarise its latest backtest if it has \
                    one (get_strategy shows it), or offer to run one with backtest_strategy. Its stored definition follows.
                    """)),
                .user(try embedded(strategy)),
            ])
        case Self.refineLast:
            let change = try required("change", in: arguments, prompt: name)
            let strategies = try resources.store.listStrategies(user: resources.user)
            guard let last = strategies.max(by: { ($0.updatedAt ?? .distantPast, $0.id) < ($1.updatedAt ?? .distantPast, $1.id) }) else {
                throw MCPError.invalidParams("\(resources.user) has no strategies yet; create one with create_trading_strategy first")
            }
            return GetPrompt.Result(description: "Refine \"\(last.name)\"", messages: [
                .user(.text(text: """
                    Refine my strategy "\(last.name)" (id \(last.id), version \(last.version)): \(change)
                    Call refine_strategy with that change, say what changed, then backtest the new version with \
                    backtest_strategy over the same dates as its last backtest and compare the two: total return, \
                    max drawdown, Sharpe, win rate and trade count. Its current definition follows.
                    """)),
                .user(try embedded(last)),
            ])
        case Self.overfit:
            let strategy = try resources.resolve(try required("strategy", in: arguments, prompt: name))
            return GetPrompt.Result(description: "Is \"\(strategy.name)\" overfit?", messages: [
                .user(.text(text: """
                    Is my strategy "\(strategy.name)" (id \(strategy.id)) overfit? Backtest it with \
                    backtest_strategy on its default range, then on earlier years it was not built on, and on other \
                    tickers or universes. Compare the runs' Sharpe, total return, max drawdown and trade count. \
                    Count its tuned numbers (thresholds, periods, stop and target) against its trades: few trades and \
                    many tuned numbers is a warning, as is an edge that vanishes out of sample. Say plainly whether \
                    the result looks like an edge or like luck, and what would make it more robust. Its stored \
                    definition follows.
                    """)),
                .user(try embedded(strategy)),
            ])
        default:
            let names = prompts.map(\.name).joined(separator: ", ")
            throw MCPError.invalidParams("no prompt \"\(name)\"; the prompts are \(names)")
        }
    }

    func required(_ argument: String, in arguments: [String: String], prompt: String) throws -> String {
        guard let value = arguments[argument]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            throw MCPError.invalidParams("the prompt \(prompt) needs the argument \"\(argument)\"")
        }
        return value
    }

    /// The strategy's resource, carried in the prompt.
    func embedded(_ strategy: StoredStrategy) throws -> Prompt.Message.Content {
        let uri = StrategyResources.strategyURI(strategy.id)
        return .resource(resource: .text(try resources.strategyJSON(strategy.id), uri: uri, mimeType: "application/json"))
    }
}
