import AgentLoop
import Foundation
import MarketData
import StrategyCore

/// The two faces of a signal scan: the signals with their reasons for the model, a table for the person.
struct SignalPresenter {
    struct Summary {
        var strategy: TradingStrategy
        var universe: ResolvedUniverse
        var today: Day
        var todayNote: String
        var scanned: Int
        /// Tickers whose data ended before "today" (halted or delisted), not evaluated.
        var skippedStale: Int
        var belowThreshold: Int
        var minConfidence: Double
        var capital: Double
        var syntheticLabels: [String]
        var warnings: [String]
    }

    var borders: TableBorders
    var width: Int
    var color = false

    /// An estimate of the capital the signals need at the strategy's position size of the default capital.
    static func capitalNeeded(_ signals: [StrategySignal], _ summary: Summary) -> Double {
        Double(signals.count) * summary.capital * summary.strategy.riskParameters.positionSizePct / 100
    }

    func modelJSON(_ signals: [StrategySignal], _ summary: Summary) -> AgentJSON {
        let listed = signals.prefix(StrategyToolbox.signalListLimit).map { s -> AgentJSON in
            [
                "signal_id": .string(s.signalId ?? ""), "ticker": .string(s.ticker), "type": .string(s.signalType.rawValue),
                "price_at_signal": .rounded(s.priceAtSignal), "confidence_score": .rounded(s.confidenceScore, 1),
                "target_price": .rounded(s.targetPrice), "stop_price": .rounded(s.stopPrice),
                "reasoning": .strings(s.reasoning.components(separatedBy: "\n")),
            ]
        }
        return [
            "strategy_id": .string(summary.strategy.id ?? ""), "strategy_name": .string(summary.strategy.name),
            "today": .string(summary.today.iso), "today_note": .string(summary.todayNote),
            "universe": .string(summary.universe.name), "tickers_scanned": .number(Double(summary.scanned)),
            "tickers_without_data_today": .number(Double(summary.skippedStale)),
            "signal_count": .number(Double(signals.count)), "signals": .array(Array(listed)),
            "signals_not_listed": .number(Double(max(0, signals.count - StrategyToolbox.signalListLimit))),
            "below_min_confidence": .number(Double(summary.belowThreshold)),
            "confidence_formula": "100 × mean over met entry conditions of min(1, margin / field's usual range); not a probability",
            "capital_needed_estimate": .rounded(Self.capitalNeeded(signals, summary)),
            "exit_signals": "not evaluated yet: exits need positions recorded from acted signals",
            "synthetic_data": .strings(summary.syntheticLabels), "warnings": .strings(summary.warnings),
        ]
    }

    func render(_ signals: [StrategySignal], _ summary: Summary) -> String {
        let s = summary
        var out = "\(signals.count) entry signal\(signals.count == 1 ? "" : "s") for \"\(s.strategy.name)\" (id \(StrategyToolbox.shortId(s.strategy.id))) on \(s.today)\n"
        out += "\(s.todayNote)\n"
        out += "Scanned \(s.scanned) tickers of \(s.universe.name)"
        if s.skippedStale > 0 { out += "; \(s.skippedStale) had no bar on \(s.today) and were skipped" }
        if s.belowThreshold > 0 { out += "; \(s.belowThreshold) below confidence \(NumberText.grouped(s.minConfidence))" }
        out += ".\n"
        if !s.syntheticLabels.isEmpty {
            out += "Uses synthetic sample data (generated, not real): " + s.syntheticLabels.joined(separator: "; ") + "\n"
        }
        if !signals.isEmpty {
            let table = TextTable(
                columns: [.init("#"), .init("Ticker"), .init("Price"), .init("Confidence"), .init("Target", dropPriority: 2),
                          .init("Stop", dropPriority: 2), .init("Why", dropPriority: 1, wraps: true)],
                rows: signals.enumerated().map { k, signal in
                    [
                        "\(k + 1)", signal.ticker, NumberText.price(signal.priceAtSignal),
                        NumberText.grouped(signal.confidenceScore, decimals: 1),
                        signal.targetPrice.map(NumberText.price) ?? "—", signal.stopPrice.map(NumberText.price) ?? "—",
                        signal.reasoning.replacingOccurrences(of: "\n", with: "; "),
                    ]
                })
            out += "\n" + table.render(style: RenderStyle(width: width, unicode: borders == .unicode, color: color))
            out += "\nCapital needed (estimate): \(NumberText.dollars(Self.capitalNeeded(signals, s))) at \(NumberText.grouped(s.strategy.riskParameters.positionSizePct, decimals: 1))% of \(NumberText.dollars(s.capital)) per position.\n"
        }
        out += "Confidence = 100 × mean over the met entry conditions of min(1, margin ÷ the field's usual range); a measure of margin, not a probability.\n"
        out += "Prices are the close of \(s.today); an entry would fill at the next open. Exit signals are not evaluated yet.\n"
        if !s.warnings.isEmpty { out += "\nWarnings:\n" + s.warnings.map { "  ! \($0)\n" }.joined() }
        return out
    }
}
