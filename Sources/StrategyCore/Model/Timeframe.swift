import Foundation

/// How long a strategy means to hold; it sets the default stop, target and holding limit.
package enum Timeframe: String, Codable, Hashable, Sendable, CaseIterable {
    case shortTerm = "short_term"
    case mediumTerm = "medium_term"
    case longTerm = "long_term"

    /// The original design's defaults: stop %, target %, max calendar days.
    package var defaultRisk: (stopLossPct: Double, takeProfitPct: Double, maxHoldDays: Int) {
        switch self {
        case .shortTerm: (7, 15, 30)
        case .mediumTerm: (10, 25, 90)
        case .longTerm: (15, 50, 180)
        }
    }

    /// Used when a strategy names no timeframe.
    package static let fallback: Timeframe = .mediumTerm
}
