import AgentLoop
import Foundation
import StrategyCore
import Testing
@testable import Tools

@Suite("The offline model reads \"is this overfit?\" as a robustness check")
struct OfflineRobustnessTests {
    let reader = OfflineIntentReader(knownNames: ["Dip Buyer"], focus: "Dip Buyer")

    @Test("phrasings of the question map to analyze_strategy_robustness", arguments: [
        ("is this overfit?", OfflineIntent.robustness(.implicit)),
        ("is it just luck?", .robustness(.implicit)),
        ("how robust is Dip Buyer", .robustness(.named("Dip Buyer"))),
        ("run a monte carlo on it", .robustness(.implicit)),
        ("was that a fluke", .robustness(.implicit)),
    ])
    func phrasings(_ line: String, _ intent: OfflineIntent) {
        #expect(reader.read(line) == intent)
    }

    @Test("hold-out phrasings reserve a share or a date, give it back, or open it", arguments: [
        ("keep the last 30% as a hold-out", OfflineIntent.robustness(.implicit, holdout: "30%")),
        ("hold out everything from 2016-01-04", .robustness(.implicit, holdout: "2016-01-04")),
        ("test it on the hold-out", .robustness(.implicit, open: true)),
        ("remove the holdout", .robustness(.implicit, holdout: "off")),
    ])
    func holdoutPhrasings(_ line: String, _ intent: OfflineIntent) {
        #expect(reader.read(line) == intent)
    }

    @Test("walk-forward phrasings carry the train and test months, with a named sweep or the stop by default", arguments: [
        ("walk forward over 2 years train, 6 months test",
         OfflineIntent.optimize(.implicit, grid: ["stop=4..12:2"], walkForward: .init(trainMonths: 24, testMonths: 6))),
        ("walk-forward with 18 months of training and 3 months of testing",
         .optimize(.implicit, grid: ["stop=4..12:2"], walkForward: .init(trainMonths: 18, testMonths: 3))),
        ("optimise the rsi threshold between 20 and 40 and walk forward, train 3 years, test 6 months, anchored",
         .optimize(.implicit, grid: ["rsi=20..40:5"], walkForward: .init(trainMonths: 36, testMonths: 6, anchored: true))),
    ])
    func walkForwardPhrasings(_ line: String, _ intent: OfflineIntent) {
        #expect(reader.read(line) == intent)
    }

    @Test("walk forward without the window lengths asks for them")
    func walkForwardAsks() {
        guard case .clarify(let question) = reader.read("walk forward please") else {
            Issue.record("not a question")
            return
        }
        #expect(question.contains("2 years train, 6 months test"))
    }

    @Test("a sweep request stays a sweep, and a strategy description is no question")
    func notAQuestion() {
        #expect(reader.read("optimise the stop between 5 and 10%") == .optimize(.implicit, grid: ["stop=5..10:1"]))
        if case .robustness = reader.read("buy when rsi_14 is below 30, sell above 70") { Issue.record("read as a robustness check") }
    }

    @Test("the offline chat checks the strategy in focus and explains it with the tool's numbers")
    func endToEnd() async throws {
        var session = try OfflineSession()
        try await session.say("entry: rsi_14 < 35; exit: rsi_14 > 60")
        let turn = try await session.say("is this overfit?")
        let call = try #require(turn.calls.last)
        #expect(call.name == ToolName.analyzeStrategyRobustness.rawValue)
        let output = try #require(turn.outputs.last)
        #expect(!output.isError, "\(output.modelContent)")
        #expect(output.json["monte_carlo"]?["runs"]?.numberValue == 10_000)
        #expect(turn.text.contains("Resampling the"))
        #expect(session.inventedNumbers().isEmpty, "\(session.inventedNumbers())")
    }
}
