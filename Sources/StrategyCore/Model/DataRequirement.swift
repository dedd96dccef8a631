import Foundation

/// Where a strategy's data comes from; derived from its conditions by the field registry.
package struct DataRequirement: Codable, Hashable, Sendable {
    package enum Source: String, Codable, Hashable, Sendable, CaseIterable {
        case fmp, reddit, calculated
        case userPortfolio = "user_portfolio"
    }

    package var source: Source
    package var dataType: String
    package var parameters: [String: JSONValue]

    package init(source: Source, dataType: String, parameters: [String: JSONValue] = [:]) {
        self.source = source
        self.dataType = dataType
        self.parameters = parameters
    }

    enum CodingKeys: String, CodingKey {
        case source
        case dataType = "data_type"
        case parameters
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        source = try container.decode(Source.self, forKey: .source)
        dataType = try container.decode(String.self, forKey: .dataType)
        parameters = try container.decodeIfPresent([String: JSONValue].self, forKey: .parameters) ?? [:]
    }
}
