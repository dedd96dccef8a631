import AgentLoop
import Foundation
import StrategyCore
import Testing
@testable import Tools

@Suite("The offline model reads intents and details from a line")
struct OfflineIntentTests {
    let reader = OfflineIntentReader(knownNames: ["Dip Buyer"])

    struct Case: CustomTestStringConvertible, Sendable {
        var line: String
        var intent: OfflineIntent
        var testDescription: String { line }
    }

    @Test("lines map to intents", arguments: [
        Case(line: "Create a strategy: buy when insiders are buying and RSI is oversold",
             intent: .create(description: "buy when insiders are buying and RSI is oversold", name: nil, thenBacktest: false)),
        Case(line: "buy when RSI is below 30 and backtest it", intent: .create(description: "buy when RSI is below 30", name: nil, thenBacktest: true)),
        Case(line: "make me a new strategy called Dip Buyer: buy when RSI(7) is under 25",
             intent: .create(description: "buy when RSI(7) is under 25", name: "Dip Buyer", thenBacktest: false)),
        Case(line: "entry: rsi_14 < 30; exit: rsi_14 > 70", intent: .create(description: "entry: rsi_14 < 30; exit: rsi_14 > 70", name: nil, thenBacktest: false)),
        Case(line: "backtest it", intent: .backtest(.implicit)),
        Case(line: "how would Dip Buyer have done since 2015?", intent: .backtest(.named("Dip Buyer"))),
        Case(line: "show me signals for that one", intent: .signals(.implicit)),
        Case(line: "what should I buy today?", intent: .signals(.implicit)),
        Case(line: "compare them", intent: .compare),
        Case(line: "which of my strategies is performing best?", intent: .compare),
        Case(line: "list my strategies", intent: .list(activeOnly: true)),
        Case(line: "show all my strategies, paused ones too", intent: .list(activeOnly: false)),
        Case(line: "show it", intent: .show(.implicit)),
        Case(line: "now tighten the stop to 6%", intent: .refine(.implicit, request: "tighten the stop to 6%")),
        Case(line: "also add a condition that volume is above 1M", intent: .refine(.implicit, request: "add a condition that volume is above 1M")),
        Case(line: "drop the RSI rule", intent: .refine(.implicit, request: "drop the RSI rule")),
        Case(line: "tighten the stop on Dip Buyer to 6%", intent: .refine(.named("Dip Buyer"), request: "tighten the stop to 6%")),
        Case(line: "remove the volume condition", intent: .refine(.implicit, request: "remove the volume condition")),
        Case(line: "pause it", intent: .setActive(.implicit, active: false)),
        Case(line: "resume Dip Buyer", intent: .setActive(.named("Dip Buyer"), active: true)),
        Case(line: "delete it", intent: .delete(.implicit)),
        Case(line: "show me the Momentum strategy", intent: .show(.named("Momentum"))),
        Case(line: "show me its rules", intent: .show(.implicit)),
        Case(line: "show me the strategy", intent: .show(.implicit)),
        Case(line: "revert to version 1", intent: .revert(.implicit, version: 1)),
        Case(line: "undo that", intent: .revert(.implicit, version: nil)),
        Case(line: "yes", intent: .affirm),
        Case(line: "Sure, on AAPL since 2015", intent: .affirm),
        Case(line: "not now", intent: .decline),
        Case(line: "help", intent: .help),
        Case(line: "hi there", intent: .greeting),
        Case(line: "thanks!", intent: .thanks),
        Case(line: "the weather is nice", intent: .unknown),
    ])
    func intents(_ example: Case) {
        #expect(reader.read(example.line) == example.intent)
    }

    @Test("with a strategy in focus: a removal that names a limit is an edit, a bare rule asks which reading")
    func focusedReadings() throws {
        let focused = OfflineIntentReader(knownNames: ["Dip Buyer"], focus: "Dip Buyer")
        #expect(focused.read("remove the max hold from Dip Buyer") == .refine(.named("Dip Buyer"), request: "remove the max hold"))
        #expect(focused.read("Dip Buyer: delete the take profit") == .refine(.named("Dip Buyer"), request: "delete the take profit"))
        #expect(focused.read("delete Dip Buyer") == .delete(.named("Dip Buyer")))
        #expect(focused.read("call it Oversold Bounce") == .refine(.implicit, request: "call it Oversold Bounce"))
        guard case .clarify(let question) = focused.read("price above the 50 day average") else {
            Issue.record("a bare rule with a strategy in focus should ask: \(focused.read("price above the 50 day average"))")
            return
        }
        #expect(question.contains("\"Dip Buyer\"") && question.contains("new strategy"))
    }

