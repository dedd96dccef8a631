import Foundation
import StrategyCore

/// What the person did with a signal.
package enum SignalAction: String, Codable, Hashable, Sendable, CaseIterable {
    /// Took the trade (an open position until closed).
    case acted
    /// Decided not to take it.
    case skipped
    /// Took it and has since closed the position.
    case closed
}

/// A stored signal together with what the person did with it.
///
/// `StrategySignal` is what a strategy says; the action fields are what happened next,
/// kept apart so a re-run scan can never overwrite the person's own record.
package struct SignalRecord: Codable, Hashable, Sendable {
    package var signal: StrategySignal
    package var action: SignalAction?
    package var actedPrice: Double?
    package var actedShares: Double?
    package var actedAt: Date?
    package var closedPrice: Double?
    package var closedAt: Date?

    package init(
        signal: StrategySignal, action: SignalAction? = nil, actedPrice: Double? = nil, actedShares: Double? = nil,
        actedAt: Date? = nil, closedPrice: Double? = nil, closedAt: Date? = nil
    ) {
        self.signal = signal
        self.action = action
        self.actedPrice = actedPrice
        self.actedShares = actedShares
        self.actedAt = actedAt
        self.closedPrice = closedPrice
        self.closedAt = closedAt
    }

    /// The signal's id (always set once stored).
    package var id: String { signal.signalId ?? "" }

    enum CodingKeys: String, CodingKey {
        case signal, action
        case actedPrice = "acted_price"
        case actedShares = "acted_shares"
        case actedAt = "acted_at"
        case closedPrice = "closed_price"
        case closedAt = "closed_at"
    }
}
