import ArgumentParser
import Foundation
import Networking
import StrategyCore
import Tools

/// `stratchat scan`: the daily scan of every active strategy of every user, made for cron.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan every active strategy for signals and resolve earlier signals into outcomes.",
        discussion: """
            Runs every active strategy of every user on the last day of the data, stores the entry and exit \
            signals, walks earlier entry signals forward under each strategy's exit rules into hypothetical \
            trades, and updates each strategy's performance. One line is logged per strategy. With no universe \
            given or configured, each strategy is read on the embedded data that can test it (the 2009–2010 \
            cross-section, or the long history when its look-back needs more), as its backtest is, and its line \
            says which and why.

            Safe for cron: a lock in $STRATCHAT_HOME/scan.lock keeps two scans from overlapping (the second \
            waits up to --wait seconds), and a second scan on the same day changes nothing. A strategy whose \
            data fails is reported and skipped; the others still run.

            --from D1 --to D2 replays the daily scan for each trading day in the range, each day seeing only \
            data up to it, so tracking can be shown on the embedded 2009–2010 sample.

            Each strategy's signals of the last day scanned go as one message to the webhooks of config.toml (see \
            `stratchat alerts --help`), once per webhook. The scan's results are stored first; a failed alert is \
            reported on stderr, makes the exit code 1, and is sent by a rerun of the scan.

            Paper accounts (`stratchat paper`, paper money) are traded too: each steps through the scanned days by \
            the backtest's fill rules, and one line per account says what filled, what waits for the next open, and \
            any limit that held back entries. A replay trades them over the replayed days. An account linked to Alpaca's paper API \
            (`stratchat paper link`) also sends its orders for the next open there, as market-on-open orders or, \
            for a buy with a stop or target, a day bracket sent while the market is closed (or holds them for \
            `paper approve`), and reads the earlier ones back to report every difference from the \
            simulation.

            At a terminal a progress line shows the strategies done and the time left. Ctrl-C stops the scan \
            before the next strategy (each strategy before it is stored whole); a second Ctrl-C quits at once.

            Exit codes: 0 success; 1 some strategy or paper account failed (the others ran), another scan held the \
            lock, an alert could not be sent, or an order could not be sent to Alpaca; 2 bad usage (an empty date range, an unreadable database); \
            130 stopped by Ctrl-C.
            """
    )

    @Flag(help: "Print only problems.")
    var quiet = false

    @Option(help: ArgumentHelp("Replay daily scans from this day (YYYY-MM-DD).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Replay up to this day (YYYY-MM-DD; default the data's last day).", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("The universe to scan (default the configured one, else the data that fits each strategy).", valueName: "name"))
    var universe: String?

    @Option(help: ArgumentHelp("Seconds to wait for a running scan to finish.", valueName: "seconds"))
    var wait: Double = 600

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let console = StandardConsole()
        let fromDay = try Self.day(from, flag: "--from")
        let toDay = try Self.day(to, flag: "--to")
        if toDay != nil && fromDay == nil {
            throw ValidationError("--to needs --from: give both to replay a range, or neither to scan the last day.")
        }
        let environment = HostEnvironment.current()
        let launch = options.launch(environment: environment)
        let report: ScanReport
        let alerts: AlertDispatcher.Report
        do {
            let (data, store) = try await DataSources.openWithStore(launch, options: options, environment: environment)
            var service = ScanService(store: store, feed: MarketDataFeed(market: data.marketData),
                                      lockPath: ScanService.lockPath(inHome: launch.paths.home.path))
            service.alpaca = AlpacaClient.connector(environment: environment.variables)
            // Ctrl-C stops between strategies, so each strategy's signals, outcomes and performance are stored whole.
            let interrupt = Interrupt.listen()
            defer { interrupt.stop() }
            report = await service.run(ScanOptions(quiet: quiet, from: fromDay, to: toDay,
                                                   universe: universe ?? ToolSettings(universe: data.settings.universe).configuredUniverse,
                                                   lockWaitSeconds: wait, progress: ProgressPrinter.standardError(),
                                                   shouldCancel: { interrupt.requested }))
            // The scan's results are stored before any alert is tried, so a failed alert cannot lose them.
            alerts = await ScanAlerts.deliver(report.events, webhooks: data.settings.alertWebhooks, store: store)
        } catch {
            throw ExitCode(DataCommandFailure.report(error, console: console))
        }
        let text = report.output(quiet: quiet)
        if !text.isEmpty {
            if report.exitCode == 0 { console.write(text + "\n") } else { console.writeError(text) }
        }
        if !quiet, alerts.failures.isEmpty, !alerts.lines.isEmpty { console.write(alerts.lines.joined(separator: "\n") + "\n") }
        if !alerts.failures.isEmpty { console.writeError(alerts.lines.joined(separator: "\n")) }
        let status = max(report.exitCode, alerts.exitCode)
        if status != 0 { throw ExitCode(status) }
    }

    static func day(_ text: String?, flag: String) throws -> Day? {
        guard let text else { return nil }
        guard let day = Day(iso: text) else {
            throw ValidationError("\(flag) \(text) is not a date: write it as YYYY-MM-DD, e.g. 2010-03-01.")
        }
        return day
    }
}
