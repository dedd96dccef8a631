import Tools
import ArgumentParser
import Foundation

/// `stratchat config`: the settings in force and where each came from, with API keys masked.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the settings in force and where each came from.",
        discussion: """
            Settings come from command-line flags, then environment variables, then the config file \
            ($STRATCHAT_HOME/config.toml if present, else ~/.config/stratchat/config.toml), then defaults. \
            API keys are never shown.

            A config file looks like this:
              model = "ollama:llama3.1"
              base_url = "http://localhost:11434/v1"
              capital = 50000
              commission_pct = 0.1
              slippage_bps = 5
              universe = "AAPL,MSFT,NVDA"
              color = true
              max_rounds = 8
              turn_timeout = 300

              [keys]
              fmp = "…"
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let environment = HostEnvironment.current()
        let launch = options.launch(environment: environment)
        let console = StandardConsole()
        let settings = try options.settingsOrExit(paths: launch.paths, environment: environment, console: console)
        let style = OutputStyle.detect(noColorFlag: !settings.color, asciiFlag: settings.ascii, environment: environment)
        console.write(Self.report(settings, launch: launch, userSource: options.userSource(environment),
                                  homeSource: options.homeSource(environment), style: style))
    }

    /// The report `stratchat config` prints.
    static func report(_ settings: Settings, launch: LaunchSettings, userSource: SettingSource,
                       homeSource: SettingSource, style: OutputStyle) -> String {
        var rows = [
            ["user", launch.user, userSource.description],
            ["home", launch.paths.home.path, homeSource.description],
        ]
        for key in ConfigKey.allCases {
            let setting = settings[key]
            rows.append([key.name, display(setting), setting.source.description])
        }
        let table = TextTable(columns: [.init("setting"), .init("value", alignment: .left), .init("from")], rows: rows)
        let file = settings.configFile.map { "Config file: \($0.path)" }
            ?? "Config file: none (looked for \(launch.paths.homeConfig.path) and \(launch.paths.userConfig.path))"
        var text = file + "\n" + table.render(borders: style.ascii ? .ascii : .unicode, maxWidth: style.width)
        if !settings.alertWebhooks.isEmpty {
            if !text.hasSuffix("\n") { text += "\n" }
            text += "Alert webhooks (the rest of each url is its token, never shown):\n"
            for hook in settings.alertWebhooks {
                let events = hook.events.map { $0.map(\.rawValue).sorted().joined(separator: ", ") } ?? "signal, fill, halt"
                text += "  \(hook.shownURL) \(hook.format.rawValue): \(events); timeout \(ConfigValue.number(hook.timeout)) s, "
                    + "\(hook.retries) retries\n"
            }
        }
        return text
    }

    /// A setting's value for people: keys masked, absent values said plainly.
    static func display(_ setting: ResolvedSetting) -> String {
        guard let value = setting.value else {
            return setting.key == .model ? "(the provider's default)" : "(none)"
        }
        return setting.key.isSecret ? "******** (set)" : value.plain
    }
}
