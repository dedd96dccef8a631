import ArgumentParser
import Foundation
import Tools

/// `stratchat portfolio`: the person's own trades, imported from a CSV, with holdings and statistics.
struct PortfolioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portfolio",
        abstract: "Import your own trades and show holdings and statistics.",
        subcommands: [PortfolioShowCommand.self, PortfolioImportCommand.self],
        defaultSubcommand: PortfolioShowCommand.self
    )
}

/// `stratchat portfolio show`: holdings, history and personal statistics as tables.
struct PortfolioShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show holdings, recent trades and personal statistics.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let console = StandardConsole()
        let environment = HostEnvironment.current()
        let launch = options.launch(environment: environment)
        do {
            let (_, store) = try await DataSources.openWithStore(launch, options: options, environment: environment)
            let book = try PortfolioBook.load(user: launch.user, store: store)
            console.write(book.render(borders: launch.style.ascii ? .ascii : .unicode, width: launch.style.width ?? 100) + "\n")
        } catch {
            throw ExitCode(DataCommandFailure.report(error, console: console))
        }
    }
}

/// `stratchat portfolio import FILE.csv`: stores the person's trades, one per row.
struct PortfolioImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import your trades from a CSV: date, ticker, side, shares, price and optional fees.",
        discussion: """
            One trade per row with a header naming the columns date, ticker, side (buy or sell), shares, price \
            and optionally fees. Bad rows are reported by line and the good ones kept. Importing the same file \
            name again replaces its earlier rows. Together with the signals you acted on, these trades give \
            your holdings and statistics (`stratchat portfolio`, `/portfolio`).

            Exit codes: 0 every row imported; 1 some rows were bad (the others were stored); 2 nothing \
            valid, or the file cannot be read.
            """
    )

    @Argument(help: ArgumentHelp("The CSV file of your trades.", valueName: "file"))
    var file: String

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let console = StandardConsole()
        let environment = HostEnvironment.current()
        let launch = options.launch(environment: environment)
        let report: PortfolioImporter.Report
        do {
            let (_, store) = try await DataSources.openWithStore(launch, options: options, environment: environment)
            try store.ensureUser(launch.user)
            report = try PortfolioImporter().importFile(at: (file as NSString).expandingTildeInPath, user: launch.user, store: store)
        } catch {
            throw ExitCode(DataCommandFailure.report(error, console: console))
        }
        console.write(report.render() + "\n")
        if !report.problems.isEmpty { throw ExitCode(1) }
    }
}
