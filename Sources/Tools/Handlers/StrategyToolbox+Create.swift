import AgentLoop
import Foundation
import MarketData
import Store
import StrategyCore

/// `create_trading_strategy` and `refine_strategy`: plain words in, a validated stored version out.
extension StrategyToolbox {
    /// The person's own trading record (holdings, win rate, best and worst trade), passed to the parser as
    /// context; nil when they have recorded no trades.
    static func personalContext(user: String, store: StratStore) -> String? {
        guard let book = try? PortfolioBook.load(user: user, store: store),
              !book.holdings.isEmpty || book.stats.closedTrades > 0 else { return nil }
        return book.summary
    }

    func create(_ arguments: ToolArguments) async throws -> ToolOutput {
        let description = try arguments.requiredString("strategy_description")
        let name = try arguments.string("strategy_name")
        let (user, store) = (context.userId, context.store)
        let interpretation = await context.interpreter.interpret(description: description, name: name) {
            Self.personalContext(user: user, store: store)
        }
        guard let parsed = interpretation.strategy, StrategyValidator.validate(parsed).isEmpty else {
            return unresolved(interpretation, action: "created")
        }
        var strategy = parsed
        if let name { strategy.name = name }
        if strategy.naturalLanguageInput.isEmpty { strategy.naturalLanguageInput = description }
        if strategy.dataRequirements.isEmpty { strategy.dataRequirements = FieldRegistry.dataRequirements(for: strategy) }
        let stored = try context.store.createStrategy(strategy, user: context.userId, note: "created from: \(description)")
        let synthetic = syntheticNotes(for: stored)

        var model = strategySummary(stored)
        model["created"] = true
        model["assumptions"] = .strings(interpretation.assumptions)
        model["synthetic_data"] = .strings(synthetic)
        model["next_step"] = "explain the strategy back and offer to backtest it"

        var lines = ["Created strategy \"\(stored.name)\" (id \(Self.shortId(stored.id)), v\(stored.version ?? 1))", ""]
        lines += describe(stored, assumptions: interpretation.assumptions, synthetic: synthetic)
        return ToolOutput(modelContent: AgentJSON.object(model).compactText, display: lines.joined(separator: "\n"))
    }

    func refine(_ arguments: ToolArguments) async throws -> ToolOutput {
        let current = try strategy(arguments)
        let request = try arguments.requiredString("refinement_description")
        let interpretation = await context.interpreter.refine(strategy: current, request: request)
        guard var refined = interpretation.strategy, StrategyValidator.validate(refined).isEmpty else {
            return unresolved(interpretation, action: "changed")
        }
        refined.id = current.id
        refined.dataRequirements = FieldRegistry.dataRequirements(for: refined)
        let (stored, diff) = try context.store.updateStrategy(refined, user: context.userId, note: request)
        let synthetic = syntheticNotes(for: stored)

        var model = strategySummary(stored)
        model["changed"] = .bool(!diff.isEmpty)
        model["changes"] = .strings(diff.changes.map(\.line))
        model["previous_version"] = .number(Double(current.version ?? 1))
        model["assumptions"] = .strings(interpretation.assumptions)
        model["synthetic_data"] = .strings(synthetic)

        var lines: [String]
        if diff.isEmpty {
            lines = ["No change to \"\(stored.name)\" (id \(Self.shortId(stored.id))): the request left the strategy as it was (still v\(stored.version ?? 1)).", ""]
        } else {
            lines = ["Refined \"\(stored.name)\" (id \(Self.shortId(stored.id))): v\(current.version ?? 1) → v\(stored.version ?? 1)", ""]
            lines.append("Changes:")
            lines += diff.changes.map { "  • \($0.line)" }
            lines.append("")
        }
        lines += describe(stored, assumptions: interpretation.assumptions, synthetic: synthetic)
        return ToolOutput(modelContent: AgentJSON.object(model).compactText, display: lines.joined(separator: "\n"))
    }

    /// The answer when no valid strategy came out: the problems and the question, and nothing stored.
    func unresolved(_ interpretation: Interpretation, action: String) -> ToolOutput {
        var problems = interpretation.problems
        if let strategy = interpretation.strategy { problems += StrategyValidator.validate(strategy) }
        let question = interpretation.question
            ?? "Could you describe the strategy again, with when to buy and when to sell?"
        let model: AgentJSON = [
            action: false,
            "problems": .strings(problems.map(\.description)),
            "question": .string(question),
            "next_step": "ask the person the question; nothing was stored",
        ]
        var lines = ["Nothing was \(action): the strategy is not clear enough yet."]
        if !problems.isEmpty {
            lines.append("")
            lines.append("Problems:")
            lines += problems.map { "  • \($0.description)" }
        }
        lines.append("")
        lines.append("Question: \(question)")
        return ToolOutput(modelContent: model.compactText, display: lines.joined(separator: "\n"))
    }

