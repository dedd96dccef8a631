import AgentLoop
import Foundation
import Testing
@testable import Tools

/// The catalog another client of the tools reads: every key a real result writes is declared in its tool's
/// output schema, and every key the schema requires is written, so the schema cannot drift from the encoding.
@Suite("Tool catalog: schemas, annotations and one way to call a tool")
struct ToolCatalogTests {
    /// What is wrong with `value` against `schema`, as "path: problem" lines; empty when it conforms. Reads the
    /// parts of JSON Schema our schemas use: type (one or a list), enum, properties, required, additionalProperties (a schema), items, oneOf.
    static func violations(_ value: AgentJSON, _ schema: AgentJSON, at path: String = "$") -> [String] {
        if let choices = schema["oneOf"]?.arrayValue {
            let tries = choices.map { violations(value, $0, at: path) }
            if tries.contains(where: \.isEmpty) { return [] }
            return tries.min { $0.count < $1.count } ?? ["\(path): no choice given"]
        }
        let types = schema["type"]?.arrayValue?.compactMap(\.stringValue) ?? [schema["type"]?.stringValue].compactMap { $0 }
        guard types.contains(where: { conforms(value, to: $0) }) else {
            return ["\(path): \(value.compactText.prefix(60)) is not \(types.joined(separator: " or "))"]
        }
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
            return ["\(path): \(value.compactText) is not one of \(AgentJSON.array(allowed).compactText)"]
        }
        switch value {
        case .object(let object):
            let properties = schema["properties"]?.objectValue ?? [:]
            let required = schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
            var found = required.filter { object[$0] == nil }.map { "\(path).\($0): required but not written" }
            for (key, child) in object.sorted(by: { $0.key < $1.key }) {
                let anyKey: AgentJSON? = schema["additionalProperties"]?.objectValue != nil ? schema["additionalProperties"] : nil
                guard let declared = properties[key] ?? anyKey else {
                    found.append("\(path).\(key): written but not declared")
                    continue
                }
                found += violations(child, declared, at: "\(path).\(key)")
            }
            return found
        case .array(let items):
            guard let itemSchema = schema["items"] else { return [] }
            return items.enumerated().flatMap { violations($1, itemSchema, at: "\(path)[\($0)]") }
        default:
            return []
        }
    }

    static func conforms(_ value: AgentJSON, to type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null),
             ("number", .number): true
        case ("integer", .number(let number)): number.rounded() == number
        default: false
        }
    }

    @Test("every tool's real result writes only declared keys and every required one")
    func realResultsMatchTheirSchemas() async throws {
        let outputs = try await ToolResultTypeTests.everyTool()
        #expect(Set(outputs.map(\.0)) == Set(ToolName.allCases))
        for (tool, output) in outputs {
            #expect(!output.isError, "\(tool.rawValue): \(output.modelContent)")
            let entry = try #require(ToolCatalog.entries.first { $0.name == tool })
            let problems = Self.violations(try AgentJSON.parse(output.modelContent), entry.outputSchema)
            #expect(problems.isEmpty, "\(tool.rawValue): \(problems.joined(separator: "; "))")
        }
    }

    @Test("a failure and an unresolved creation match their schemas too")
    func failuresMatchTheirSchemas() async throws {
        let fixture = try ToolFixture(offline: true)
        let missing = try await fixture.call(ToolName.getStrategy.rawValue, ["strategy_id": "no such strategy"])
        #expect(missing.isError)
        #expect(Self.violations(missing.json, ToolFailure.outputSchema.json).isEmpty, "\(missing.modelContent)")
        #expect(missing.json["not_found"] == "no such strategy")

        let unresolved = try await fixture.call(ToolName.createTradingStrategy.rawValue, [
            "strategy_description": "buy good companies", "strategy_name": "Vague",
        ])
        guard case .unresolved? = ToolName.createTradingStrategy.decode(CreateStrategyResult.self, from: unresolved.modelContent) else {
            Issue.record("expected nothing stored for a vague description: \(unresolved.modelContent)")
            return
        }
        let problems = Self.violations(unresolved.json, CreateStrategyResult.outputSchema.json)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("the check finds a key written but not declared and a required key left out")
    func checkCanFail() async throws {
        let outputs = try await ToolResultTypeTests.everyTool()
        let (tool, output) = try #require(outputs.first { $0.0 == .backtestStrategy })
        guard case .object(var object) = try AgentJSON.parse(output.modelContent) else {
            Issue.record("not an object")
            return
        }
        object["sharpe"] = 1.5
        object["universe"] = nil
        object["tickers"] = 2.5
        let schema = ToolCatalog.entries.first { $0.name == tool }?.outputSchema ?? .null
        let problems = Self.violations(.object(object), schema)
        #expect(problems.sorted() == [
            "$.sharpe: written but not declared",
            "$.tickers: 2.5 is not integer",
            "$.universe: required but not written",
        ])
    }

    @Test("one entry per tool, with the model's description and input schema, and honest annotations")
    func entriesFollowTheSpecs() {
        #expect(ToolCatalog.entries.map(\.name) == StrategyToolbox.specs.compactMap { ToolName(rawValue: $0.name) })
        #expect(Set(ToolCatalog.entries.map(\.name)) == Set(ToolName.allCases))
        for (entry, spec) in zip(ToolCatalog.entries, StrategyToolbox.specs) {
            #expect(entry.description == spec.description)
            #expect(entry.inputSchema == spec.parametersSchema)
            #expect(entry.outputSchema["type"] != nil || entry.outputSchema["oneOf"] != nil, "\(entry.name)")
        }
        let readOnly = Set(ToolCatalog.entries.filter(\.annotations.readOnly).map(\.name))
        #expect(readOnly == [.listUserStrategies, .getStrategy, .getStrategySignals, .compareStrategies, .getPaperAccount])
        let destructive = Set(ToolCatalog.entries.filter(\.annotations.destructive).map(\.name))
        #expect(destructive == [.deleteStrategy])
    }

    @Test("a call by name and JSON text returns the typed result, the display and whether it failed")
    func callsByName() async throws {
        let fixture = try ToolFixture(offline: true)
        let catalog = ToolCatalog(context: fixture.toolbox.context)
        _ = try fixture.add()
        let listed = try await catalog.call(name: ToolName.listUserStrategies.rawValue, argumentsJSON: #"{"active_only": false}"#)
        #expect(!listed.isError)
        let list = try #require(ToolName.listUserStrategies.decode(StrategyListResult.self, from: listed.modelContent))
        #expect(list.strategies.map(\.name) == ["RSI dip"])
        #expect(listed.display?.contains("RSI dip") == true)

        let unknown = try await catalog.call(name: "sell_everything", argumentsJSON: "{}")
        #expect(unknown.isError)
        #expect(unknown.json["error"]?.stringValue?.contains("Unknown tool \"sell_everything\"") == true)
        let unreadable = try await catalog.call(name: ToolName.listUserStrategies.rawValue, argumentsJSON: "{active")
        #expect(unreadable.isError)
        #expect(Self.violations(unreadable.json, ToolFailure.outputSchema.json).isEmpty)
    }
}
