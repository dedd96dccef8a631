import AgentLoop
import Foundation
import StrategyCore
import Testing
@testable import Tools

@Suite("The offline model reads paper trading requests")
struct OfflinePaperTests {
    let reader = OfflineIntentReader(knownNames: ["Dip Buyer"], focus: "Dip Buyer")

    @Test("phrasings map to the paper intents with the strategy and the amount", arguments: [
        ("paper trade this with $50k", OfflineIntent.paperTrade(.implicit, capital: 50_000)),
        ("paper trade it with $50,000", .paperTrade(.implicit, capital: 50_000)),
        ("start paper trading Dip Buyer", .paperTrade(.named("Dip Buyer"), capital: nil)),
        ("put it on paper with 1.5 million", .paperTrade(.implicit, capital: 1_500_000)),
        ("how is my paper account doing?", .paperStatus),
        ("show my paper account", .paperStatus),
        ("how's paper trading going", .paperStatus),
        ("stop paper trading Dip Buyer", .paperStop(.named("Dip Buyer"))),
        ("stop paper trading Momentum Pop", .paperStop(.named("Momentum Pop"))),
        ("remove it from the paper account", .paperStop(.implicit)),
        ("open a paper account with $100k", .paperOpen(capital: 100_000)),
    ])
    func phrasings(_ line: String, _ intent: OfflineIntent) {
        #expect(reader.read(line) == intent)
    }

    @Test("pausing, deleting and describing a strategy are not read as paper requests")
    func notPaper() {
        #expect(reader.read("stop scanning Dip Buyer") == .setActive(.named("Dip Buyer"), active: false))
        #expect(reader.read("delete Dip Buyer") == .delete(.named("Dip Buyer")))
        if case .paperTrade = reader.read("buy when rsi_14 is below 30, sell above 70") { Issue.record("read as paper trading") }
    }

    @Test("the offline chat paper trades the strategy in focus, shows the account and stops it, in paper money")
    func endToEnd() async throws {
        var session = try OfflineSession()
        try await session.say("entry: rsi_14 < 35; exit: rsi_14 > 60")
        let added = try await session.say("paper trade this with $50k")
        let call = try #require(added.calls.last)
        #expect(call.name == ToolName.managePaperAccount.rawValue)
        let arguments = try AgentJSON.parse(call.argumentsJSON)
        #expect(arguments["action"] == "add")
        #expect(arguments["capital"]?.numberValue == 50_000)
        let output = try #require(added.outputs.last)
        #expect(!output.isError, "\(output.modelContent)")
        let result = try #require(ToolName.managePaperAccount.decode(ManagePaperAccountResult.self, from: output.modelContent))
        #expect(result.opened)
        #expect(result.startingCapital == 50_000)
        let name = try #require(result.strategy?.name)
        #expect((output.display ?? "").contains("Opened paper account \"\(result.account)\""))
        #expect((output.display ?? "").contains("paper money (not real money)"))
        #expect(!added.text.contains("Opened paper account"), "the reply does not repeat the display: \(added.text)")
        #expect(added.text.contains("paper money, not real money"))

        let shown = try await session.say("how is my paper account doing?")
        #expect(shown.calls.last?.name == ToolName.getPaperAccount.rawValue)
        #expect(shown.outputs.last?.isError == false)
        #expect(shown.text.contains("paper money, not real money"))
        #expect(shown.text.contains("$50,000"))
        #expect(shown.text.contains("No scan has traded it yet"))

        let stopped = try await session.say("stop paper trading \(name)")
        let stop = try #require(stopped.calls.last)
        #expect(stop.name == ToolName.managePaperAccount.rawValue)
        #expect(try AgentJSON.parse(stop.argumentsJSON)["action"] == "remove")
        let stopOutput = try #require(stopped.outputs.last)
        let after = try #require(ToolName.managePaperAccount.decode(ManagePaperAccountResult.self, from: stopOutput.modelContent))
        #expect(after.strategies.isEmpty)
        #expect((stopOutput.display ?? "").contains("Detached \"\(name)\""))
        #expect(!stopped.text.contains("Detached"), "the reply does not repeat the display: \(stopped.text)")
        #expect(session.inventedNumbers().isEmpty, "\(session.inventedNumbers())")
    }
}
