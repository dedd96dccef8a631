import ArgumentParser
import Foundation
import Networking
import Store
import Tools

/// `stratchat paper link|unlink|mode|orders|approve`: a paper account's orders sent to Alpaca's paper API.
enum PaperBrokerCommand {
    /// Opens the store and runs `body` with the account and its broker; failures print one line and exit 2.
    static func run<T>(_ options: GlobalOptions, account name: String,
                       _ body: (PaperBroker, PaperAccount) async throws -> T) async throws -> T {
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
            The next scan reads them back to compare with the simulation.
            """)

    @Argument(help: ArgumentHelp("The account's name.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("auto sends each scan's orders; approve holds them until `paper approve`.", valueName: "auto|approve"))
    var mode: String = PaperApprovalMode.auto.rawValue

    @OptionGroup var options: GlobalOptions

    func validate() throws {
        guard PaperApprovalMode(rawValue: mode.lowercased()) != nil else {
            throw ValidationError("--mode \(mode) is not a mode: use --mode auto or --mode approve.")
        }
    }

    func run() async throws {
        let line = try await PaperBrokerCommand.run(options, account: name) { broker, account in
            try await broker.link(account, approval: PaperApprovalMode(rawValue: mode.lowercased()) ?? .auto)
        }
        StandardConsole().write(line + "\n")
    }
}

struct PaperUnlinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlink", abstract: "Stop sending a paper account's orders to Alpaca.")

    @Argument(help: ArgumentHelp("The account's name.", valueName: "name"))
    var name: String

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let line = try await PaperBrokerCommand.run(options, account: name) { broker, account in try broker.unlink(account) }
        StandardConsole().write(line + "\n")
    }
}

struct PaperModeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mode", abstract: "Set a linked account's approval mode: auto or approve.")

    @Argument(help: ArgumentHelp("The account's name.", valueName: "name"))
    var name: String

    @Argument(help: ArgumentHelp("auto or approve.", valueName: "mode"))
    var mode: String

    @OptionGroup var options: GlobalOptions

    func validate() throws {
        guard PaperApprovalMode(rawValue: mode.lowercased()) != nil else {
            throw ValidationError("\(mode) is not a mode: use auto or approve.")
        }
    }

    func run() async throws {
        let line = try await PaperBrokerCommand.run(options, account: name) { broker, account in
            try broker.setApproval(account, PaperApprovalMode(rawValue: mode.lowercased()) ?? .approve)
        }
        StandardConsole().write(line + "\n")
    }
}

struct PaperOrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders", abstract: "List a linked account's Alpaca orders: waiting for approval, sent, filled, refused.")

    @Argument(help: ArgumentHelp("The account's name.", valueName: "name"))
    var name: String

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let text = try await PaperBrokerCommand.run(options, account: name) { broker, account in
            PaperBroker.render(try broker.orders(of: [account]))
        }
        StandardConsole().write(text + "\n")
    }
}

struct PaperApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve", abstract: "Approve a waiting order by its number, or all, and send it to Alpaca now.",
        discussion: "Exit codes: 0 every approved order was sent; 1 some could not be sent yet (the next scan sends them); 2 bad input.")

    @Argument(help: ArgumentHelp("The account's name.", valueName: "name"))
    var name: String

    @Argument(help: ArgumentHelp("The order's number from `paper orders`, or all.", valueName: "id|all"))
    var order: String

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let approval = try await PaperBrokerCommand.run(options, account: name) { broker, account in
            try await broker.approve(order, accounts: [account])
        }
        StandardConsole().write(approval.lines.joined(separator: "\n") + "\n")
        if approval.failures > 0 { throw ExitCode(1) }
    }
}
