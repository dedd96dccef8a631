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

    func create(_ input: CreateStrategyInput) async throws -> ToolOutput {
        let (description, name) = (input.strategyDescription, input.strategyName)
        let (user, store) = (context.userId, context.store)
        let interpretation = await context.interpreter.interpret(description: description, name: name) {
            Self.personalContext(user: user, store: store)
        }
        guard let parsed = interpretation.strategy, StrategyValidator.validate(parsed).isEmpty else {
            let (unresolved, display) = unresolved(interpretation, action: "created")
            return ToolOutput(result: CreateStrategyResult.unresolved(unresolved), display: display)
        }
        var strategy = parsed
        if let name { strategy.name = name }
        if strategy.naturalLanguageInput.isEmpty { strategy.naturalLanguageInput = description }
        if strategy.dataRequirements.isEmpty { strategy.dataRequirements = FieldRegistry.dataRequirements(for: strategy) }
        let stored = try context.store.createStrategy(strategy, user: context.userId, note: "created from: \(description)")
        let synthetic = syntheticNotes(for: stored.definition)

        let result = CreateStrategyResult.created(
            StrategyCreated(strategy: StrategyFacts(stored), assumptions: interpretation.assumptions, syntheticData: synthetic))

        var lines = ["Created strategy \"\(stored.name)\" (id \(Self.shortId(stored.id)), v\(stored.version))", ""]
        lines += describe(stored.definition, assumptions: interpretation.assumptions, synthetic: synthetic)
        return ToolOutput(result: result, display: lines.joined(separator: "\n"))
    }

    func refine(_ input: RefineStrategyInput) async throws -> ToolOutput {
        let current = try strategy(input.strategyId)
        let request = input.refinementDescription
        let interpretation = await context.interpreter.refine(strategy: current, request: request)
        guard var refined = interpretation.strategy, StrategyValidator.validate(refined).isEmpty else {
            let (unresolved, display) = unresolved(interpretation, action: "changed")
            return ToolOutput(result: RefineStrategyResult.unresolved(unresolved), display: display)
        }
        refined.dataRequirements = FieldRegistry.dataRequirements(for: refined)
        let (stored, diff) = try context.store.updateStrategy(id: current.id, to: refined, user: context.userId, note: request)
        let synthetic = syntheticNotes(for: stored.definition)

        let result = RefineStrategyResult.refined(StrategyRefined(
            strategy: StrategyFacts(stored), changes: diff.changes.map(\.line), previousVersion: current.version,
            assumptions: interpretation.assumptions, syntheticData: synthetic))

        var lines: [String]
        if diff.isEmpty {
            lines = ["No change to \"\(stored.name)\" (id \(Self.shortId(stored.id))): the request left the strategy as it was (still v\(stored.version)).", ""]
        } else {
            lines = ["Refined \"\(stored.name)\" (id \(Self.shortId(stored.id))): v\(current.version) → v\(stored.version)", ""]
            lines.append("Changes:")
            lines += diff.changes.map { "  • \($0.line)" }
            lines.append("")
        }
        lines += describe(stored.definition, assumptions: interpretation.assumptions, synthetic: synthetic)
        return ToolOutput(result: result, display: lines.joined(separator: "\n"))
    }

    /// The answer when no valid strategy came out: the problems and the question, and nothing stored.
    func unresolved(_ interpretation: Interpretation, action: String) -> (UnresolvedStrategy, display: String) {
        var problems = interpretation.problems
        if let strategy = interpretation.strategy { problems += StrategyValidator.validate(strategy) }
        let question = interpretation.question
            ?? "Could you describe the strategy again, with when to buy and when to sell?"
        var lines = ["Nothing was \(action): the strategy is not clear enough yet."]
        if !problems.isEmpty {
            lines.append("")
            lines.append("Problems:")
            lines += problems.map { "  • \($0.description)" }
        }
        lines.append("")
        lines.append("Question: \(question)")
        return (UnresolvedStrategy(problems: problems.map(\.description), question: question), lines.joined(separator: "\n"))
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
                : kinds[requirement.dataType].flatMap(context.marketData.servingSource)?.name ?? requirement.source.rawValue
            return "\(requirement.dataType.replacingOccurrences(of: "_", with: " ")) (\(server))"
        }
        return data.isEmpty ? "price history" : data.joined(separator: ", ")
    }

    /// One line per alternative-data field whose data comes from a synthetic source by default.
    func syntheticNotes(for strategy: TradingStrategy) -> [String] {
        context.marketData.syntheticNotes(for: strategy)
    }
}
