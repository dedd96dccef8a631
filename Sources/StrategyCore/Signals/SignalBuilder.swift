import Foundation

/// Turns readings into signals: an entry for each qualifying ticker not held, an exit for each
/// held position whose exit rules or risk limits fire.
package enum SignalBuilder {
    /// Entries first (strongest first, ties by ticker), then exits by ticker.
    package static func signals(_ evaluations: [TickerEvaluation], context: SignalContext) -> [StrategySignal] {
        var entries: [StrategySignal] = []
        var exits: [StrategySignal] = []
        for e in evaluations {
            if let position = context.positions[e.ticker] {
                if let s = exit(e, position: position, context: context) { exits.append(s) }
            } else if !context.heldElsewhere.contains(e.ticker), let s = entry(e, context: context) {
                entries.append(s)
            }
        }
        entries.sort { $0.confidenceScore != $1.confidenceScore ? $0.confidenceScore > $1.confidenceScore : $0.ticker < $1.ticker }
        return entries + exits.sorted { $0.ticker < $1.ticker }
    }

    /// The signals of `frames` on `day`: the same as `signals(_:context:)` over every frame's reading, but a
    /// ticker is read in full only when it can signal (the strategy holds it, or its entry rules hold and it is
    /// not held elsewhere). `scanned` counts the tickers with a bar that day.
    package static func signals(_ frames: [SignalFrame], on day: Day, context: SignalContext) -> (signals: [StrategySignal], scanned: Int) {
        var candidates: [TickerEvaluation] = []
        var scanned = 0
        // Frames are read in place by index: a copy of each would retain and release all its columns.
        for k in frames.indices {
            guard let i = frames[k].bar(on: day) else { continue }
            scanned += 1
            let ticker = frames[k].ticker
            let canSignal = context.positions[ticker] != nil
                || (!context.heldElsewhere.contains(ticker) && frames[k].entryHolds(at: i))
            if canSignal { candidates.append(frames[k].evaluate(at: i)) }
        }
        return (signals(candidates, context: context), scanned)
    }

    package static func entry(_ e: TickerEvaluation, context: SignalContext) -> StrategySignal? {
        guard e.entryMet else { return nil }
        let strategy = context.strategy
        let risk = strategy.riskParameters
        var lines = SignalReasoning.lines(e.entry, synthetic: context.synthetic)
        if let past = context.pastTrades[e.ticker] {
            lines.append("similar to your past trade in \(e.ticker) (\(String(format: "%+.1f%%", past)))")
        }
        return StrategySignal(
            strategyId: strategy.id, strategyVersion: strategy.version, ticker: e.ticker, signalType: .entry,
            signalDate: e.day, generatedAt: context.generatedAt, priceAtSignal: e.close,
            confidenceScore: SignalConfidence.score(e.entry, backtest: context.backtest),
            reasoning: lines.joined(separator: "\n"),
            targetPrice: risk.takeProfitPct.map { e.close * (1 + $0 / 100) },
            stopPrice: risk.stopLossPct.map { e.close * (1 - $0 / 100) },
            dataSnapshot: snapshot(e, readings: e.entry))
    }

    /// An exit when the exit rules hold, or the stop, target or holding limit is reached, measured
    /// from the acted entry price and day. A reached risk limit is certain, so it scores 100.
    package static func exit(_ e: TickerEvaluation, position: HeldPosition, context: SignalContext) -> StrategySignal? {
        let risk = context.strategy.riskParameters
        let stop = risk.stopLossPct.map { position.entryPrice * (1 - $0 / 100) }
        let target = risk.takeProfitPct.map { position.entryPrice * (1 + $0 / 100) }
        let held = position.entryDay.days(to: e.day)
        var limits: [String] = []
        if let stop, e.low <= stop {
            limits.append("stop loss reached: the low \(String(format: "%.2f", e.low)) is at or below the stop \(String(format: "%.2f", stop))")
        }
        if let target, e.high >= target {
            limits.append("target reached: the high \(String(format: "%.2f", e.high)) is at or above the target \(String(format: "%.2f", target))")
        }
        if let maxHold = risk.maxHoldDays, held >= maxHold {
            limits.append("held \(held) calendar days, the limit is \(maxHold)")
        }
        guard e.exitMet || !limits.isEmpty else { return nil }
        var lines = limits
        if e.exitMet { lines += SignalReasoning.lines(e.exit.filter(\.met), synthetic: context.synthetic) }
        let change = (e.close / position.entryPrice - 1) * 100
        lines.append("position \(String(format: "%+.1f%%", change)) from the entry at \(String(format: "%.2f", position.entryPrice))")
        let score = limits.isEmpty ? SignalConfidence.conditionScore(strength: SignalConfidence.conditionStrength(e.exit)) : 100
        var snap = snapshot(e, readings: e.exit)
        snap["entry_price"] = .number(position.entryPrice)
        snap["entry_day"] = .string(position.entryDay.iso)
        snap["days_held"] = .number(Double(held))
        if let stop { snap["stop_price"] = .number(stop) }
        if let target { snap["target_price"] = .number(target) }
        if let id = position.signalId { snap["entry_signal_id"] = .string(id) }
        return StrategySignal(
            strategyId: context.strategy.id, strategyVersion: context.strategy.version, ticker: e.ticker,
            signalType: .exit, signalDate: e.day, generatedAt: context.generatedAt, priceAtSignal: e.close,
            confidenceScore: score, reasoning: lines.joined(separator: "\n"), targetPrice: target, stopPrice: stop,
            dataSnapshot: snap)
    }

    /// Every value the decision used: the day's bar, each field the strategy reads, and the
    /// previous-bar values of crosses (as `name@previous`).
    package static func snapshot(_ e: TickerEvaluation, readings: [ConditionReading]) -> [String: JSONValue] {
        func json(_ x: Double) -> JSONValue { x.isFinite ? .number(x) : .null }
        var out: [String: JSONValue] = [
            "day": .string(e.day.iso), "open": json(e.open), "high": json(e.high), "low": json(e.low),
            "close": json(e.close), "volume": json(e.volume),
        ]
        for (name, value) in e.values { out[name] = json(value) }
        for r in readings where r.condition.operator == .crossesAbove || r.condition.operator == .crossesBelow {
            out["\(r.condition.field)@previous"] = r.previousValue.map(JSONValue.number) ?? .null
            if case .field(let ref) = r.condition.value {
                out["\(ref.field)@previous"] = r.previousCompared.map { .number($0 / (ref.multiplier ?? 1)) } ?? .null
            }
        }
        return out
    }
}