    /// The key facts of a stored strategy for the model: id, name, version, conditions in words, risk.
    func strategySummary(_ strategy: TradingStrategy) -> [String: AgentJSON] {
        [
            "strategy_id": .string(strategy.id ?? ""),
            "name": .string(strategy.name),
            "version": .number(Double(strategy.version ?? 1)),
            "active": .bool(strategy.isActive),
            "timeframe": .string(strategy.timeframe.rawValue),
            "summary": .strings(strategy.plainDescription),
            "entry_conditions": .encoding(strategy.entryConditions.map(StrategyCondition.init)),
            "entry_logic": .string(strategy.entryLogic.rawValue),
            "exit_conditions": .encoding(strategy.exitConditions.map(StrategyCondition.init)),
            "exit_logic": .string(strategy.exitLogic.rawValue),
            "risk_parameters": .encoding(strategy.riskParameters),
            "data_requirements": .strings(strategy.dataRequirements.map { "\($0.source.rawValue):\($0.dataType)" }),
        ]
    }

    /// The person's view of a strategy: its plain description, data, assumptions and synthetic-data note.
    func describe(_ strategy: TradingStrategy, assumptions: [String], synthetic: [String]) -> [String] {
        var lines = strategy.plainDescription.map { "  \($0)" }
        lines.append("")
        lines.append("Timeframe: \(strategy.timeframe.rawValue.replacingOccurrences(of: "_", with: " "))")
        lines.append("Data needed: " + dataNeeded(strategy))
        if !assumptions.isEmpty {
            lines.append("Filled in or assumed:")
            lines += assumptions.map { "  • \($0)" }
        }
        if !synthetic.isEmpty {
            lines.append("Synthetic sample: the default data for these fields is generated, not real:")
            lines += synthetic.map { "  • \($0)" }
        }
        return lines
    }

    /// Each kind of data the strategy reads, once, with what serves it here: the source that holds that
    /// kind of data (the embedded set unless a live source is configured), or "calculated" for an
    /// indicator worked out from the price history.
    func dataNeeded(_ strategy: TradingStrategy) -> String {
        let requirements = strategy.dataRequirements.isEmpty ? FieldRegistry.dataRequirements(for: strategy) : strategy.dataRequirements
        var kinds: [String: DataKind] = ["price_history": .prices]
        for field in strategy.fieldsUsed.compactMap(Field.init(name:)) {
            kinds[FieldRegistry.spec(for: field).dataType] = DataKind(family: field.family)
        }
        var listed = Set<String>()
        let data = requirements.filter { listed.insert($0.dataType).inserted }.map { requirement in
            let server = requirement.source == .calculated ? "calculated"
                : kinds[requirement.dataType].flatMap(servingSource)?.name ?? requirement.source.rawValue
            return "\(requirement.dataType.replacingOccurrences(of: "_", with: " ")) (\(server))"
        }
        return data.isEmpty ? "price history" : data.joined(separator: ", ")
    }

    /// The first source that holds this kind of data.
    private func servingSource(_ kind: DataKind) -> SourceInfo? {
        context.marketData.sources.first { $0.info.coverage(of: kind) != nil }?.info
    }

    /// One line per alternative-data field whose data comes from a synthetic source by default.
    func syntheticNotes(for strategy: TradingStrategy) -> [String] {
        strategy.fieldsUsed.compactMap(Field.init(name:)).compactMap { field in
            guard let kind = DataKind(family: field.family), kind != .prices,
                  let source = servingSource(kind), source.isSynthetic(kind)
            else { return nil }
            return "\(field.name): \(SyntheticAltData.label) (\(source.name) data set; generated, not real \(kind.noun) data)"
        }
    }
}

/// A condition for the model: the stored form plus how a person reads it.
struct StrategyCondition: Encodable {
    let condition: Condition

    init(_ condition: Condition) {
        self.condition = condition
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(condition.field, forKey: .field)
        try container.encode(condition.operator, forKey: .operator)
        try container.encode(condition.value, forKey: .value)
        try container.encode(condition.plainText, forKey: .reads)
    }

    enum Keys: String, CodingKey { case field, `operator`, value, reads }
}
