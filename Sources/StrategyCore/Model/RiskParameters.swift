import Foundation

/// Stops, targets, holding limit and position sizing. `nil` means "none", never "unknown".
package struct RiskParameters: Hashable, Sendable {
    package var stopLossPct: Double?
    package var takeProfitPct: Double?
    package var maxHoldDays: Int?
    package var positionSizePct: Double
    /// Size a position so that hitting its stop loses this share of equity (needs a stop).
    package var riskPerTradePct: Double?

    package static let defaultPositionSizePct = 5.0

    package init(
        stopLossPct: Double? = nil, takeProfitPct: Double? = nil, maxHoldDays: Int? = nil,
        positionSizePct: Double = RiskParameters.defaultPositionSizePct, riskPerTradePct: Double? = nil
    ) {
        self.stopLossPct = stopLossPct
        self.takeProfitPct = takeProfitPct
        self.maxHoldDays = maxHoldDays
        self.positionSizePct = positionSizePct
        self.riskPerTradePct = riskPerTradePct
    }

    /// The timeframe's defaults for every key.
    package static func defaults(for timeframe: Timeframe) -> RiskParameters {
        let d = timeframe.defaultRisk
        return RiskParameters(stopLossPct: d.stopLossPct, takeProfitPct: d.takeProfitPct, maxHoldDays: d.maxHoldDays)
    }

    package enum CodingKeys: String, CodingKey, CaseIterable {
        case stopLossPct = "stop_loss_pct"
        case takeProfitPct = "take_profit_pct"
        case maxHoldDays = "max_hold_days"
        case positionSizePct = "position_size_pct"
        case riskPerTradePct = "risk_per_trade_pct"
    }

    /// Decodes from a container where an absent key takes the timeframe's default and an
    /// explicit `null` stays none. Returns the keys that were filled from defaults.
    static func decode(
        from container: KeyedDecodingContainer<CodingKeys>?, timeframe: Timeframe
    ) throws -> (RiskParameters, filled: [CodingKeys]) {
        var risk = RiskParameters.defaults(for: timeframe)
        var filled: [CodingKeys] = []
        guard let container else {
            return (risk, [.stopLossPct, .takeProfitPct, .maxHoldDays, .positionSizePct])
        }
        func optional<T: Decodable>(_ key: CodingKeys, _ type: T.Type, default value: T?) throws -> T? {
            guard container.contains(key) else {
                filled.append(key)
                return value
            }
            return try container.decodeIfPresent(T.self, forKey: key)
        }
        risk.stopLossPct = try optional(.stopLossPct, Double.self, default: risk.stopLossPct)
        risk.takeProfitPct = try optional(.takeProfitPct, Double.self, default: risk.takeProfitPct)
        risk.maxHoldDays = try optional(.maxHoldDays, Int.self, default: risk.maxHoldDays)
        if container.contains(.positionSizePct), let size = try container.decodeIfPresent(Double.self, forKey: .positionSizePct) {
            risk.positionSizePct = size
        } else {
            filled.append(.positionSizePct)
        }
        risk.riskPerTradePct = try container.decodeIfPresent(Double.self, forKey: .riskPerTradePct)
        return (risk, filled)
    }
}

extension RiskParameters: Codable {
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self = try RiskParameters.decode(from: container, timeframe: Timeframe.fallback).0
    }

    /// Writes every key, `null` included, so a stored strategy reads back with the same meaning.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stopLossPct, forKey: .stopLossPct)
        try container.encode(takeProfitPct, forKey: .takeProfitPct)
        try container.encode(maxHoldDays, forKey: .maxHoldDays)
        try container.encode(positionSizePct, forKey: .positionSizePct)
        try container.encode(riskPerTradePct, forKey: .riskPerTradePct)
    }
}
