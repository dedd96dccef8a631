import AgentLoop
import Foundation

/// A tool's arguments as one type, with the JSON Schema the model sees built beside it. Decoding reads each
/// argument with `ToolArguments`' checks, so a wrong value names the tool, the argument and the fix.
protocol ToolInput: Decodable {
    associatedtype CodingKeys: CodingKey & CaseIterable
    static var tool: ToolName { get }
    static var schema: AgentJSON { get }
}

extension ToolInput {
    /// The argument names the type reads, in its order.
    static var argumentNames: [String] { CodingKeys.allCases.map(\.stringValue) }

    /// The call's arguments read as this input; unreadable JSON is reported as before any argument.
    static func read(_ call: ToolCall) throws -> Self {
        let arguments = try ToolArguments(call)
        return try JSONDecoder().decode(Self.self, from: Data(AgentJSON.object(arguments.values).compactText.utf8))
    }
}

extension ToolArguments {
    /// The arguments `keys` names, read from a decoder; the checks of each read then apply as for a call.
    init<Keys: CodingKey & CaseIterable>(_ decoder: any Decoder, _ keys: Keys.Type, tool: ToolName) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        var values: [String: AgentJSON] = [:]
        for key in Keys.allCases {
            if let value = try container.decodeIfPresent(AgentJSON.self, forKey: key) { values[key.stringValue] = value }
        }
        self.init(tool: tool.rawValue, values: values)
    }
}
