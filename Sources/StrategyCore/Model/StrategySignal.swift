import Foundation

/// A trade signal a strategy produced for one ticker on one day.
package struct StrategySignal: Codable, Hashable, Sendable {
    package enum Kind: String, Codable, Hashable, Sendable {
        case entry, exit
    }

    package var signalId: String?
    package var strategyId: String
    package var strategyVersion: Int?
    package var ticker: String
    package var signalType: Kind
    /// The trading day whose close the signal was decided on ("today" of the data).
    package var signalDate: Day
    package var generatedAt: Date
    package var priceAtSignal: Double
    package var confidenceScore: Double
    package var reasoning: String
    package var targetPrice: Double?
    package var stopPrice: Double?
    package var dataSnapshot: [String: JSONValue]
    package var userActed: Bool
    package var outcome: JSONValue?

    package init(
        signalId: String? = nil, strategyId: String, strategyVersion: Int? = nil, ticker: String,
        signalType: Kind, signalDate: Day, generatedAt: Date, priceAtSignal: Double, confidenceScore: Double,
        reasoning: String, targetPrice: Double? = nil, stopPrice: Double? = nil,
        dataSnapshot: [String: JSONValue] = [:], userActed: Bool = false, outcome: JSONValue? = nil
    ) {
        self.signalId = signalId
        self.strategyId = strategyId
        self.strategyVersion = strategyVersion
        self.ticker = ticker
        self.signalType = signalType
        self.signalDate = signalDate
        self.generatedAt = generatedAt
        self.priceAtSignal = priceAtSignal
        self.confidenceScore = confidenceScore
        self.reasoning = reasoning
        self.targetPrice = targetPrice
        self.stopPrice = stopPrice
        self.dataSnapshot = dataSnapshot
        self.userActed = userActed
        self.outcome = outcome
    }

    enum CodingKeys: String, CodingKey {
        case signalId = "signal_id"
        case strategyId = "strategy_id"
        case strategyVersion = "strategy_version"
        case ticker
        case signalType = "signal_type"
        case signalDate = "signal_date"
        case generatedAt = "generated_at"
        case priceAtSignal = "price_at_signal"
        case confidenceScore = "confidence_score"
        case reasoning
        case targetPrice = "target_price"
        case stopPrice = "stop_price"
        case dataSnapshot = "data_snapshot"
        case userActed = "user_acted"
        case outcome
    }
}
