import AgentLoop
import Foundation
import StrategyCore

extension AgentJSON {
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
