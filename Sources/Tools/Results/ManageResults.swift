import AgentLoop
import Foundation
import StrategyCore

/// What `list_user_strategies` returns.
package struct StrategyListResult: DescribedResult, Decodable, Hashable, Sendable {
    package var activeOnly: Bool
    package var count: Int
    package var strategies: [Item]

    package init(activeOnly: Bool, strategies: [Item]) {
        self.activeOnly = activeOnly
        self.count = strategies.count
        self.strategies = strategies
    }

    /// One strategy in the list.
    package struct Item: ModelResult, Decodable, Hashable, Sendable {
        package var strategyId: String
        package var name: String
        package var version: Int
        package var status: String
        package var timeframe: String
        package var rules: PlainRules
        package var lastBacktestReturnPct: Double?

        package init(strategyId: String, name: String, version: Int, status: String, timeframe: String, rules: PlainRules, lastBacktestReturnPct: Double?) {
            self.strategyId = strategyId
            self.name = name
            self.version = version
            self.status = status
            self.timeframe = timeframe
            self.rules = rules
            self.lastBacktestReturnPct = lastBacktestReturnPct
        }

        enum CodingKeys: String, CodingKey {
            case strategyId = "strategy_id", name, version, status, timeframe, rules = "summary"
            case lastBacktestReturnPct = "last_backtest_return_pct"
        }

        static let schema = ObjectSchema(required: [
            "strategy_id": .string, "name": .string, "version": .integer, "status": .string, "timeframe": .string,
            "summary": .array(.string),
        ], nullable: ["last_backtest_return_pct": .number])
    }

    enum CodingKeys: String, CodingKey { case activeOnly = "active_only", count, strategies }

    package static let outputSchema = ValueSchema.object(ObjectSchema(required: [
        "active_only": .boolean, "count": .integer, "strategies": .array(.object(Item.schema)),
    ]))
}