    @Test("readings whose scores are near, not only tied, ask which was meant; a clear reading does not ask")
    func closeCallMargin() throws {
        let focused = OfflineIntentReader(knownNames: ["Dip Buyer"], focus: "Dip Buyer")
        let line = "RSI under 25, volume over 1M"
        let text = OfflineIntentReader.normalize(line)
        let edit = try #require(focused.editReading(line, text, hasFocus: true)).score
        let create = try #require(focused.createReading(line, text)).score
        #expect(edit != create)
        #expect(abs(edit - create) <= OfflineIntentReader.closeCall)
        guard case .clarify = focused.read(line) else {
            Issue.record("a near tie should ask: \(focused.read(line))")
            return
        }
        #expect(focused.read("and only when volume is above 1M") == .refine(.implicit, request: "only when volume is above 1M"))
        guard case .create(_, let name, _) = focused.read("create a strategy called Pop: buy when the 5-day return is above 8%") else {
            Issue.record("an outright new strategy should not ask")
            return
        }
        #expect(name == "Pop")
    }

    @Test("an edit reading is parsed in full against the strategy in focus: one that places nothing scores lower, one that places the line does not")
    func editParsedInFull() throws {
        let dip = TradingStrategy(
            name: "Dip Buyer", entryConditions: [Condition(field: "rsi_14", operator: .lt, value: .number(30))],
            riskParameters: RiskParameters(stopLossPct: 10, takeProfitPct: 25, maxHoldDays: 90, positionSizePct: 5))
        let names = OfflineIntentReader(knownNames: ["Dip Buyer"], focus: "Dip Buyer")
        var parsed = names
        parsed.focusStrategy = dip
        func scores(_ line: String) throws -> (vocabulary: Int, full: Int) {
            let text = OfflineIntentReader.normalize(line)
            return (try #require(names.editReading(line, text, hasFocus: true)).score,
                    try #require(parsed.editReading(line, text, hasFocus: true)).score)
        }
        // "change the watchlist to my tech names": an edit verb, but nothing the strategy has.
        let unplaced = try scores("change the watchlist to my tech names")
        #expect(StrategyTextParser().refine(dip, with: "change the watchlist to my tech names").changes.isEmpty)
        #expect(unplaced.full == unplaced.vocabulary - 2)
        let placed = try scores("tighten the stop to 6%")
        #expect(placed.full == placed.vocabulary)
    }

    @Test("'the same for …' repeats the last edit on the part now named, and asks when that edit named several")
    func sameForAnotherPart() {
        #expect(OfflineResponder.substitute(part: "the take profit", in: "set the stop to 8%") == "set the take profit to 8%")
        #expect(OfflineResponder.substitute(part: "exit", in: "use the 20-day for the entry") == "use the 20-day for the exit")
        #expect(OfflineResponder.substitute(part: "take profit", in: "remove the max hold and widen the stop slightly, to 9%") == "")
        #expect(OfflineResponder.substitute(part: "exit", in: "tighten the stop to 6%") == nil)
        #expect(OfflineResponder.substitute(part: "the weather", in: "set the stop to 8%") == nil)
    }

    @Test("backtest details: tickers, a year, an explicit range, month names, capital")
    func backtestDetails() {
        let since = OfflineRequestDetails(line: "backtest it on AAPL and MSFT since 2015")
        #expect(since.tickers == ["AAPL", "MSFT"])
        #expect(since.startDate == Day(year: 2015, month: 1, day: 1))
        #expect(since.endDate == nil)

        let range = OfflineRequestDetails(line: "from 2009-09-01 to 2010-06-30")
        #expect(range.startDate == Day(iso: "2009-09-01"))
        #expect(range.endDate == Day(iso: "2010-06-30"))

        // A year that ends a range means its last day; a month means its first or last day.
        let years = OfflineRequestDetails(line: "test it from 2012 to 2014 with $50k")
        #expect(years.startDate == Day(year: 2012, month: 1, day: 1))
        #expect(years.endDate == Day(year: 2014, month: 12, day: 31))
        #expect(years.initialCapital == 50_000)
        let months = OfflineRequestDetails(line: "backtest it from march 2009 until february 2010")
        #expect(months.startDate == Day(year: 2009, month: 3, day: 1))
        #expect(months.endDate == Day(year: 2010, month: 2, day: 28))

        let year = OfflineRequestDetails(line: "how did it do in 2010")
        #expect(year.startDate == Day(year: 2010, month: 1, day: 1))
        #expect(year.endDate == Day(year: 2010, month: 12, day: 31))

        // Indicator names in capitals are not tickers; a universe is read by name.
        let words = OfflineRequestDetails(line: "backtest the RSI and MACD one on the sample universe")
        #expect(words.tickers == [])
        #expect(words.universe == "sample")
        #expect(words.backtestArguments(strategyId: "s1") == ["strategy_id": "s1", "universe": "sample"])
        // A percentage after "to" is not a date.
        #expect(OfflineRequestDetails(line: "tighten the stop to 6%").endDate == nil)
    }

    @Test("comparison windows from words", arguments: [
        ("compare them", nil), ("compare them this week", "7d"), ("leaderboard for the last 30 days", "30d"),
        ("compare over the past quarter", "90d"), ("rank them over the last 90 days", "90d"), ("compare this year", "1y"),
        ("compare them over all time", "all"),
    ] as [(String, String?)])
    func windows(_ line: String, _ expected: String?) {
        #expect(OfflineRequestDetails(line: line).timeframe == expected)
    }

    @Test("names come from the rules, or from a heading the person wrote")
    func names() {
        #expect(OfflineNaming.name(for: "buy when insiders are buying and RSI is oversold") == "Insider Buying + RSI Oversold")
        #expect(OfflineNaming.name(for: "buy on a golden cross") == "Golden Cross")
        #expect(OfflineNaming.name(for: "Reddit momentum: buy when mentions are spiking") == "Reddit momentum")
        #expect(OfflineNaming.name(for: "buy good stocks") == "New Strategy")
    }

    @Test("the precise form written back parses to the same strategy")
    func preciseRoundTrip() throws {
        let original = try #require(StrategyTextParser().parse("buy when RSI(7) is under 25 and volume is twice its 20-day average, sell when RSI is above 60, 8% stop").strategy)
        let text = try #require(OfflinePreciseForm.text(original))
        let again = try #require(StrategyTextParser().parse(text).strategy)
        #expect(again.entryConditions == original.entryConditions)
        #expect(again.exitConditions == original.exitConditions)
        #expect(again.riskParameters == original.riskParameters)
        #expect(again.timeframe == original.timeframe)
    }
}

@Suite("The offline model speaks the chat model protocol")
struct OfflineModelProtocolTests {
    func events(_ conversation: [ChatMessage], tools: [ToolSpec] = StrategyToolbox.specs) async throws -> [ModelEvent] {
        var found: [ModelEvent] = []
        for try await event in OfflineModel().respond(to: conversation, tools: tools) { found.append(event) }
        return found
    }

