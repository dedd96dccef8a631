import AgentLoop
import Foundation
import StrategyCore
import Testing
@testable import Tools

@Suite("The offline model reads a request to optimise as a sweep")
struct OfflineOptimizeTests {
    let reader = OfflineIntentReader(knownNames: ["Dip Buyer"], focus: "Dip Buyer")

    @Test("phrasings of a sweep map to optimize_strategy grid entries", arguments: [
        ("optimise the stop between 5 and 10%", OfflineIntent.optimize(.implicit, grid: ["stop=5..10:1"])),
        ("optimize the RSI threshold between 20 and 40", .optimize(.implicit, grid: ["rsi=20..40:5"])),
        ("optimise the RSI threshold from 20 to 40 in steps of 2", .optimize(.implicit, grid: ["rsi=20..40:2"])),
        ("tune the target between 10 and 30% on Dip Buyer", .optimize(.named("Dip Buyer"), grid: ["target=10..30:5"])),
        ("optimise the max hold between 10 and 40 days", .optimize(.implicit, grid: ["hold=10..40:7.5"])),
        ("optimise the rsi period from 7 to 21 step 7", .optimize(.implicit, grid: ["rsi_period=7..21:7"])),
    ])
    func phrasings(_ line: String, _ intent: OfflineIntent) {
        #expect(reader.read(line) == intent)
    }

    @Test("a request to optimise without a range or a number asks which")
    func asks() {
        guard case .clarify(let question) = reader.read("optimise it") else {
            Issue.record("not a question")
            return
        }
        #expect(question.contains("optimise the stop between 5 and 10%"))
        guard case .clarify = reader.read("optimise the whatever between 1 and 5") else {
            Issue.record("not a question")
            return
        }
    }

    @Test("the offline chat runs the sweep on the strategy in focus and explains its verdict with the tool's numbers")
    func endToEnd() async throws {
        var session = try OfflineSession()
        try await session.say("entry: rsi_14 < 35; exit: rsi_14 > 60")
        let turn = try await session.say("optimise the stop between 5 and 7%")
        let call = try #require(turn.calls.last)
        #expect(call.name == ToolName.optimizeStrategy.rawValue)
        let output = try #require(turn.outputs.last)
        #expect(!output.isError, "\(output.modelContent)")
        #expect(output.json["variant_count"]?.numberValue == 3)
        #expect(output.json["grid"]?.arrayValue?.first?["path"]?.stringValue == "risk_parameters.stop_loss_pct")
        #expect(turn.text.contains("The best of 3 variants"))
        #expect(session.inventedNumbers().isEmpty, "\(session.inventedNumbers())")
    }
}
