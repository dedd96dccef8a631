import Foundation

/// A trade signal a strategy produced for one ticker on one day.
public struct StrategySignal: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        case entry, exit
    }

    public var signalId: String?
    public var strategyId: String
    public var strategyVersion: Int?
    public var ticker: String
    public var signalType: Kind
    /// The trading day whose close the signal was decided on ("today" of the data).
    public var signalDate: Day
    public var generatedAt: Date
    public var priceAtSignal: Double
    public var confidenceScore: Double
    public var reasoning: String
    public var targetPrice: Double?
    public var stopPrice: Double?
    public var dataSnapshot: [String: JSONValue]
    public var userActed: Bool
    public var outcome: JSONValue?

    public init(
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
