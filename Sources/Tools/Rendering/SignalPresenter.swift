import AgentLoop
import Foundation
import MarketData
import StrategyCore

/// The person's face of a signal report, a table (the model's is `SignalsResult`).
struct SignalPresenter {
    var borders: TableBorders
    var width: Int
    var color = false

    func render(_ r: SignalReport) -> String {
        let e = r.entries.count, x = r.exits.count
        var out = "\(e) entry signal\(e == 1 ? "" : "s") and \(x) exit signal\(x == 1 ? "" : "s") for \"\(r.strategyName)\" (id \(StrategyToolbox.shortId(r.strategyId))) on \(r.day)\n"
        out += "\(r.todayNote)\n"
        out += "Scanned \(r.tickersScanned) tickers of \(r.universe)"
        if r.tickersWithoutBar > 0 { out += "; \(r.tickersWithoutBar) had no bar on \(r.day) and were skipped" }
        if r.belowMinConfidence > 0 { out += "; \(r.belowMinConfidence) below confidence \(NumberText.grouped(r.minConfidence))" }
        out += ".\n"
        if !r.signals.isEmpty {
            let table = TextTable(
                columns: [.init("#"), .init("Signal"), .init("Ticker"), .init("Type", dropPriority: 3), .init("Price"),
                          .init("Confidence"), .init("Target", dropPriority: 2), .init("Stop", dropPriority: 2),
                          .init("Why", dropPriority: 1, wraps: true)],
                rows: r.signals.enumerated().map { k, s in
                    [
                        "\(k + 1)", s.signalId.map(StrategyToolbox.shortId) ?? "", s.ticker, s.signalType.rawValue,
                        NumberText.price(s.priceAtSignal), NumberText.grouped(s.confidenceScore, decimals: 1),
                        s.targetPrice.map(NumberText.price) ?? "—", s.stopPrice.map(NumberText.price) ?? "—",
                        s.reasoning.replacingOccurrences(of: "\n", with: "; "),
                    ]
                })
            out += "\n" + table.render(style: RenderStyle(width: width, unicode: borders == .unicode, color: color))
        }
        if e > 0 {
            out += "\nCapital needed (estimate): \(NumberText.dollars(r.capitalNeeded)) for \(e) entr\(e == 1 ? "y" : "ies") at \(NumberText.dollars(r.capitalPerEntry)) each.\n"
            if let ev = r.expectedValue {
                out += "Expected value (estimate): \(NumberText.dollars(ev, signed: true)) from the last backtest's win rate and average win and loss.\n"
            } else {
                out += "Expected value: not estimated; the strategy has no backtest with trades yet.\n"
            }
        }
        out += "\nNotes:\n" + r.notes.map { "  - \($0)\n" }.joined()
        if !r.warnings.isEmpty { out += "\nWarnings:\n" + r.warnings.map { "  ! \($0)\n" }.joined() }
        out += "Record what you did: /act SIGNAL_ID [price] [shares], /close SIGNAL_ID PRICE, /skip SIGNAL_ID.\n"
        return out
    }
}