    @Test("a tool call streams as one call, zero usage, then done with tool use; ids count the calls so far")
    func toolCallStream() async throws {
        let earlier = ToolCall(id: "x", name: "list_user_strategies", argumentsJSON: "{}")
        let conversation: [ChatMessage] = [
            .system("prompt"), .user("list my strategies"), .assistant(text: "", toolCalls: [earlier]),
            .toolResult(ToolResult(callId: "x", name: "list_user_strategies", content: #"{"active_only":true,"count":0,"strategies":[]}"#, isError: false)),
            .assistant(text: "none", toolCalls: []), .user("compare them this month"),
        ]
        let found = try await events(conversation)
        #expect(found == [
            .toolCall(ToolCall(id: "offline-2", name: "compare_strategies", argumentsJSON: #"{"timeframe":"30d"}"#)),
            .usage(.zero), .done(.toolUse),
        ])
        #expect(OfflineModel().name == "offline")
    }

    @Test("text streams in paragraphs that join back to the whole answer, then done with end of turn")
    func textStream() async throws {
        let found = try await events([.user("help")])
        let deltas = found.compactMap { if case .textDelta(let text) = $0 { text } else { nil } }
        #expect(deltas.count > 1)
        #expect(deltas.joined() == OfflineResponder.helpText)
        #expect(found.suffix(2) == [.usage(.zero), .done(.endTurn)])
    }

    @Test("a tool the conversation does not offer is never called")
    func missingTool() async throws {
        let found = try await events([.user("compare them")], tools: [])
        #expect(!found.contains { if case .toolCall = $0 { true } else { false } })
        #expect(found.first == .textDelta("I can't do that here: the compare_strategies tool is not available in this conversation."))
    }
}
