import AgentLoop
import Foundation
import StrategyCore

extension AgentJSON {
    /// Any stored value as the loop's JSON, through its own `Codable` keys, so the model reads the same
    /// snake_case names the strategy files use.
    static func encoding<T: Encodable>(_ value: T) -> AgentJSON {
        guard let text = try? StrategyJSON.encodeString(value), let json = try? AgentJSON.parse(text) else { return .null }
        return json
    }

    /// A domain JSON value as the loop's JSON.
    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = .number(number)
        case .string(let text): self = .string(text)
        case .array(let items): self = .array(items.map(AgentJSON.init))
        case .object(let members): self = .object(members.mapValues(AgentJSON.init))
        }
    }

    static func strings(_ values: [String]) -> AgentJSON {
        .array(values.map(AgentJSON.string))
    }
}
