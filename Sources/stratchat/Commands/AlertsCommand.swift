import ArgumentParser
import Foundation
import Networking
import Store
import Tools

/// `stratchat alerts`: the webhooks a scan tells about new signals, fills and halts.
struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Check the webhooks that scans send alerts to.",
        discussion: """
            Webhooks are listed in config.toml, one [[alerts.webhook]] table each:
              [[alerts.webhook]]
              url = "https://hooks.slack.com/services/…"
              format = "slack"             # json (default), slack, discord or ntfy
              events = ["signal", "halt"]  # default: signal, fill and halt
              timeout = 10                 # seconds per attempt
              retries = 3                  # after a 429, a 5xx, a timeout or a failed connection

            After each `stratchat scan`, each strategy's signals of the last day scanned are sent as one message, \
            once per webhook. A webhook's url is shown only as its scheme and host, since the rest holds its token.
            """,
        subcommands: [AlertsTestCommand.self]
    )
}

/// `stratchat alerts test`: one test message to every configured webhook, and what each answered.
struct AlertsTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Send a test message to each configured webhook and say what happened.",
        discussion: "Exit codes: 0 every webhook accepted it; 1 some failed; 2 no webhook is configured or the config is bad."
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let environment = HostEnvironment.current()
        let launch = options.launch(environment: environment)
        let console = StandardConsole()
        let settings = try options.settingsOrExit(paths: launch.paths, environment: environment, console: console)
        guard !settings.alertWebhooks.isEmpty else {
            console.writeError("error: no webhook is configured: add an [[alerts.webhook]] table with a url to "
                + (settings.configFile?.path ?? launch.paths.homeConfig.path) + " (see `stratchat alerts --help`)")
            throw ExitCode(2)
        }
        let report = await AlertDispatcher(webhooks: settings.alertWebhooks, sender: ScanAlerts.sender()).test(at: Date())
        if !report.lines.isEmpty { console.write(report.lines.joined(separator: "\n") + "\n") }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}

/// How commands send alerts: one real HTTP sender, and the scan's events handed to one dispatcher.
enum ScanAlerts {
    static func sender() -> AlertSender { AlertSender(transport: URLSessionTransport()) }

    /// Sends the scan's events, and those waiting in the outbox, to the configured webhooks; even without events or
    /// webhooks, so what waits is sent again, or dropped when its webhook is gone from the configuration.
    static func deliver(_ events: [AlertEvent], webhooks: [AlertWebhook], store: StratStore) async -> AlertDispatcher.Report {
        await AlertDispatcher(webhooks: webhooks, sender: sender()).dispatch(events, store: store)
    }
}
