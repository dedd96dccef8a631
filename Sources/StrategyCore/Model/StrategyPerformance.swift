import Foundation

/// How a strategy's live signals have done: what the person took, and what taking every signal would have done.
package struct StrategyPerformance: Codable, Hashable, Sendable {
    package var strategyId: String
    package var userId: String
    package var signalsGenerated: Int
    package var signalsActedOn: Int
    package var actualTrades: Int
    package var actualWins: Int
    package var actualLosses: Int
    package var actualReturnPct: Double
    package var hypotheticalTrades: Int
    package var hypotheticalWins: Int
    package var hypotheticalReturnPct: Double
    package var lastSignalDate: Date?
    package var createdAt: Date
    package var updatedAt: Date

    package init(
        strategyId: String, userId: String, signalsGenerated: Int = 0, signalsActedOn: Int = 0,
        actualTrades: Int = 0, actualWins: Int = 0, actualLosses: Int = 0, actualReturnPct: Double = 0,
        hypotheticalTrades: Int = 0, hypotheticalWins: Int = 0, hypotheticalReturnPct: Double = 0,
        lastSignalDate: Date? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.strategyId = strategyId
        self.userId = userId
        self.signalsGenerated = signalsGenerated
        self.signalsActedOn = signalsActedOn
        self.actualTrades = actualTrades
        self.actualWins = actualWins
        self.actualLosses = actualLosses
        self.actualReturnPct = actualReturnPct
        self.hypotheticalTrades = hypotheticalTrades
        self.hypotheticalWins = hypotheticalWins
        self.hypotheticalReturnPct = hypotheticalReturnPct
        self.lastSignalDate = lastSignalDate
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case strategyId = "strategy_id"
        case userId = "user_id"
        case signalsGenerated = "signals_generated"
        case signalsActedOn = "signals_acted_on"
        case actualTrades = "actual_trades"
        case actualWins = "actual_wins"
        case actualLosses = "actual_losses"
        case actualReturnPct = "actual_return_pct"
        case hypotheticalTrades = "hypothetical_trades"
        case hypotheticalWins = "hypothetical_wins"
        case hypotheticalReturnPct = "hypothetical_return_pct"
        case lastSignalDate = "last_signal_date"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
