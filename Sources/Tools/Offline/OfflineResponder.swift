import AgentLoop
import Foundation
import StrategyCore

/// One response of the offline model: text for the person, and the tool calls to run next.
struct OfflineReply: Hashable, Sendable {
    var text: String
    var calls: [ToolCall] = []
}

/// What the last answer offered, so "yes" knows what to do.
enum OfflineOffer: Hashable {
    case backtest(strategyId: String)
    case signals(strategyId: String)
    case compare
    case confirmDelete(strategyId: String)
    /// The same call again with the strategy name the tool suggested ("Did you mean …?").
    case retry(tool: ToolName, arguments: AgentJSON)
    /// The long version of a short idea, in the precise form, with its name.
    case create(description: String, name: String)
}

/// Decides one response from the conversation alone: answer the person's line (tool calls, or text for
/// help and small talk), or explain the tool results that just came back and offer the next step.
struct OfflineResponder {
    let transcript: OfflineTranscript
    /// The tools this conversation offers; a call to any other is never made.
    let toolNames: Set<String>

    init(conversation: [ChatMessage], toolNames: Set<String>) {
        transcript = OfflineTranscript(conversation)
        self.toolNames = toolNames
    }

    var reader: OfflineIntentReader {
        let current = transcript.currentStrategy
        return OfflineIntentReader(knownNames: transcript.knownStrategies.map(\.name), focus: current?.name,
                                   focusStrategy: current.flatMap { transcript.latestDefinition(of: $0.id) })
    }

    func reply() -> OfflineReply {
        if transcript.endsWithUserLine, let line = transcript.lastUserLine { return answer(line) }
        let exchanges = transcript.pendingExchanges
        if !exchanges.isEmpty { return explain(exchanges) }
        return OfflineReply(text: Self.helpText)
    }

    // MARK: - Answering a line

    func answer(_ line: String) -> OfflineReply {
        if let request = sameAgain(line), let id = transcript.currentStrategy?.id {
            if request.isEmpty {
                return OfflineReply(text: "The last change named more than one part, so I'm not sure which to repeat. Say it in full, for example \"set the take profit to 9%\".")
            }
            return call(.refineStrategy, ["strategy_id": .string(id), "refinement_description": .string(request)])
        }
        let intent = reader.read(line)
        let details = OfflineRequestDetails(line: line)
        switch intent {
        case .affirm:
            guard let offer = lastOffer else {
                return OfflineReply(text: "Happy to, but I'm not sure what to do next. " + Self.shortHelp)
            }
            return perform(offer, details: details)
        case .decline:
            return OfflineReply(text: "Okay. " + Self.shortHelp)
        case .help:
            return OfflineReply(text: Self.helpText)
        case .greeting:
            return OfflineReply(text: "Hello. Describe a trading idea in plain words, for example \"buy when insiders are buying and RSI is oversold\", and I'll turn it into a strategy you can backtest.")
        case .thanks:
            return OfflineReply(text: "You're welcome. " + Self.shortHelp)
        case .clarify(let question):
            return OfflineReply(text: question)
        case .unknown:
            if let request = pendingRefineQuestion, let id = transcript.currentStrategy?.id {
                // "tighten the stop" asked "to what?"; "6%" completes it as "tighten the stop to 6%".
                let joiner = line.first?.isNumber == true ? " to " : " "
                return call(.refineStrategy, ["strategy_id": .string(id), "refinement_description": .string(request + joiner + line)])
            }
            return OfflineReply(text: "I didn't catch a request in that. " + Self.shortHelp)
        case .create(let description, let name, _):
            return call(.createTradingStrategy, [
                "strategy_description": .string(description),
                "strategy_name": .string(name ?? OfflineNaming.name(for: description)),
            ])
        case .compare:
            return call(.compareStrategies, ["timeframe": .string(details.timeframe ?? "all")])
        case .list(let activeOnly):
            return call(.listUserStrategies, ["active_only": .bool(activeOnly)])
        case .paperOpen(let capital):
            return call(.managePaperAccount, ["action": "open", "capital": .number(capital)])
        case .paperStatus:
            return call(.getPaperAccount, [:])
        default:
            guard let reference = intent.reference else { return OfflineReply(text: Self.shortHelp) }
            guard let id = resolve(reference) else {
                // Nothing to call "it" yet: look the strategies up, then act (see `explain`).
                return call(.listUserStrategies, ["active_only": false])
            }
            return act(intent, on: id, details: details)
        }
    }

