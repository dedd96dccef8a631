import AgentLoop
import Foundation
import MarketData
import Store
import StrategyCore

/// `get_strategy_signals`: the strategy's entry conditions on the last day of the data, per ticker.
///
/// Confidence (0–100) is `100 × mean over the met entry conditions of min(1, margin / usual range)`:
/// how far past its threshold each condition is, in the field's usual range from the field registry
/// (RSI: 100 points; prices: 10% of the compared value). It is the backtest's ranking strength, capped per
/// condition; it is not a probability and does not yet blend in the backtest win rate.
extension StrategyToolbox {
    /// Signals listed in the model's JSON; the rest are counted.
    static let signalListLimit = 20

    func signals(_ arguments: ToolArguments) async throws -> ToolOutput {
        let strategy = try strategy(arguments)
        let minConfidence = try arguments.number("min_confidence") ?? 0
        guard (0...100).contains(minConfidence) else {
            throw ToolsError.invalidArgument(tool: arguments.tool, name: "min_confidence", reason: "must be between 0 and 100, found \(minConfidence)",
                                             fix: "Give a score from 0 to 100, or leave it out for every signal.")
        }
        let universe = try context.marketData.resolve(universe: try arguments.string("universe") ?? context.settings.universe)
        let all = try await context.marketData.bars(for: universe).filter { !$0.isEmpty }
        guard let span = DataSpan(all) else {
            throw ToolsError.noData("The universe \"\(universe.name)\" has no price data.", fix: "Choose another universe or import data.")
        }
        // "Today" is the last day most of the universe has; a longer series is read only up to it.
        let today = span.typicalLast
        let current = all.map { $0.slice(to: today) }.filter { $0.lastDay == today }
        let external = try await context.marketData.externalColumns(for: strategy, series: current)
        let evaluations = try BacktestEngine.evaluateLatestBar(strategy: strategy, series: current, externalColumns: external.columns)

        let generatedAt = context.now()
        var stored: [StrategySignal] = []
        var belowThreshold = 0
        let candidates = evaluations.filter(\.entryMet)
            .map { ($0, Self.confidence($0)) }
            .sorted { ($1.1, $0.0.ticker) < ($0.1, $1.0.ticker) }
        for (evaluation, confidence) in candidates {
            guard confidence >= minConfidence else {
                belowThreshold += 1
                continue
            }
            let risk = strategy.riskParameters
            let price = evaluation.close
            var snapshot = evaluation.snapshot.mapValues(JSONValue.number)
            snapshot["close"] = .number(price)
            snapshot["date"] = .string(evaluation.day.iso)
            if external.isSynthetic { snapshot["synthetic_data"] = .string(SyntheticAltData.label) }
            let signal = StrategySignal(
                signalId: context.makeId(), strategyId: strategy.id ?? "", strategyVersion: strategy.version,
                ticker: evaluation.ticker, signalType: .entry, signalDate: evaluation.day, generatedAt: generatedAt,
                priceAtSignal: price, confidenceScore: confidence,
                reasoning: Self.reasons(evaluation.entry.filter(\.met)).joined(separator: "\n"),
                targetPrice: risk.takeProfitPct.map { price * (1 + $0 / 100) },
                stopPrice: risk.stopLossPct.map { price * (1 - $0 / 100) }, dataSnapshot: snapshot)
            stored.append(try context.store.upsertSignal(signal, user: context.userId).0)
        }

        let todayNote = todayStatement(today)
        let presenter = SignalPresenter(borders: context.settings.borders, width: context.settings.displayWidth, color: context.settings.color)
        let summary = SignalPresenter.Summary(
            strategy: strategy, universe: universe, today: today, todayNote: todayNote, scanned: current.count,
            skippedStale: all.count - current.count, belowThreshold: belowThreshold, minConfidence: minConfidence,
            capital: context.settings.initialCapital, syntheticLabels: external.syntheticLabels, warnings: external.warnings)
        return ToolOutput(modelContent: presenter.modelJSON(stored, summary).compactText, display: presenter.render(stored, summary))
    }

    /// The documented confidence: 100 × the mean capped strength of the met entry conditions.
    static func confidence(_ evaluation: LatestBarEvaluation) -> Double {
        let met = evaluation.entry.filter(\.met)
        guard !met.isEmpty else { return 0 }
        let mean = met.map(\.strength).reduce(0, +) / Double(met.count)
        return (mean * 1000).rounded() / 10
    }

    /// One line per condition with the values that decided it: "RSI(14) is 28.31 (rule RSI(14) < 30: met)".
    static func reasons(_ results: [LatestBarEvaluation.ConditionResult]) -> [String] {
        results.map { r in
            let name = StrategyDiff.Readable.field(r.condition.field)
            let value = r.value.map(NumberText.fieldValue) ?? "without a value"
            var line = "\(name) is \(value)"
            if case .field(let reference) = r.condition.value {
                let other = StrategyDiff.Readable.field(reference.field)
                let scaled = (reference.multiplier ?? 1) == 1 ? other : "\(NumberText.fieldValue(reference.multiplier ?? 1)) × \(other)"
                line += ", \(scaled) is \(r.reference.map(NumberText.fieldValue) ?? "without a value")"
            }
            return line + " (rule \(r.condition.plainText): \(r.met ? "met" : "not met"))"
        }
    }

    /// Which day "today" is, and how far the data lies in the past by the clock.
    func todayStatement(_ today: Day) -> String {
        let clockDay = Day(date: context.now())
        let gap = today.days(to: clockDay)
        guard gap > 3 else { return "Today is \(today), the last day of the data." }
        return "\"Today\" is \(today), the last day of the data; the data ends in the past (\(NumberText.grouped(Double(gap))) days before \(clockDay)), so these are signals as of that day, not for the current market."
    }
}
