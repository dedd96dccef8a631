import ArgumentParser
import Foundation

/// Settings and their sources as the global options set them.
extension GlobalOptions {
    /// The settings in force, with `--no-color` and `--ascii` as the strongest source.
    func loadSettings(paths: AppPaths, environment: HostEnvironment) throws(ConfigError) -> Settings {
        var flags: [ConfigKey: SettingsLoader.FlagValue] = [:]
        if noColor { flags[.color] = .init(value: .boolean(false), flag: "--no-color") }
        if ascii { flags[.ascii] = .init(value: .boolean(true), flag: "--ascii") }
        if let model { flags[.model] = .init(value: .string(model), flag: "--model") }
        if let provider { flags[.provider] = .init(value: .string(provider), flag: "--provider") }
        if let baseURL { flags[.baseURL] = .init(value: .string(baseURL), flag: "--base-url") }
        if let turnTimeout { flags[.turnTimeout] = .init(value: .number(turnTimeout), flag: "--turn-timeout") }
        return try SettingsLoader(paths: paths, environment: environment).load(flags: flags)
    }

    /// The settings, or exit 2 after printing the config error on stderr (for commands that need nothing else first).
    func settingsOrExit(paths: AppPaths, environment: HostEnvironment, console: any Console) throws -> Settings {
        do {
            return try loadSettings(paths: paths, environment: environment)
        } catch {
            console.writeError("error: " + error.localizedDescription)
            throw ExitCode(2)
        }
    }

    func userSource(_ environment: HostEnvironment) -> SettingSource {
        if let user, !user.trimmingCharacters(in: .whitespaces).isEmpty { return .flag("--user") }
        if environment["STRATCHAT_USER"] != nil { return .environment("STRATCHAT_USER") }
        return .derived("login name")
    }

    func homeSource(_ environment: HostEnvironment) -> SettingSource {
        if let home, !home.trimmingCharacters(in: .whitespaces).isEmpty { return .flag("--home") }
        if environment["STRATCHAT_HOME"] != nil { return .environment("STRATCHAT_HOME") }
        return .defaultValue
    }
}