    /// The call for an intent on one strategy.
    func act(_ intent: OfflineIntent, on id: String, details: OfflineRequestDetails) -> OfflineReply {
        switch intent {
        case .backtest: return call(.backtestStrategy, details.backtestArguments(strategyId: id))
        case .signals: return call(.getStrategySignals, details.signalArguments(strategyId: id))
        case .show: return call(.getStrategy, ["strategy_id": .string(id)])
        case .refine(_, let request): return call(.refineStrategy, ["strategy_id": .string(id), "refinement_description": .string(request)])
        case .setActive(_, let active): return call(.setStrategyActive, ["strategy_id": .string(id), "active": .bool(active)])
        case .delete: return call(.deleteStrategy, ["strategy_id": .string(id)])
        case .paperTrade(_, let capital):
            var arguments: [String: AgentJSON] = ["action": "add", "strategy_id": .string(id)]
            if let capital { arguments["capital"] = .number(capital) }
            return call(.managePaperAccount, .object(arguments))
        case .paperStop: return call(.managePaperAccount, ["action": "remove", "strategy_id": .string(id)])
        case .optimize(_, let grid, let walk):
            var arguments: [String: AgentJSON] = ["strategy_id": .string(id), "grid": .array(grid.map { .string($0) })]
            if let walk {
                arguments["walk_forward"] = ["train_months": .number(Double(walk.trainMonths)), "test_months": .number(Double(walk.testMonths)),
                                             "anchored": .bool(walk.anchored)]
            }
            return call(.optimizeStrategy, .object(arguments))
        case .robustness(_, let holdout, let open):
            guard case .object(var arguments) = details.backtestArguments(strategyId: id) else { return OfflineReply(text: Self.shortHelp) }
            arguments["initial_capital"] = nil
            if let holdout { arguments["holdout"] = .string(holdout) }
            if open { arguments["open_holdout"] = true }
            return call(.analyzeStrategyRobustness, .object(arguments))
        case .revert(_, let version):
            let known = transcript.knownStrategies.first { $0.id == id }
            guard let target = version ?? known?.version.flatMap({ $0 > 1 ? $0 - 1 : nil }) else {
                return OfflineReply(text: "Which version should I restore? Say \"show it\" to see its versions, then \"revert to version\" and the number.")
            }
            return call(.revertStrategy, ["strategy_id": .string(id), "version": .number(Double(target))])
        default:
            return OfflineReply(text: Self.shortHelp)
        }
    }

    func perform(_ offer: OfflineOffer, details: OfflineRequestDetails) -> OfflineReply {
        switch offer {
        case .backtest(let id): call(.backtestStrategy, details.backtestArguments(strategyId: id))
        case .signals(let id): call(.getStrategySignals, details.signalArguments(strategyId: id))
        case .compare: call(.compareStrategies, ["timeframe": .string(details.timeframe ?? "all")])
        case .confirmDelete(let id): call(.deleteStrategy, ["strategy_id": .string(id), "confirm": true])
        case .retry(let tool, let arguments):
            call(tool, arguments)
        case .create(let description, let name):
            call(.createTradingStrategy, ["strategy_description": .string(description), "strategy_name": .string(name)])
        }
    }

    /// The strategy id a reference means: a known name's id, the text itself for the tool to look up, or "it".
    func resolve(_ reference: StrategyReference) -> String? {
        switch reference {
        case .named(let text):
            return transcript.knownStrategies.last { $0.name.lowercased() == text.lowercased() }?.id ?? text
        case .implicit:
            return ordinalStrategy ?? transcript.currentStrategy?.id
        }
    }

