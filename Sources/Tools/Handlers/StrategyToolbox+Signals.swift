import AgentLoop
import Foundation
import MarketData
import Store
import StrategyCore

/// `get_strategy_signals`: the strategy's entry and exit signals on the last day of the data.
///
/// The work is `SignalService`'s: an entry for each qualifying ticker not held, an exit for each position held
/// through an acted signal whose exit rules or risk limits fire, each with its reasons, confidence
/// (`SignalConfidence`: condition strength blended with the last backtest's win rate), target and stop; stored
/// idempotently by strategy, ticker, day and type.
extension StrategyToolbox {
    func signals(_ input: SignalsInput) async throws -> ToolOutput {
        let strategy = try strategy(input.strategyId)
        let minConfidence = input.minConfidence ?? 0
        guard (0...100).contains(minConfidence) else {
            throw ToolsError.invalidArgument(tool: SignalsInput.tool.rawValue, name: SignalsInput.CodingKeys.minConfidence.stringValue, reason: "must be between 0 and 100, found \(minConfidence)",
                                             fix: "Give a score from 0 to 100, or leave it out for every signal.")
        }
        let feed = MarketDataFeed(market: context.marketData)
        // Nothing asked: the same default as a backtest's, read on the last day of the chosen period.
        let data = SignalDataChoice(strategy: strategy.definition, asked: input.universe ?? context.settings.configuredUniverse,
                                    feed: feed)
        let service = SignalService(store: context.store, feed: feed, now: context.now)
        var report: SignalReport
        do {
            report = try await service.generate(
                strategyId: strategy.id, user: context.userId, universe: data.universe, on: data.through, minConfidence: minConfidence)
            if let reason = data.reason { report.notes.insert(reason, at: 0) }
        } catch let error as SignalError {
            return .error(error.errorDescription ?? "\(error)")
        }
        let presenter = SignalPresenter(borders: context.settings.borders, width: context.settings.displayWidth, color: context.settings.color)
        return ToolOutput(result: SignalsResult(report), display: presenter.render(report))
    }
}
