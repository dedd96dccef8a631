import AgentLoop
import MarketData
import Foundation
import Store
import Tools

/// One conversation with the agent: the model (switchable), the strategy tools, the transcript, and
/// the tokens used. Chat lines from the REPL and `ask` run here.
@MainActor
final class ChatSession {
    let context: ChatContext
    let log = TranscriptLog()
    let recorder: TranscriptRecorder
    let slot: ModelSlot
    let ids: SeededIds
    let clock: SessionClock
    let toolSettings: ToolSettings
    let maxRounds: Int
    /// Seconds one turn may take before it is cancelled (`turn_timeout`).
    let turnTimeout: Double
    /// How `/model` builds a model for a choice; injectable so tests use a local server's transport.
    let makeModel: @Sendable (ProviderChoice) -> (any ChatModel)?
    /// Asks the person a yes/no question and waits for the answer.
    var confirm: ConfirmingTools.Confirm = { _ in false }
    /// Where Ctrl-C comes from while a turn runs; nil when nothing can interrupt (a pipe).
    var interrupts: (any InterruptSource)?
    private(set) var choice: ProviderChoice?
    private(set) var agent: AgentLoop?
    private(set) var lastTurnUsage = TokenUsage.zero
    private(set) var sessionUsage = TokenUsage.zero
    private(set) var turns = 0
    /// How the last turn ended; nil before the first, or when it failed with an error.
    private(set) var lastOutcome: TurnOutcome?
    private let choiceEnvironment: [String: String]
    private let choiceConfig: [String: String]
    /// The variables that switch live market data on (`FMP_API_KEY` from the environment or `[keys] fmp`).
    let dataEnvironment: [String: String]

    init(context: ChatContext, settings: Settings, model: (any ChatModel)?,
         makeModel: @escaping @Sendable (ProviderChoice) -> (any ChatModel)?, seed: UInt64 = SeededIds.randomSeed()) {
        self.context = context
        self.makeModel = makeModel
        ids = SeededIds(seed: seed)
        clock = SessionClock()
        recorder = TranscriptRecorder(log: log)
        slot = ModelSlot(model)
        choice = model == nil ? nil : settings.choice
        toolSettings = SessionTools.toolSettings(settings, style: context.style)
        maxRounds = settings.maxRounds
        turnTimeout = settings.turnTimeout
        choiceEnvironment = settings.choiceEnvironment
        dataEnvironment = DataSources.liveVariables(settings: settings, environment: .current())
        choiceConfig = settings.choiceConfig
        context.clock = clock
        context.ids = ids
        let provider = model == nil ? "none" : String(slot.name.prefix { $0 != ":" })
        recorder.session(model: slot.name, provider: provider, version: Stratchat.version,
                         seed: seed, user: context.user,
                         settings: SessionTools.recordedSettings(toolSettings, maxRounds: maxRounds))
    }

    /// The session for the settings in force: the chosen provider's model, or the built-in offline model.
    static func standard(context: ChatContext, settings: Settings, seed: UInt64 = SeededIds.randomSeed()) -> ChatSession {
        let keys = (openAI: settings.apiKey(for: .openAIKey), anthropic: settings.apiKey(for: .anthropicKey))
        let build: @Sendable (ProviderChoice) -> (any ChatModel)? = { choice in
            if choice.provider == .offline { return OfflineModel() }
            return choice.makeHTTPModel(apiKey: choice.provider == .anthropic ? keys.anthropic : keys.openAI)
        }
        return ChatSession(context: context, settings: settings, model: build(settings.choice), makeModel: build, seed: seed)
    }

    /// The model that answers and is recorded: every request passes through the transcript.
    private var recordedModel: RecordingModel { RecordingModel(slot, log: log) }

    /// Runs one turn for a chat line, printing as it goes. Ctrl-C (through `interrupts`) cancels it.
    func answer(_ line: String) async throws {
        guard slot.model != nil else {
            context.console.line(ChatError.noModelMessage)
            return
        }
        let agent = try startAgent()
        recorder.userLine(line)
        let watch = interrupts?.watch { Task { await agent.cancelCurrentTurn() } }
        defer { watch?.stop() }
        // The overall deadline: a server that keeps the connection alive without ever answering cannot
        // hold the turn (and a piped session) open for ever.
        let expired = DeadlineFlag()
        let deadline = Task { [turnTimeout] in
            try await Task.sleep(for: .milliseconds(Int64(turnTimeout * 1000)))
            expired.set()
            await agent.cancelCurrentTurn()
        }
        defer { deadline.cancel() }
        var printer = TurnPrinter(console: context.console, style: context.currentStyle)
        lastOutcome = nil
        do {
            for try await event in agent.run(userLine: line) {
                recorder.record(event.recordable)
                printer.show(event)
                if case .toolFinished(let call, let output) = event, let id = SlashCommand.mentionedStrategy(by: call, in: output) {
                    context.lastStrategyId = id
                }
                if case .turnEnded(let summary) = event {
                    lastTurnUsage = summary.usage
                    sessionUsage = summary.sessionUsage
                    turns += 1
                    lastOutcome = summary.outcome
                }
            }
        } catch {
            printer.endLine()
            let message = (error as? any LocalizedError)?.errorDescription ?? "\(error)"
            recorder.notice(message, kind: "error")
            throw error
        }
        if expired.isSet {
            let error = ChatError.turnDeadline(seconds: turnTimeout)
            recorder.notice(error.errorDescription ?? "", kind: "error")
            lastOutcome = nil
            throw error
        }
    }

    /// The agent, built on the first chat line so slash commands never need the data or the prompts.
    func startAgent() throws -> AgentLoop {
        if let agent { return agent }
        let store = try context.store()
        let model = recordedModel
        // The same sources `backtest` and `data` use: live ones when keys are set, else the embedded set.
        let data = try MarketData.configured(environment: dataEnvironment, storage: store, cache: store)
        let toolbox = try SessionTools.toolbox(store: store, user: context.user, settings: toolSettings, model: model,
                                               data: data, clock: clock, ids: ids)
        let tools = ConfirmingTools(inner: toolbox, recorder: recorder,
                                    describe: SessionTools.describer(store: store, user: context.user),
                                    confirm: confirm)
        let agent = AgentLoop(model: model, tools: tools, systemPrompt: try Prompts.system(), maxRounds: maxRounds)
        self.agent = agent
        return agent
    }

    /// `/model provider:name`: switches by the same rule as the start-up choice, keeping the conversation.
    func switchModel(to text: String) async throws -> ProviderChoice {
        let choice: ProviderChoice
        do {
            choice = try ProviderChoice.resolve(flagProvider: nil, flagModel: text, flagBaseURL: nil,
                                                env: choiceEnvironment, config: choiceConfig)
        } catch {
            throw ChatError.badUsage(error.errorDescription ?? "\(error)")
        }
        guard let model = makeModel(choice) else {
            throw ChatError.badUsage(ChatError.noModelMessage)
        }
        slot.use(model)
        self.choice = choice
        await agent?.use(model: recordedModel)
        recorder.modelSwitched(to: model.name)
        return choice
    }

    /// `/clear`: forgets the conversation (the transcript keeps it).
    func clear() async {
        await agent?.clear()
        recorder.notice("The conversation was cleared.", kind: "clear")
    }

    var conversation: [ChatMessage] {
        get async { await agent?.conversation ?? [] }
    }
}
