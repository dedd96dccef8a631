import Foundation
import StrategyCore

/// One stored version of a strategy: its definition then, and what changed from the version before.
package struct StrategyVersion: Codable, Hashable, Sendable {
    package var strategyId: String
    package var version: Int
    /// The strategy as it was at this version.
    package var strategy: StoredStrategy
    /// The change from the previous version; empty for version 1.
    package var diff: StrategyDiff
    /// Why the change was made, as the person or the agent said it.
    package var note: String?
    package var createdAt: Date

    package init(strategyId: String, version: Int, strategy: StoredStrategy, diff: StrategyDiff, note: String?, createdAt: Date) {
        self.strategyId = strategyId
        self.version = version
        self.strategy = strategy
        self.diff = diff
        self.note = note
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case strategyId = "strategy_id"
        case version, strategy, diff, note
        case createdAt = "created_at"
    }
}

/// What a person's reference to a strategy ("rsi dip", "3f2a", a full id) resolved to.
package enum StrategyLookup: Hashable, Sendable {
    case found(StoredStrategy)
    /// Several strategies match; the person has to say which.
    case ambiguous([StoredStrategy])
    /// Nothing matches; `suggestion` is the closest name, when one is close enough to be a typo.
    case notFound(suggestion: String?)
}
