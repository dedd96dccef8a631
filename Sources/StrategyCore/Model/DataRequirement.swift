import Foundation

/// Where a strategy's data comes from; derived from its conditions by the field registry.
public struct DataRequirement: Codable, Hashable, Sendable {
    public enum Source: String, Codable, Hashable, Sendable, CaseIterable {
        case fmp, reddit, calculated
        case userPortfolio = "user_portfolio"
    }

    public var source: Source
    public var dataType: String
    public var parameters: [String: JSONValue]

    public init(source: Source, dataType: String, parameters: [String: JSONValue] = [:]) {
        self.source = source
        self.dataType = dataType
        self.parameters = parameters
    }

    enum CodingKeys: String, CodingKey {
        case source
        case dataType = "data_type"
        case parameters
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        source = try container.decode(Source.self, forKey: .source)
        dataType = try container.decode(String.self, forKey: .dataType)
        parameters = try container.decodeIfPresent([String: JSONValue].self, forKey: .parameters) ?? [:]
    }
}
