import AgentLoop
import Foundation
import Testing
@testable import Tools

/// Each tool's input is one type whose schema is built beside it: the schema the model sees names exactly the
/// arguments the type reads, and the toolbox gives the model those schemas.
@Suite("Typed tool inputs")
struct ToolInputTests {
    static var inputs: [any ToolInput.Type] {
        [
            CreateStrategyInput.self, BacktestInput.self, SignalsInput.self, CompareStrategiesInput.self,
            RefineStrategyInput.self, ListStrategiesInput.self, ShowStrategyInput.self, RevertStrategyInput.self,
            SetStrategyActiveInput.self, DeleteStrategyInput.self, SignalActionInput.self, OptimizeInput.self, RobustnessInput.self,
            ManagePaperAccountInput.self, GetPaperAccountInput.self,
        ]
    }

    @Test("every tool has one input type, and the model is given its schema")
    func oneInputPerTool() throws {
        #expect(Set(Self.inputs.map { $0.tool }) == Set(ToolName.allCases))
        #expect(Self.inputs.count == ToolName.allCases.count)
        for input in Self.inputs {
            let spec = try #require(StrategyToolbox.specs.first { $0.name == input.tool.rawValue })
            #expect(spec.parametersSchema == input.schema, "\(input.tool.rawValue)")
        }
    }

    @Test("each schema's properties are the input type's coding keys, and what it requires is among them")
    func schemaMatchesCodingKeys() throws {
        for input in Self.inputs {
            let properties = try #require(input.schema["properties"]?.objectValue, "\(input.tool.rawValue)")
            #expect(Set(properties.keys) == Set(input.argumentNames), "\(input.tool.rawValue)")
            #expect(input.argumentNames.count == Set(input.argumentNames).count, "\(input.tool.rawValue)")
            let required = input.schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(Set(required).isSubset(of: Set(input.argumentNames)), "\(input.tool.rawValue)")
        }
    }

    @Test("decoding a call keeps the checks' messages: a wrong type names the tool, the argument and the fix")
    func decodingKeepsTheMessages() throws {
        let call = ToolCall(id: "c", name: ToolName.backtestStrategy.rawValue,
                            argumentsJSON: #"{"strategy_id": "abcd", "start_date": "2016-1-4", "initial_capital": 5000}"#)
        #expect(throws: ToolsError.self) { try BacktestInput.read(call) }
        do {
            _ = try BacktestInput.read(call)
        } catch let error as ToolsError {
            #expect(error.errorDescription?.contains("start_date") == true)
            #expect(error.errorDescription?.contains("YYYY-MM-DD") == true)
        }
        let good = try BacktestInput.read(ToolCall(id: "c", name: ToolName.backtestStrategy.rawValue,
                                                   argumentsJSON: #"{"strategy_id": " abcd ", "initial_capital": 5000, "tickers": ["AAPL"], "end_date": null}"#))
        #expect(good.strategyId == "abcd")
        #expect(good.initialCapital == 5000)
        #expect(good.tickers == ["AAPL"])
        #expect(good.endDate == nil)
        let revert = try RevertStrategyInput.read(ToolCall(id: "c", name: ToolName.revertStrategy.rawValue, argumentsJSON: #"{"strategy_id": "x", "version": 1}"#))
        #expect(revert.version == 1)
        let flag = ToolCall(id: "c", name: ToolName.setStrategyActive.rawValue, argumentsJSON: #"{"strategy_id": "x", "active": 1}"#)
        #expect(throws: ToolsError.self) { try SetStrategyActiveInput.read(flag) }
        let empty = try ListStrategiesInput.read(ToolCall(id: "c", name: ToolName.listUserStrategies.rawValue, argumentsJSON: ""))
        #expect(empty.activeOnly == nil)
    }
}
