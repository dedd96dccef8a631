import AgentLoop
import Foundation
import Store
import StrategyCore

/// `record_signal_action`: what the person did with a signal (the `/act`, `/close` and `/skip` commands call it too).
extension StrategyToolbox {
    func recordSignalAction(_ input: SignalActionInput) throws -> ToolOutput {
        let (action, price, shares) = (input.action.lowercased(), input.price, input.shares)
        let id = try signalId(input.signalId)
        let service = SignalActionService(store: context.store, now: context.now)
        let outcome: SignalActionService.Outcome
        switch action {
        case "act", "acted", "take", "took":
            outcome = try service.act(signalId: id, user: context.userId, price: price, shares: shares)
        case "close", "closed":
            guard let price else {
                throw ToolsError.invalidArgument(tool: SignalActionInput.tool.rawValue, name: SignalActionInput.CodingKeys.price.stringValue, reason: "is needed to close a signal",
                                                 fix: "Give the price the position was sold at.")
            }
            outcome = try service.close(signalId: id, user: context.userId, price: price)
        case "skip", "skipped":
            outcome = try service.skip(signalId: id, user: context.userId)
        default:
            throw ToolsError.invalidArgument(tool: SignalActionInput.tool.rawValue, name: SignalActionInput.CodingKeys.action.stringValue, reason: "is \"\(action)\"",
                                             fix: "Use act, close or skip.")
        }
        let p = outcome.performance
        let summary = String(
            format: "Actual so far: %d closed trade%@, %d won, %+.1f%% in total; %d of %d signals acted on.",
            p.actualTrades, p.actualTrades == 1 ? "" : "s", p.actualWins, p.actualReturnPct, p.signalsActedOn, p.signalsGenerated)
        let result = SignalActionResult(
            signalId: outcome.record.id, ticker: outcome.record.signal.ticker, action: outcome.record.action?.rawValue ?? "",
            actedPrice: modelFigure(outcome.record.actedPrice), closedPrice: modelFigure(outcome.record.closedPrice),
            message: outcome.message, actualTrades: p.actualTrades, actualWins: p.actualWins,
            actualReturnPct: modelFigure(p.actualReturnPct), signalsActedOn: p.signalsActedOn)
        return ToolOutput(result: result, display: "\(outcome.message)\n\(summary)\n")
    }

    /// A signal id from its full form or a unique prefix of at least 4 characters among the user's signals.
    func signalId(_ reference: String) throws -> String {
        let text = reference.trimmingCharacters(in: .whitespaces)
        if try context.store.signal(id: text, user: context.userId) != nil { return text }
        guard text.count >= 4 else { throw SignalError.unknownSignal(text) }
        let matches = try context.store.signalIds(user: context.userId, prefix: text, limit: 2)
        guard matches.count == 1, let id = matches.first else {
            if matches.count > 1 {
                throw SignalError.refused(signalId: text, reason: "it matches more than one signal", fix: "Give more characters of the id.")
            }
            throw SignalError.unknownSignal(text)
        }
        return id
    }
}
