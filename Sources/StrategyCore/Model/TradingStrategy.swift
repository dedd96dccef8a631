import Foundation

/// A precise, stored strategy: the original design's model with stratchat's extensions.
package struct TradingStrategy: Hashable, Sendable {
    package var id: String?
    package var userId: String?
    package var version: Int?
    package var name: String
    package var description: String
    package var naturalLanguageInput: String
    package var timeframe: Timeframe
    package var dataRequirements: [DataRequirement]
    package var entryConditions: [Condition]
    package var entryLogic: Logic
    package var exitConditions: [Condition]
    package var exitLogic: Logic
    package var riskParameters: RiskParameters
    package var createdAt: Date?
    package var updatedAt: Date?
    package var isActive: Bool

    package init(
        id: String? = nil, userId: String? = nil, version: Int? = nil, name: String, description: String = "",
        naturalLanguageInput: String = "", timeframe: Timeframe = .fallback, dataRequirements: [DataRequirement] = [],
        entryConditions: [Condition], entryLogic: Logic = .and, exitConditions: [Condition] = [],
        exitLogic: Logic = .or, riskParameters: RiskParameters? = nil, createdAt: Date? = nil,
        updatedAt: Date? = nil, isActive: Bool = true
    ) {
        self.id = id
        self.userId = userId
        self.version = version
        self.name = name
        self.description = description
        self.naturalLanguageInput = naturalLanguageInput
        self.timeframe = timeframe
        self.dataRequirements = dataRequirements
        self.entryConditions = entryConditions
        self.entryLogic = entryLogic
        self.exitConditions = exitConditions
        self.exitLogic = exitLogic
        self.riskParameters = riskParameters ?? .defaults(for: timeframe)
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.isActive = isActive
    }

    /// Every field the conditions read, in order of first use, without repeats.
    package var fieldsUsed: [String] {
        var seen = Set<String>()
        return (entryConditions + exitConditions).flatMap(\.fieldsUsed).filter { seen.insert($0).inserted }
    }
}

extension TradingStrategy: Codable {
    enum CodingKeys: String, CodingKey {
        case id
        case userId = "user_id"
        case version
        case name, description
        case naturalLanguageInput = "natural_language_input"
        case timeframe
        case dataRequirements = "data_requirements"
        case entryConditions = "entry_conditions"
        case entryLogic = "entry_logic"
        case exitConditions = "exit_conditions"
        case exitLogic = "exit_logic"
        case riskParameters = "risk_parameters"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case isActive = "is_active"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        userId = try container.decodeIfPresent(String.self, forKey: .userId)
        version = try container.decodeIfPresent(Int.self, forKey: .version)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        naturalLanguageInput = try container.decodeIfPresent(String.self, forKey: .naturalLanguageInput) ?? ""
        timeframe = try container.decodeIfPresent(Timeframe.self, forKey: .timeframe) ?? .fallback
        dataRequirements = try container.decodeIfPresent([DataRequirement].self, forKey: .dataRequirements) ?? []
        entryConditions = try container.decode([Condition].self, forKey: .entryConditions)
        entryLogic = try container.decodeIfPresent(Logic.self, forKey: .entryLogic) ?? .and
        exitConditions = try container.decodeIfPresent([Condition].self, forKey: .exitConditions) ?? []
        exitLogic = try container.decodeIfPresent(Logic.self, forKey: .exitLogic) ?? .or
        var riskContainer: KeyedDecodingContainer<RiskParameters.CodingKeys>?
        if container.contains(.riskParameters), try !container.decodeNil(forKey: .riskParameters) {
            riskContainer = try container.nestedContainer(keyedBy: RiskParameters.CodingKeys.self, forKey: .riskParameters)
        }
        riskParameters = try RiskParameters.decode(from: riskContainer, timeframe: timeframe).0
        createdAt = try container.decodeIfPresent(Date.self, forKey: .createdAt)
        updatedAt = try container.decodeIfPresent(Date.self, forKey: .updatedAt)
        isActive = try container.decodeIfPresent(Bool.self, forKey: .isActive) ?? true
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encodeIfPresent(userId, forKey: .userId)
        try container.encodeIfPresent(version, forKey: .version)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encode(naturalLanguageInput, forKey: .naturalLanguageInput)
        try container.encode(timeframe, forKey: .timeframe)
        try container.encode(dataRequirements, forKey: .dataRequirements)
        try container.encode(entryConditions, forKey: .entryConditions)
        try container.encode(entryLogic, forKey: .entryLogic)
        try container.encode(exitConditions, forKey: .exitConditions)
        try container.encode(exitLogic, forKey: .exitLogic)
        try container.encode(riskParameters, forKey: .riskParameters)
        try container.encodeIfPresent(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(updatedAt, forKey: .updatedAt)
        try container.encode(isActive, forKey: .isActive)
    }
}
