import AgentLoop
import Foundation
import StrategyCore

/// A tool call's arguments, read with checks that name the tool and the argument on failure.
///
/// The agent loop checks arguments against the schema before a tool runs, but tools are also called
/// directly (slash commands, tests), so every read checks again.
struct ToolArguments {
    let tool: String
    let values: [String: AgentJSON]

    init(tool: String, values: [String: AgentJSON]) {
        self.tool = tool
        self.values = values
    }

    init(_ call: ToolCall) throws(ToolsError) {
        tool = call.name
        let text = call.argumentsJSON.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            values = [:]
            return
        }
        let parsed: AgentJSON
        do {
            parsed = try AgentJSON.parse(text)
        } catch {
            throw .unreadableArguments(tool: call.name, reason: error.description)
        }
        guard let object = parsed.objectValue else {
            throw .unreadableArguments(tool: call.name, reason: "found \(parsed.typeName)")
        }
        values = object
    }

    private func present(_ name: String) -> AgentJSON? {
        guard let value = values[name], value != .null else { return nil }
        return value
    }

    func string(_ name: String) throws(ToolsError) -> String? {
        guard let value = present(name) else { return nil }
        guard let text = value.stringValue else {
            throw .invalidArgument(tool: tool, name: name, reason: "must be a string, found \(value.typeName)", fix: "Send it as a JSON string.")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    func requiredString(_ name: String) throws(ToolsError) -> String {
        guard let text = try string(name) else { throw .missingArgument(tool: tool, name: name) }
        return text
    }

    func number(_ name: String) throws(ToolsError) -> Double? {
        guard let value = present(name) else { return nil }
        guard let number = value.numberValue, number.isFinite else {
            throw .invalidArgument(tool: tool, name: name, reason: "must be a number, found \(value.typeName)", fix: "Send a plain number such as 100000.")
        }
        return number
    }

    func bool(_ name: String) throws(ToolsError) -> Bool? {
        guard let value = present(name) else { return nil }
        guard case .bool(let flag) = value else {
            throw .invalidArgument(tool: tool, name: name, reason: "must be true or false, found \(value.typeName)", fix: "Send true or false.")
        }
        return flag
    }

    func integer(_ name: String) throws(ToolsError) -> Int? {
        guard let number = try number(name) else { return nil }
        guard number == number.rounded(), abs(number) < 1e9 else {
            throw .invalidArgument(tool: tool, name: name, reason: "must be a whole number, found \(number)", fix: "Send a whole number such as 2.")
        }
        return Int(number)
    }

    func strings(_ name: String) throws(ToolsError) -> [String]? {
        guard let value = present(name) else { return nil }
        guard let items = value.arrayValue else {
            throw .invalidArgument(tool: tool, name: name, reason: "must be a list of strings, found \(value.typeName)", fix: "Send a list such as [\"AAPL\", \"MSFT\"].")
        }
        var out: [String] = []
        for item in items {
            guard let text = item.stringValue?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                throw .invalidArgument(tool: tool, name: name, reason: "holds \(item.typeName) where a ticker was expected", fix: "Send tickers as non-empty strings.")
            }
            out.append(text)
        }
        return out.isEmpty ? nil : out
    }

    /// A `YYYY-MM-DD` date.
    func day(_ name: String) throws(ToolsError) -> Day? {
        guard let text = try string(name) else { return nil }
        guard text.count == 10, let day = Day(iso: text) else {
            throw .invalidArgument(tool: tool, name: name, reason: "is not a date: \"\(text)\"", fix: "Write it as YYYY-MM-DD, e.g. 2010-01-04.")
        }
        return day
    }
}
