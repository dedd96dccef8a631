import AgentLoop
import ArgumentParser
import Foundation
import MarketData
import Store
import StrategyCore
import Tools

/// `stratchat report ID -o FILE.html`: the strategy's latest backtest as one self-contained HTML file;
/// `stratchat report --paper NAME -o FILE.html`: a paper account's record the same way.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a strategy's latest backtest, or a paper account (--paper), as one self-contained HTML file.",
        discussion: """
            The file holds the equity and drawdown charts (inline SVG), the metrics, the monthly returns, \
            the trade log, the strategy in words and as JSON, and the assumptions. It loads nothing from \
            the network, so it opens offline and can be sent as it is.

            The strategy is named by its id, the start of its id, or its name. The latest stored backtest \
            is used; when the strategy has none, one is run first with the default settings (capital, \
            costs and universe from the config) and stored.

            With --paper NAME (and no strategy) the file is the paper account's record instead: its equity \
            against the benchmark, drawdown, metrics, monthly returns, trades, open positions, the record per \
            strategy against its backtest, the latest orders and the halts. Paper money, and the file says so.

            Exit codes: 0 written; 2 an unknown or ambiguous strategy or account, an account no scan has \
            traded yet, a backtest that cannot run, or a file that cannot be written.
            """
    )

    @Argument(help: ArgumentHelp("The strategy: its id, the start of its id, or its name.", valueName: "id"))
    var strategy: String?

    @Option(help: ArgumentHelp("Write this paper account's report instead of a strategy's.", valueName: "name"))
    var paper: String?

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The HTML file to write.", valueName: "file.html"))
    var output: String

    @OptionGroup var options: GlobalOptions

    func validate() throws {
        switch (strategy, paper) {
        case (nil, nil): throw ValidationError("Name a strategy (stratchat report ID -o FILE.html) or a paper account (--paper NAME).")
        case (.some, .some): throw ValidationError("Give a strategy or --paper NAME, not both.")
        default: break
        }
    }

    func run() async throws {
        if let paper { return try await writePaper(paper) }
        let strategy = strategy ?? ""
        let environment = HostEnvironment.current()
        let launch = options.launch(environment: environment)
        let console = StandardConsole()
        do {
            let settings = try options.loadSettings(paths: launch.paths, environment: environment)
            let store = try StratStore.open(at: launch.paths.database.path)
            store.notices.forEach { console.writeError("note: " + $0) }
            let chosen = try Self.resolve(strategy, store: store, user: launch.user)
            var ranNow = false
            var backtest = try store.latestBacktest(strategyId: chosen.id, user: launch.user)
            if backtest == nil {
                console.writeError("\"\(chosen.name)\" has no stored backtest; running one with the default settings…")
                backtest = try await Self.runBacktest(chosen, store: store, user: launch.user, settings: settings)
                ranNow = true
            }
            guard let backtest else { throw Failure("the backtest of \"\(chosen.name)\" was not stored — run it in the chat with /backtest and try again") }
            let ran = try HTMLReport.strategy(runBy: backtest, latest: chosen, store: store, user: launch.user)
            let robustness = try ReportRobustness.of(backtest, strategyId: chosen.id, user: launch.user, store: store)
            let html = HTMLReport.render(strategy: ran, backtest: backtest, latestVersion: chosen.version, robustness: robustness,
                                         generatedAt: Date())
            let url = URL(fileURLWithPath: output)
            try write(html)
            console.line("Wrote \(url.path) (\(NumberText.grouped(Double(html.utf8.count) / 1024, decimals: 0)) KB): \"\(chosen.name)\" \(Self.versionText(ran: ran, latest: chosen)), "
                + "backtest \(backtest.startDate) to \(backtest.endDate)\(ranNow ? ", run just now with the default settings" : " (the latest stored)").")
        } catch let failure as Failure {
            console.writeError("error: " + failure.message)
            throw ExitCode(2)
        } catch {
            console.writeError("error: " + error.localizedDescription)
            throw ExitCode(2)
        }
    }

    /// Writes the paper account's report: its record drawn by the backtest report's pieces.
    func writePaper(_ name: String) async throws {
        let console = StandardConsole()
        let environment = HostEnvironment.current()
        let launch = options.launch(environment: environment)
        do {
            let (sources, store) = try await DataSources.openWithStore(launch, options: options, environment: environment)
            var view = try PaperService(store: store, user: launch.user).view(name)
            view.noteSyntheticData(sources.marketData)
            let (record, _) = await StrategyToolbox.paperChart(view, marketData: sources.marketData, benchmark: ToolSettings().benchmark,
                                                               style: RenderStyle(width: 100))
            guard let record else {
                throw Failure("paper account \"\(view.name)\" has no scan yet — attach a strategy and run `stratchat scan` first")
            }
            let html = HTMLReport.renderPaper(view, record: record, generatedAt: Date())
            try write(html)
            console.line("Wrote \(URL(fileURLWithPath: output).path) (\(NumberText.grouped(Double(html.utf8.count) / 1024, decimals: 0)) KB): paper account \"\(view.name)\" (paper money), \(record.startDate) to \(record.endDate).")
        } catch let failure as Failure {
            console.writeError("error: " + failure.message)
            throw ExitCode(2)
        } catch let error as ExitCode {
            throw error
        } catch {
            console.writeError("error: " + ((error as? any LocalizedError)?.errorDescription ?? error.localizedDescription))
            throw ExitCode(2)
        }
    }

    func write(_ html: String) throws {
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw Failure("cannot write \(output) (\(error.localizedDescription)) — check the folder exists and is writable")
        }
    }

    /// "v2", or "v2 (the latest is v3)" when the backtest ran an older version.
    static func versionText(ran: StoredStrategy, latest: StoredStrategy) -> String {
        let version = ran.version, newest = latest.version
        return "v\(version)" + (newest != version ? " (the latest is v\(newest))" : "")
    }

    /// The strategy a reference names, or a failure listing the candidates or the nearest name.
    static func resolve(_ reference: String, store: StratStore, user: String) throws -> StoredStrategy {
        switch try store.resolveStrategyReference(reference, user: user) {
        case .found(let strategy):
            return strategy
        case .ambiguous(let matches):
            let names = matches.map { "\($0.name) (\(String($0.id.prefix(8))))" }.joined(separator: ", ")
            throw Failure("\"\(reference)\" matches several strategies: \(names) — give more of the id or the full name")
        case .notFound(let suggestion):
            let hint = suggestion.map { "did you mean \"\($0)\"? " } ?? ""
            throw Failure("no strategy of \(user) is called \"\(reference)\" — \(hint)list them with /strategies in the chat")
        }
    }

    /// Runs the chat's backtest with the configured defaults, which stores the result.
    static func runBacktest(_ strategy: StoredStrategy, store: StratStore, user: String, settings: Settings) async throws -> StrategyBacktest? {
        let tools = ToolSettings(initialCapital: settings.capital, commissionPct: settings.commissionPct,
                                 slippageBps: settings.slippageBps, universe: settings.universe)
        let service = BacktestService(marketData: try MarketData.offline(storage: store), store: store, userId: user, settings: tools)
        return try await service.run(BacktestQuery(strategy: strategy.definition)).result
    }

    /// A problem this command reports with its fix, then exits with code 2.
    struct Failure: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }
}
