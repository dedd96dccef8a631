import Foundation
import StrategyCore

/// The kinds of data a source can hold.
package enum DataKind: String, Codable, Hashable, Sendable, CaseIterable {
    case prices, insider, mentions, fundamentals, analyst

    /// The vocabulary family a kind feeds.
    package var family: Field.Family {
        switch self {
        case .prices: .price
        case .insider: .insider
        case .mentions: .reddit
        case .fundamentals: .fundamental
        case .analyst: .analyst
        }
    }

    package init?(family: Field.Family) {
        guard let kind = DataKind.allCases.first(where: { $0.family == family }) else { return nil }
        self = kind
    }

    /// How a person names the kind in messages ("insider data: none for these dates").
    package var noun: String {
        switch self {
        case .prices: "price"
        case .insider: "insider"
        case .mentions: "reddit"
        case .fundamentals: "fundamental"
        case .analyst: "analyst"
        }
    }
}