/// What `get_strategy` returns: the strategy with its history and last backtest.
package struct StrategyDetailResult: DescribedResult, Decodable, Hashable, Sendable {
    package var strategy: StrategyFacts
    package var description: String
    package var naturalLanguageInput: String
    package var versions: [Version]
    /// Left out of the JSON when the strategy was never backtested.
    package var lastBacktest: LastBacktest?
    package var syntheticData: [String]

    package init(strategy: StrategyFacts, description: String, naturalLanguageInput: String, versions: [Version],
                 lastBacktest: LastBacktest?, syntheticData: [String]) {
        self.strategy = strategy
        self.description = description
        self.naturalLanguageInput = naturalLanguageInput
        self.versions = versions
        self.lastBacktest = lastBacktest
        self.syntheticData = syntheticData
    }

    package struct Version: ModelResult, Decodable, Hashable, Sendable {
        package var version: Int
        package var changes: [String]
        package var note: String?
        package var createdAt: String

        package init(version: Int, changes: [String], note: String?, createdAt: String) {
            self.version = version
            self.changes = changes
            self.note = note
            self.createdAt = createdAt
        }

        enum CodingKeys: String, CodingKey { case version, changes, note, createdAt = "created_at" }

        static let schema = ObjectSchema(required: [
            "version": .integer, "changes": .array(.string), "created_at": .string,
        ], nullable: ["note": .string])
    }

    package struct LastBacktest: ModelResult, Decodable, Hashable, Sendable {
        package var backtestId: String
        package var version: Int
        package var startDate: String
        package var endDate: String
        package var totalReturnPct: Double?
        package var winRate: Double?
        package var totalTrades: Int
        package var sharpeRatio: Double?
        package var maxDrawdownPct: Double?

        package init(backtestId: String, version: Int, startDate: String, endDate: String, totalReturnPct: Double?,
                     winRate: Double?, totalTrades: Int, sharpeRatio: Double?, maxDrawdownPct: Double?) {
            self.backtestId = backtestId
            self.version = version
            self.startDate = startDate
            self.endDate = endDate
            self.totalReturnPct = totalReturnPct
            self.winRate = winRate
            self.totalTrades = totalTrades
            self.sharpeRatio = sharpeRatio
            self.maxDrawdownPct = maxDrawdownPct
        }

        enum CodingKeys: String, CodingKey {
            case backtestId = "backtest_id", version, startDate = "start_date", endDate = "end_date"
            case totalReturnPct = "total_return_pct", winRate = "win_rate", totalTrades = "total_trades"
            case sharpeRatio = "sharpe_ratio", maxDrawdownPct = "max_drawdown_pct"
        }

        static let schema = ObjectSchema(required: [
            "backtest_id": .string, "version": .integer, "start_date": .string, "end_date": .string, "total_trades": .integer,
        ], nullable: ["total_return_pct": .number, "win_rate": .number, "sharpe_ratio": .number, "max_drawdown_pct": .number])
    }

    enum CodingKeys: String, CodingKey {
        case description, naturalLanguageInput = "natural_language_input", versions, lastBacktest = "last_backtest"
        case syntheticData = "synthetic_data"
    }

    package static let outputSchema = ValueSchema.object(StrategyFacts.schema.adding(ObjectSchema(required: [
        "description": .string, "natural_language_input": .string, "versions": .array(.object(Version.schema)),
        "synthetic_data": .array(.string),
    ], optional: ["last_backtest": .object(LastBacktest.schema)])))

    package init(from decoder: any Decoder) throws {
        strategy = try StrategyFacts(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        description = try c.decode(String.self, forKey: .description)
        naturalLanguageInput = try c.decode(String.self, forKey: .naturalLanguageInput)
        versions = try c.decode([Version].self, forKey: .versions)
        lastBacktest = try c.decodeIfPresent(LastBacktest.self, forKey: .lastBacktest)
        syntheticData = try c.decode([String].self, forKey: .syntheticData)
    }

    package func encode(to encoder: any Encoder) throws {
        try strategy.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(description, forKey: .description)
        try c.encode(naturalLanguageInput, forKey: .naturalLanguageInput)
        try c.encode(versions, forKey: .versions)
        if let lastBacktest { try c.encode(lastBacktest, forKey: .lastBacktest) }
        try c.encode(syntheticData, forKey: .syntheticData)
    }
}

/// What `set_strategy_active` returns.
package struct StrategyActivityResult: DescribedResult, Decodable, Hashable, Sendable {
    package var strategyId: String
    package var name: String
    /// "active" or "paused".
    package var status: String
    package var changed: Bool

    package init(strategyId: String, name: String, status: String, changed: Bool) {
        self.strategyId = strategyId
        self.name = name
        self.status = status
        self.changed = changed
    }

    enum CodingKeys: String, CodingKey { case strategyId = "strategy_id", name, status, changed }

    package static let outputSchema = ValueSchema.object(ObjectSchema(required: [
        "strategy_id": .string, "name": .string, "status": .oneOfStrings(["active", "paused"]), "changed": .boolean,
    ]))
}

/// What `delete_strategy` returns once the strategy is gone.
package struct DeleteStrategyResult: DescribedResult, Decodable, Hashable, Sendable {
    package var deleted = true
    package var strategyId: String
    package var name: String

    package init(strategyId: String, name: String) {
        self.strategyId = strategyId
        self.name = name
    }

    enum CodingKeys: String, CodingKey { case deleted, strategyId = "strategy_id", name }

    package static let outputSchema = ValueSchema.object(ObjectSchema(required: [
        "deleted": .boolean, "strategy_id": .string, "name": .string,
    ]))
}

/// What `record_signal_action` returns: the signal as recorded and the strategy's actual record so far.
package struct SignalActionResult: DescribedResult, Decodable, Hashable, Sendable {
    package var signalId: String
    package var ticker: String
    package var action: String
    package var actedPrice: Double?
    package var closedPrice: Double?
    package var message: String
    package var actualTrades: Int
    package var actualWins: Int
    package var actualReturnPct: Double?
    package var signalsActedOn: Int

    package init(signalId: String, ticker: String, action: String, actedPrice: Double?, closedPrice: Double?, message: String,
                 actualTrades: Int, actualWins: Int, actualReturnPct: Double?, signalsActedOn: Int) {
        self.signalId = signalId
        self.ticker = ticker
        self.action = action
        self.actedPrice = actedPrice
        self.closedPrice = closedPrice
        self.message = message
        self.actualTrades = actualTrades
        self.actualWins = actualWins
        self.actualReturnPct = actualReturnPct
        self.signalsActedOn = signalsActedOn
    }

    enum CodingKeys: String, CodingKey {
        case signalId = "signal_id", ticker, action, actedPrice = "acted_price", closedPrice = "closed_price", message
        case actualTrades = "actual_trades", actualWins = "actual_wins", actualReturnPct = "actual_return_pct"
        case signalsActedOn = "signals_acted_on"
    }

    package static let outputSchema = ValueSchema.object(ObjectSchema(required: [
        "signal_id": .string, "ticker": .string, "action": .string, "message": .string, "actual_trades": .integer,
        "actual_wins": .integer, "signals_acted_on": .integer,
    ], nullable: ["acted_price": .number, "closed_price": .number, "actual_return_pct": .number]))
}

/// A failed call as data, so a reader need not parse the message: what went wrong, and for a strategy
/// reference the candidates, the name not found and the nearest one. Absent details are left out.
package struct ToolFailure: DescribedResult, Decodable, Hashable, Sendable {
    package var error: String
    package var problem: String?
    package var candidates: [String]?
    package var notFound: String?
    package var didYouMean: String?
    package var needsConfirmation: Bool?

    package init(error: String, problem: String? = nil, candidates: [String]? = nil, notFound: String? = nil,
                 didYouMean: String? = nil, needsConfirmation: Bool? = nil) {
        self.error = error
        self.problem = problem
        self.candidates = candidates
        self.notFound = notFound
        self.didYouMean = didYouMean
        self.needsConfirmation = needsConfirmation
    }

    enum CodingKeys: String, CodingKey {
        case error, problem, candidates, notFound = "not_found", didYouMean = "did_you_mean", needsConfirmation = "needs_confirmation"
    }

    package static let outputSchema = ValueSchema.object(ObjectSchema(required: ["error": .string], optional: [
        "problem": .string, "candidates": .array(.string), "not_found": .string, "did_you_mean": .string,
        "needs_confirmation": .boolean,
    ]))

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(error, forKey: .error)
        if let problem { try c.encode(problem, forKey: .problem) }
        if let candidates { try c.encode(candidates, forKey: .candidates) }
        if let notFound { try c.encode(notFound, forKey: .notFound) }
        if let didYouMean { try c.encode(didYouMean, forKey: .didYouMean) }
        if let needsConfirmation { try c.encode(needsConfirmation, forKey: .needsConfirmation) }
    }
}
