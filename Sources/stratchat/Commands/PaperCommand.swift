import AgentLoop
import ArgumentParser
import Foundation
import StrategyCore
import Tools

/// `stratchat paper`: paper accounts for scripts and cron — paper money traded by `stratchat scan`.
struct PaperCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paper",
        abstract: "Paper accounts (paper money): open one, attach strategies, show it, halt or resume it, change its limits.",
        discussion: """
            A paper account holds paper money, never a broker's. Each `stratchat scan` trades its attached \
            strategies by the backtest's rules: entry signals and exits become orders for the next open, stops \
            and targets fill inside the day, sized by each strategy's rules on the account's equity. \
            `stratchat scan --from D1 --to D2` replays past days. `paper link NAME` sends an account's orders to Alpaca's \
            paper API as well (keys from ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY, never stored).

            Exit codes: 0 done; 2 bad input (an unknown account or strategy, a bad amount, an unreadable database); \
            64 bad usage.
            """,
        subcommands: [PaperOpenCommand.self, PaperAddCommand.self, PaperRemoveCommand.self, PaperShowCommand.self,
                      PaperHaltCommand.self, PaperResumeCommand.self, PaperLimitsCommand.self, PaperLinkCommand.self, PaperUnlinkCommand.self,
                      PaperModeCommand.self, PaperOrdersCommand.self, PaperApproveCommand.self],
        defaultSubcommand: PaperShowCommand.self
    )

    /// Opens the store and runs `body` with the paper service; failures print one line and exit 2.
    static func withService<T>(_ options: GlobalOptions, _ body: (PaperService, DataSources, LaunchSettings) throws -> T) async throws -> T {
        let console = StandardConsole()
        let environment = HostEnvironment.current()
        let launch = options.launch(environment: environment)
        do {
            let (sources, store) = try await DataSources.openWithStore(launch, options: options, environment: environment)
            return try body(PaperService(store: store, user: launch.user), sources, launch)
        } catch {
            throw ExitCode(DataCommandFailure.report(error, console: console))
        }
    }
}

struct PaperOpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open a paper account with paper money.",
        discussion: "Costs come from the config (commission_pct, slippage_bps), as for a backtest. Limits are off unless given.")

    @Argument(help: ArgumentHelp("The account's name.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("Starting paper money in dollars (default: config, else 100000).", valueName: "dollars"))
    var capital: Double?

    @OptionGroup var limits: PaperLimitOptions
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if let capital, !(capital.isFinite && capital > 0) {
            throw ValidationError("--capital \(capital) is not a positive amount: give dollars, e.g. --capital 100000.")
        }
        if let problem = limits.change.valueProblem { throw ValidationError(problem) }
    }

    func run() async throws {
        let account = try await PaperCommand.withService(options) { service, sources, _ in
            try service.open(name: name, capital: capital ?? sources.settings.capital,
                             commissionPct: sources.settings.commissionPct, slippageBps: sources.settings.slippageBps,
                             limits: limits.change.applied(to: PaperRiskLimits()))
        }
        StandardConsole().write("Opened paper account \"\(account.name)\" with \(NumberText.dollars(account.startingCapital)) of paper money. Attach a strategy with `stratchat paper add \(account.name) STRATEGY`.\n")
    }
}

/// The account and strategy `paper add` and `paper remove` take.
struct PaperStrategyArguments: ParsableArguments {
    @Argument(help: ArgumentHelp("The account's name.", valueName: "name"))
    var name: String

    @Argument(help: ArgumentHelp("A stored strategy's id, id prefix or name.", valueName: "strategy"))
    var strategy: String
}

struct PaperAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Attach a stored strategy to a paper account; the next scan trades it.")

    @OptionGroup var target: PaperStrategyArguments
    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let (account, added) = try await PaperCommand.withService(options) { service, _, _ in
            try service.add(strategy: target.strategy, to: target.name)
        }
        StandardConsole().write("Attached \"\(added.name)\" (v\(added.version)) to paper account \"\(account.name)\"; `stratchat scan` trades it.\n")
    }
}

struct PaperRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Detach a strategy: it places no new orders (its open positions stay).")

    @OptionGroup var target: PaperStrategyArguments
    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let (account, removed) = try await PaperCommand.withService(options) { service, _, _ in
            try service.remove(strategy: target.strategy, from: target.name)
        }
        StandardConsole().write("Detached \"\(removed.name)\" from paper account \"\(account.name)\".\n")
    }
}

struct PaperShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a paper account: equity, cash, positions, orders and closed trades.",
        discussion: """
            --json prints one object with name, paper_money, starting_capital, equity, cash, return_pct, last_day, \
            halted, halt_reason, limits, strategies, positions, orders, trades, halts, equity_curve, broker (the link \
            to Alpaca: name, mode and the orders waiting for approval; null when not linked), synthetic_data (each \
            attached strategy's fields read from a synthetic sample; empty when all are real) and note. Each trade \
            has a backtest trade's keys (ticker, entry_date, entry_price, exit_date, exit_price, shares, pnl, pnl_pct, \
            days_held, exit_reason, fees) plus strategy_id, strategy_version, entry_signal_id and exit_signal_id.
            """)

    @Argument(help: ArgumentHelp("The account's name (default: the latest opened).", valueName: "name"))
    var name: String?

    @Flag(help: "Print the account as one JSON object.")
    var json = false

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        var (view, style, marketData) = try await PaperCommand.withService(options) { service, sources, launch in
            (try service.view(name), launch.style, sources.marketData)
        }
        view.noteSyntheticData(marketData)
        let console = StandardConsole()
        if json {
            FiniteJSON.print((try? AgentJSON(encoding: view)) ?? .null, to: console)
        } else {
            let shown = RenderStyle(width: style.width ?? 100, unicode: !style.ascii, color: false)
            let chart = await StrategyToolbox.paperChart(view, marketData: marketData, benchmark: ToolSettings().benchmark, style: shown).chart
            console.write(view.render(style: shown, chart: chart) + "\n")
        }
    }
}

struct PaperHaltCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "halt", abstract: "Halt new entries (the kill switch); exits still fill.")

    @Argument(help: ArgumentHelp("The account's name.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("Why, kept with the account.", valueName: "text"))
    var reason: String?

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let account = try await PaperCommand.withService(options) { service, _, _ in
            try service.setHalted(true, name: name, reason: reason)
        }
        StandardConsole().write("Paper account \"\(account.name)\" halted: no new entries until `stratchat paper resume \(account.name)`.\n")
    }
}

struct PaperResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Resume new entries after a halt.")

    @Argument(help: ArgumentHelp("The account's name.", valueName: "name"))
    var name: String

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let account = try await PaperCommand.withService(options) { service, _, _ in
            try service.setHalted(false, name: name)
        }
        StandardConsole().write("Paper account \"\(account.name)\" resumed: the next scan places new entries again.\n")
    }
}
