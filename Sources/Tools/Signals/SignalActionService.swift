import Foundation
import Store
import StrategyCore

/// Records what the person did with a signal (`/act`, `/close`, `/skip`, `record_signal_action`)
/// and brings the strategy's actual figures up to date.
///
/// Checks come first and nothing changes when one fails: a price or share count of zero or below,
/// an unknown signal or another user's (both read as unknown, so ids of others are not revealed),
/// closing twice, closing what was never taken.
package struct SignalActionService: Sendable {
    package let store: StratStore
    package let now: @Sendable () -> Date

    package init(store: StratStore, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.now = now
    }

    /// The record after the action and the strategy's updated performance.
    package struct Outcome: Sendable {
        package var record: SignalRecord
        package var performance: StrategyPerformance
        package var message: String
    }

    /// Took the signal, at `price` (default the signal's price) with an optional share count.
    ///
    /// Acting on an exit signal closes the acted entry it came from at that price.
    package func act(signalId: String, user: String, price: Double? = nil, shares: Double? = nil) throws -> Outcome {
        try check(price: price, shares: shares)
        let record = try existing(signalId, user: user)
        if record.signal.signalType == .exit {
            guard let entryId = record.signal.dataSnapshot["entry_signal_id"]?.stringValue,
                  let entry = try store.signal(id: entryId, user: user), entry.action == .acted else {
                throw SignalError.refused(
                    signalId: signalId, reason: "it is an exit from a position that is no longer open",
                    fix: "Close the position through its entry signal with /close ENTRY_SIGNAL_ID PRICE.")
            }
            let exitPrice = price ?? record.signal.priceAtSignal
            let acted = try perform(signalId, user: user, .acted, price: exitPrice, shares: shares)
            _ = try perform(entryId, user: user, .closed, price: exitPrice, shares: nil)
            return try finish(acted, user: user, message: String(format: "Took the exit of %@ at %.2f and closed entry signal %@.", record.signal.ticker, exitPrice, entryId))
        }
        let acted = try perform(signalId, user: user, .acted, price: price, shares: shares)
        let sharesText = acted.actedShares.map { String(format: " × %g shares", $0) } ?? ""
        return try finish(acted, user: user, message: String(format: "Took %@ at %.2f%@ (signal %@).", acted.signal.ticker, acted.actedPrice ?? 0, sharesText, signalId))
    }

    /// Closed a taken signal at `price`.
    package func close(signalId: String, user: String, price: Double) throws -> Outcome {
        try check(price: price, shares: nil)
        _ = try existing(signalId, user: user)
        let closed = try perform(signalId, user: user, .closed, price: price, shares: nil)
        let change = PerformanceTracker.actualReturn(of: closed) ?? 0
        return try finish(closed, user: user, message: String(format: "Closed %@ at %.2f: %+.1f%% from %.2f.", closed.signal.ticker, price, change, closed.actedPrice ?? 0))
    }

    /// Decided not to take the signal.
    package func skip(signalId: String, user: String) throws -> Outcome {
        _ = try existing(signalId, user: user)
        let skipped = try perform(signalId, user: user, .skipped, price: nil, shares: nil)
        return try finish(skipped, user: user, message: "Skipped \(skipped.signal.ticker) (signal \(signalId)); its hypothetical result is still tracked.")
    }

    private func check(price: Double?, shares: Double?) throws {
        if let price, !(price.isFinite && price > 0) { throw SignalError.invalidPrice(price) }
        if let shares, !(shares.isFinite && shares > 0) { throw SignalError.invalidShares(shares) }
    }

    private func existing(_ id: String, user: String) throws -> SignalRecord {
        guard let record = try store.signal(id: id, user: user) else { throw SignalError.unknownSignal(id) }
        return record
    }

    private func perform(_ id: String, user: String, _ action: SignalAction, price: Double?, shares: Double?) throws -> SignalRecord {
        do {
            return try store.recordAction(signalId: id, user: user, action: action, price: price, shares: shares)
        } catch let StoreError.invalidAction(_, reason, fix) {
            throw SignalError.refused(signalId: id, reason: reason, fix: fix)
        } catch StoreError.notFound {
            throw SignalError.unknownSignal(id)
        }
    }

    private func finish(_ record: SignalRecord, user: String, message: String) throws -> Outcome {
        let performance = try PerformanceTracker(store: store, now: now).update(strategyId: record.signal.strategyId, user: user)
        return Outcome(record: record, performance: performance, message: message)
    }
}