    /// "the second one", "number 3", "#2": a position in the last list or leaderboard shown.
    var ordinalStrategy: String? {
        guard let line = transcript.lastUserLine?.lowercased() else { return nil }
        let words = ["first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                     "ninth": 9, "tenth": 10, "last": -1]
        var position: Int?
        if let match = OfflineRequestDetails.groups(#"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)\s+(?:one|strategy)\b"#, in: line) {
            position = words[match[0]]
        } else if let match = OfflineRequestDetails.groups(#"(?:#|\bnumber\s+|\bno\.\s*)(\d+)\b"#, in: line) {
            position = Int(match[0])
        }
        guard let position,
              let shown = transcript.allExchanges.last(where: {
                  $0.succeeded && [.listUserStrategies, .compareStrategies].contains($0.tool)
              })?.strategiesListed, !shown.isEmpty
        else { return nil }
        let index = position == -1 ? shown.count - 1 : position - 1
        guard shown.indices.contains(index) else { return nil }
        return shown[index].id
    }

    /// A call with the next deterministic id ("offline-1", "offline-2", … counted over the conversation).
    func call(_ tool: ToolName, _ arguments: AgentJSON, text: String = "") -> OfflineReply {
        guard toolNames.contains(tool.rawValue) else {
            return OfflineReply(text: "I can't do that here: the \(tool.rawValue) tool is not available in this conversation.")
        }
        let id = "offline-\(transcript.toolCallCount + 1)"
        return OfflineReply(text: text, calls: [ToolCall(id: id, name: tool.rawValue, argumentsJSON: arguments.compactText)])
    }

    // MARK: - Explaining results

    func explain(_ exchanges: [OfflineTranscript.Exchange]) -> OfflineReply {
        let line = transcript.lastUserLine ?? ""
        let intent = reader.read(line)
        let turn = transcript.currentTurnExchanges

        // A list fetched to find "it": act on the one strategy, or ask which.
        if exchanges.count == 1, turn.count == 1, exchanges[0].tool == .listUserStrategies, exchanges[0].succeeded,
           intent.reference != nil {
            let items = exchanges[0].strategiesListed
            if let id = resolve(intent.reference!) ?? (items.count == 1 ? items[0].id : nil) {
                return act(intent, on: id, details: OfflineRequestDetails(line: line))
            }
            if items.isEmpty {
                return OfflineReply(text: "You have no strategies yet, so there is nothing to act on. Describe one in plain words, for example \"buy when insiders are buying and RSI is oversold\".")
            }
            let names = items.map { "\"\($0.name)\"" }.joined(separator: ", ")
            return OfflineReply(text: "Which strategy do you mean: \(names)? Say it with the name, for example \"backtest\" followed by the name.")
        }

        let explainer = OfflineExplainer(known: transcript.knownStrategies)
        var text = exchanges.map(explainer.explain).joined(separator: "\n\n")

        // "Create … and backtest it": after the strategy is stored, run the backtest in the same turn.
        if case .create(_, _, true) = intent, let last = exchanges.last, last.tool == .createTradingStrategy,
           last.succeeded, case .created(let created)? = last.decoded(CreateStrategyResult.self), case let id = created.strategy.strategyId,
           !turn.contains(where: { $0.tool == .backtestStrategy }) {
            var reply = call(.backtestStrategy, OfflineRequestDetails(line: line).backtestArguments(strategyId: id))
            reply.text = text + "\n\nNow backtesting it."
            return reply
        }
        if let last = exchanges.last, let (_, sentence) = Self.offer(after: last), !sentence.isEmpty {
            text += "\n\n" + sentence
        }
        return OfflineReply(text: text)
    }

    /// What the last turn's final result offered, if anything.
    var lastOffer: OfflineOffer? {
        transcript.previousTurnExchanges.last.flatMap { Self.offer(after: $0)?.0 }
    }

    /// The refinement the last answer asked a question about, so a short answer completes it.
    var pendingRefineQuestion: String? {
        guard let last = transcript.previousTurnExchanges.last, last.tool == .refineStrategy,
              case .unresolved? = last.decoded(RefineStrategyResult.self) else { return nil }
        return last.arguments["refinement_description"]?.stringValue
    }

    /// The next step to offer after a result, and how to say it.
    static func offer(after exchange: OfflineTranscript.Exchange) -> (OfflineOffer?, String)? {
        let id = exchange.strategyNamed?.id ?? exchange.arguments["strategy_id"]?.stringValue ?? ""
        if !exchange.succeeded {
            let failure = exchange.failure
            if failure?.needsConfirmation == true { return (.confirmDelete(strategyId: id), "") }
            if let guess = failure?.didYouMean, let tool = exchange.tool, case .object(var arguments) = exchange.arguments {
                arguments["strategy_id"] = .string(guess)
                return (.retry(tool: tool, arguments: .object(arguments)), "")
            }
            return nil
        }
        switch exchange.tool {
        case .createTradingStrategy:
            guard case .unresolved? = exchange.decoded(CreateStrategyResult.self) else {
                return (.backtest(strategyId: id), "Want me to backtest it?")
            }
            // "Short when …" was answered with the nearest long strategy; "yes" creates that one.
            guard let description = exchange.arguments["strategy_description"]?.stringValue,
                  case let parsed = StrategyTextParser().parse(description), parsed.offersLongVersion,
                  let long = parsed.strategy, let precise = OfflinePreciseForm.text(long)
            else { return nil }
            let name = (exchange.arguments["strategy_name"]?.stringValue ?? OfflineNaming.name(for: precise))
            return (.create(description: precise, name: name), "")
        case .refineStrategy:
            guard case .refined(let refined)? = exchange.decoded(RefineStrategyResult.self), refined.changed else { return nil }
            return (.backtest(strategyId: id), "Want me to backtest the new version?")
        case .revertStrategy:
            guard exchange.decoded(RevertStrategyResult.self)?.changed == true else { return nil }
            return (.backtest(strategyId: id), "Want me to backtest the new version?")
        case .backtestStrategy:
            return (.signals(strategyId: id), "Want to see today's signals from it, or refine it (a tighter stop, another condition)?")
        case .getStrategySignals:
            return (.compare, "Want me to compare it with your other strategies?")
        case .getStrategy:
            guard let detail = exchange.decoded(StrategyDetailResult.self), detail.lastBacktest == nil else { return nil }
            return (.backtest(strategyId: id), "Want me to backtest it?")
        default:
            return nil
        }
    }

    // MARK: - Help

    static let shortHelp = "Describe a strategy in plain words to create it, or ask me to backtest it, show its signals, refine it, list or compare your strategies. Say \"help\" for more."

    static let helpText = """
        I turn trading ideas into strategies you can test, without a language model or a network. You can say:
          • "Create a strategy: buy when insiders are buying and RSI is oversold" (or the precise form, "entry: rsi_14 < 30; exit: rsi_14 > 70")
          • "backtest it", "backtest it on AAPL and MSFT since 2015", "from 2009-09-01 to 2010-06-30"
          • "tighten the stop to 6%", "add a condition that volume is above 1M", "drop the RSI rule", "make it long term"
          • "show me signals for that one", "list my strategies", "show it", "compare them over the last 90 days"
          • "pause it", "resume it", "revert to version 1", "delete it"
          • "paper trade this with $50k", "how is my paper account doing?", "stop paper trading Dip Buyer" (paper money, not real money)
          • "optimise the stop between 5 and 10%", "optimise the RSI threshold between 20 and 40" (a sweep, judged for overfitting)
        I only quote numbers the tools computed; anything from synthetic sample data is labelled so.
        """
}
