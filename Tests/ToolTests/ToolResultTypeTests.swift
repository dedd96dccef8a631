import AgentLoop
import Foundation
import StrategyCore
import Testing
@testable import Tools

/// Each tool's JSON is the encoding of one result type, and the offline model reads that type back: a key
/// renamed on one side is renamed on the other, and a renamed field no longer compiles where it is read.
@Suite("Typed tool results")
struct ToolResultTypeTests {
    /// One successful call of every tool on one store, in an order where each has something to work on.
    static func everyTool() async throws -> [(ToolName, ToolOutput)] {
        let fixture = try ToolFixture(offline: true)
        var outputs: [(ToolName, ToolOutput)] = []
        func call(_ tool: ToolName, _ arguments: AgentJSON) async throws -> ToolOutput {
            let output = try await fixture.call(tool.rawValue, arguments)
            outputs.append((tool, output))
            return output
        }
        let created = try await call(.createTradingStrategy, [
            "strategy_description": "buy when rsi_14 is below 30, sell when rsi_14 is above 70, 8% stop loss",
            "strategy_name": "RSI dip",
        ])
        let id = try #require(ToolName.createTradingStrategy.strategyNamed(inResult: created.modelContent)?.id)
        _ = try await call(.refineStrategy, ["strategy_id": .string(id), "refinement_description": "set the stop loss to 6%"])
        _ = try await call(.backtestStrategy, ["strategy_id": .string(id), "start_date": "2016-01-04", "end_date": "2017-06-30"])
        _ = try await call(.optimizeStrategy, ["strategy_id": .string(id), "grid": ["risk_parameters.stop_loss_pct=4,8"],
                                               "start_date": "2016-01-04", "end_date": "2017-06-30"])
        _ = try await call(.analyzeStrategyRobustness, ["strategy_id": .string(id), "runs": 200,
                                                        "start_date": "2016-01-04", "end_date": "2017-06-30"])
        _ = try await call(.getStrategySignals, ["strategy_id": .string(id)])
        _ = try await call(.compareStrategies, ["timeframe": "all"])
        _ = try await call(.listUserStrategies, ["active_only": false])
        _ = try await call(.getStrategy, ["strategy_id": .string(id)])
        _ = try await call(.revertStrategy, ["strategy_id": .string(id), "version": 1])
        _ = try await call(.setStrategyActive, ["strategy_id": .string(id), "active": false])
        let (signal, _) = try fixture.store.upsertSignal(StrategySignal(
            strategyId: id, ticker: "AAPL", signalType: .entry, signalDate: Day(iso: "2017-06-30")!, generatedAt: ToolFixture.clock,
            priceAtSignal: 144.02, confidenceScore: 61, reasoning: "RSI(14) 28.5 < 30"), user: ToolFixture.user)
        _ = try await call(.recordSignalAction, ["signal_id": .string(signal.signalId!), "action": "act", "price": 144.5])
        _ = try await call(.managePaperAccount, ["action": "add", "strategy_id": .string(id), "capital": 50000])
        _ = try await call(.getPaperAccount, [:])
        _ = try await call(.deleteStrategy, ["strategy_id": .string(id), "confirm": true])
        return outputs
    }

    /// The result read back as the tool's type and written again.
    static func roundTrip(_ tool: ToolName, _ content: String) throws -> String? {
        func again<Result: ModelResult & Decodable>(_ type: Result.Type) throws -> String? {
            guard let value = tool.decode(type, from: content) else { return nil }
            return try AgentJSON(encoding: value).compactText
        }
        switch tool {
        case .createTradingStrategy: return try again(CreateStrategyResult.self)
        case .refineStrategy: return try again(RefineStrategyResult.self)
        case .backtestStrategy: return try again(BacktestResult.self)
        case .getStrategySignals: return try again(SignalsResult.self)
        case .compareStrategies: return try again(LeaderboardResult.self)
        case .listUserStrategies: return try again(StrategyListResult.self)
        case .getStrategy: return try again(StrategyDetailResult.self)
        case .revertStrategy: return try again(RevertStrategyResult.self)
        case .setStrategyActive: return try again(StrategyActivityResult.self)
        case .deleteStrategy: return try again(DeleteStrategyResult.self)
        case .recordSignalAction: return try again(SignalActionResult.self)
        case .optimizeStrategy: return try again(OptimizeResult.self)
        case .analyzeStrategyRobustness: return try again(RobustnessResult.self)
        case .managePaperAccount: return try again(ManagePaperAccountResult.self)
        case .getPaperAccount: return try again(PaperAccountResult.self)
        }
    }

    @Test("every tool's JSON reads back as its result type and writes the same bytes again")
    func everyResultRoundTrips() async throws {
        let outputs = try await Self.everyTool()
        #expect(Set(outputs.map(\.0)) == Set(ToolName.allCases))
        for (tool, output) in outputs {
            #expect(!output.isError, "\(tool.rawValue): \(output.modelContent)")
            let again = try Self.roundTrip(tool, output.modelContent)
            #expect(again == output.modelContent, "\(tool.rawValue) did not read back as its result type")
        }
    }

    @Test("the offline model explains every tool's result from the typed value, never falling back to 'done'")
    func offlineModelReadsEveryResult() async throws {
        for (tool, output) in try await Self.everyTool() where tool != .recordSignalAction {
            let call = ToolCall(id: "c", name: tool.rawValue, argumentsJSON: "{}")
            let exchange = OfflineTranscript.Exchange(call: call, result: ToolResult(callId: "c", name: tool.rawValue, content: output.modelContent, isError: false))
            let text = OfflineExplainer().explain(exchange)
            #expect(!text.hasPrefix("Done:"), "\(tool.rawValue): \(text)")
        }
    }

    @Test("a failure is data: its details read back, and absent ones are left out of the JSON")
    func failureDetails() throws {
        let output = StrategyToolbox.failure(.strategyNotFound(reference: "RSI dp", suggestion: "RSI dip"))
        #expect(output.isError)
        let failure = try #require(ToolName.getStrategy.decode(ToolFailure.self, from: output.modelContent))
        #expect(failure.notFound == "RSI dp")
        #expect(failure.didYouMean == "RSI dip")
        #expect(!output.modelContent.contains("candidates"))
        #expect(!output.modelContent.contains("needs_confirmation"))
    }

    @Test("a result type writes every key, an absent value as null; a stored value inside it leaves absent ones out")
    func nullsInResultsOnly() throws {
        let result = SignalActionResult(signalId: "s", ticker: "AAPL", action: "skip", actedPrice: nil, closedPrice: nil,
                                        message: "Skipped.", actualTrades: 0, actualWins: 0, actualReturnPct: 0, signalsActedOn: 0)
        let json = try AgentJSON(encoding: result)
        #expect(json["acted_price"] == .null)
        #expect(json["closed_price"] == .null)

        let reference = FieldReference(field: "sma_50")
        let stored = try AgentJSON(encoding: reference)
        #expect(stored == ["field": "sma_50"])
        #expect(stored == (try AgentJSON.parse(StrategyJSON.encodeString(reference))))
    }
}
