import Foundation
import Store
import StrategyCore

/// Keeps `strategy_performance` and each signal's hypothetical outcome up to date.
///
/// Hypothetical figures cover every entry signal: each is walked forward under the strategy's exit
/// rules (`HypotheticalOutcome.resolve`, the backtest engine on the one ticker). Actual figures come
/// from signals the person acted on and closed. Both are recomputed from the stored signals, so
/// running an update twice gives the same row.
package struct PerformanceTracker: Sendable {
    package let store: StratStore
    package let now: @Sendable () -> Date

    package init(store: StratStore, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.now = now
    }

    /// The hypothetical outcome stored in a signal, if any.
    package static func hypothetical(of record: SignalRecord) -> HypotheticalOutcome? {
        record.signal.outcome?["hypothetical"].flatMap(HypotheticalOutcome.init(json:))
    }

    /// An acted-and-closed signal's return in percent, from the acted and closing prices.
    package static func actualReturn(of record: SignalRecord) -> Double? {
        guard record.action == .closed, let a = record.actedPrice, let c = record.closedPrice, a > 0 else { return nil }
        return (c / a - 1) * 100
    }

    /// Resolves the outcomes of a strategy's entry signals before `day`, through `day`; returns how many changed.
    ///
    /// - Parameter resolved: outcomes already resolved through a later day (a replay resolves each
    ///   signal once through its last day and reads it back as of each day); filled as it goes.
    ///   - records: the strategy's stored signals, kept in step with what is written.
    ///   - refreshOpen: whether an open trade's mark to the day's close is written even when its status did
    ///     not change; a replay writes it only on its last day, so it does not rewrite every open trade daily.
    func resolveOutcomes(
        strategy: StoredStrategy, user: String, frames: [String: SignalFrame], external: ExternalColumns, through day: Day,
        resolvedThrough: Day? = nil, resolved: inout [String: HypotheticalOutcome], records: inout [SignalRecord],
        refreshOpen: Bool = true
    ) throws -> Int {
        var changed = 0
        // A signal is walked forward under the exit rules of the version that produced it, so a later
        // refinement never rewrites how an earlier signal turned out. Older versions load on first need.
        var older: [Int: TradingStrategy]?
        func rules(for version: Int?) throws -> TradingStrategy {
            guard let version, version != strategy.version else { return strategy.definition }
            if older == nil {
                older = Dictionary(try store.versions(strategyId: strategy.id, user: user).map { ($0.version, $0.strategy.definition) },
                                   uniquingKeysWith: { _, last in last })
            }
            return older?[version] ?? strategy.definition
        }
        for (index, record) in records.enumerated()
        where record.signal.signalType == .entry && record.signal.signalDate < day {
            if let stored = Self.hypothetical(of: record), stored.isFinal { continue }
            guard let frame = frames[record.signal.ticker] else { continue }
            let signalRules = try rules(for: record.signal.strategyVersion)
            let outcome: HypotheticalOutcome
            if let end = resolvedThrough {
                let full = try resolved[record.id] ?? HypotheticalOutcome.resolve(
                    strategy: signalRules, series: frame.series, external: external[frame.ticker] ?? [:],
                    signalDay: record.signal.signalDate, through: end)
                resolved[record.id] = full
                outcome = full.asOf(day, series: frame.series)
            } else {
                outcome = try HypotheticalOutcome.resolve(
                    strategy: signalRules, series: frame.series, external: external[frame.ticker] ?? [:],
                    signalDay: record.signal.signalDate, through: day)
            }
            let previous = Self.hypothetical(of: record)
            if !refreshOpen, previous?.status == outcome.status, !outcome.isFinal { continue }
            var object: [String: JSONValue] = [:]
            if case .object(let existing) = record.signal.outcome ?? .null { object = existing }
            object["hypothetical"] = outcome.json
            guard JSONValue.object(object) != record.signal.outcome else { continue }
            records[index] = try store.updateOutcome(signalId: record.id, user: user, outcome: .object(object))
            changed += 1
        }
        return changed
    }

    /// Recomputes and saves the strategy's performance row from its signals up to `through` (all when nil).
    @discardableResult
    package func update(strategyId: String, user: String, through: Day? = nil) throws -> StrategyPerformance {
        try save(try store.signals(strategyId: strategyId, user: user, to: through), strategyId: strategyId, user: user)
    }

    /// Saves the performance computed from `records` (the strategy's signals up to some day).
    @discardableResult
    func save(_ records: [SignalRecord], strategyId: String, user: String, createdAt: Date? = nil) throws -> StrategyPerformance {
        let created = try createdAt ?? store.performance(strategyId: strategyId, user: user)?.createdAt ?? now()
        var p = Self.performance(records, strategyId: strategyId, user: user, createdAt: created)
        p.updatedAt = now()
        try store.savePerformance(p)
        return p
    }

    /// The figures from a list of signal records (pure; `update` saves them).
    package static func performance(_ records: [SignalRecord], strategyId: String, user: String, createdAt: Date) -> StrategyPerformance {
        let actual = records.filter { $0.signal.signalType == .entry }.compactMap(actualReturn(of:))
        let hypothetical = records.filter { $0.signal.signalType == .entry }.compactMap(hypothetical(of:))
            .filter { $0.status == .closed }.compactMap(\.returnPct)
        return StrategyPerformance(
            strategyId: strategyId, userId: user, signalsGenerated: records.count,
            signalsActedOn: records.filter { $0.action == .acted || $0.action == .closed }.count,
            actualTrades: actual.count, actualWins: actual.filter { $0 > 0 }.count,
            actualLosses: actual.filter { $0 < 0 }.count, actualReturnPct: actual.reduce(0, +),
            hypotheticalTrades: hypothetical.count, hypotheticalWins: hypothetical.filter { $0 > 0 }.count,
            hypotheticalReturnPct: hypothetical.reduce(0, +),
            lastSignalDate: records.map(\.signal.signalDate).max()?.date, createdAt: createdAt, updatedAt: createdAt)
    }
}
