import ArgumentParser
import Foundation
import Networking
import Store
import Tools

extension PaperApprovalMode: ExpressibleByArgument {
    /// `auto` or `approve`, in any case.
    package init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}

/// What every `stratchat paper link|unlink|mode|orders|approve` takes first: the account's name (and the global
/// options), and how it runs: the store opened, the account found, its broker made with the keys of the environment.
struct PaperBrokerAccount: ParsableArguments {
    @Argument(help: ArgumentHelp("The account's name.", valueName: "name"))
    var name: String

    @OptionGroup var options: GlobalOptions

    /// Runs `body` with the account and its broker; failures print one line and exit 2.
    func run<T>(_ body: (PaperBroker, PaperAccount) async throws -> T) async throws -> T {
        let console = StandardConsole()
        let environment = HostEnvironment.current()
        let launch = options.launch(environment: environment)
        do {
            let (_, store) = try await DataSources.openWithStore(launch, options: options, environment: environment)
            let account = try PaperService(store: store, user: launch.user).account(name)
            let broker = PaperBroker(store: store, user: launch.user, connect: AlpacaClient.connector(environment: environment.variables))
            return try await body(broker, account)
        } catch {
            throw ExitCode(DataCommandFailure.report(error, console: console))
        }
    }

    /// Runs `body` and prints the line it returns.
    func printLine(_ body: (PaperBroker, PaperAccount) async throws -> String) async throws {
        let line = try await run(body)
        StandardConsole().write(line + "\n")
    }
}

struct PaperLinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link", abstract: "Link a paper account to Alpaca paper trading (keys from the environment).",
        discussion: """
            Needs ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY (a paper account's keys from app.alpaca.markets). Orders go to \
            Alpaca's paper API; ALPACA_BASE_URL may only name another address with STRATCHAT_ALPACA_ALLOW_LIVE=1 for \
            the live API. The keys are checked with Alpaca and never stored: only the link and the mode are. Each scan \
            then sends the account's orders for the next open: market-on-open (opg) orders, except a buy with the \
            strategy's stop and target, which goes as a day bracket sent while the market is closed (Alpaca takes no \
            opg bracket), or a day oto with only one of them. A sale first cancels its buy's stop and target at Alpaca. \
            The next scan reads them back to compare with the simulation. One account of a user is linked at a \
            time: the keys reach one Alpaca account, where two accounts' positions would mix.
            """)

    @OptionGroup var account: PaperBrokerAccount

    @Option(help: ArgumentHelp("auto sends each scan's orders; approve holds them until `paper approve`.", valueName: "auto|approve"))
    var mode: PaperApprovalMode = .auto

    func run() async throws {
        try await account.printLine { broker, account in try await broker.link(account, approval: mode) }
    }
}

struct PaperUnlinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlink", abstract: "Stop sending a paper account's orders to Alpaca.")

    @OptionGroup var account: PaperBrokerAccount

    func run() async throws {
        try await account.printLine { broker, account in try broker.unlink(account) }
    }
}

struct PaperModeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mode", abstract: "Set a linked account's approval mode: auto or approve.")

    @OptionGroup var account: PaperBrokerAccount

    @Argument(help: ArgumentHelp("auto sends each scan's orders; approve holds them until `paper approve`.", valueName: "auto|approve"))
    var mode: PaperApprovalMode

    func run() async throws {
        try await account.printLine { broker, account in try broker.setApproval(account, mode) }
    }
}

struct PaperOrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders", abstract: "List a linked account's Alpaca orders: waiting for approval, sent, filled, refused.")

    @OptionGroup var account: PaperBrokerAccount

    func run() async throws {
        try await account.printLine { broker, account in PaperBroker.render(try broker.orders(of: [account])) }
    }
}

struct PaperApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve", abstract: "Approve a waiting order by its number, or all, and send it to Alpaca now.",
        discussion: "Exit codes: 0 every approved order was sent; 1 some could not be sent yet (the next scan sends them); 2 bad input.")

    @OptionGroup var account: PaperBrokerAccount

    @Argument(help: ArgumentHelp("The order's number from `paper orders`, or all.", valueName: "id|all"))
    var order: String

    func run() async throws {
        let approval = try await account.run { broker, account in
            try await broker.approve(order, accounts: [account])
        }
        StandardConsole().write(approval.lines.joined(separator: "\n") + "\n")
        if approval.failures > 0 { throw ExitCode(1) }
    }
}
