import AgentLoop
import Tools
import Foundation

/// Reads the config file and the environment and settles every setting, with its source.
struct SettingsLoader {
    /// A setting given on the command line, with the flag that gave it (for `stratchat config`).
    struct FlagValue: Hashable, Sendable {
        let value: ConfigValue
        let flag: String
    }

    let paths: AppPaths
    let environment: HostEnvironment
    var fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    var readFile: (URL) throws -> String = { try String(contentsOf: $0, encoding: .utf8) }

    /// Settles every key. A bad file, key or value throws an error naming where it was written.
    func load(flags: [ConfigKey: FlagValue] = [:]) throws(ConfigError) -> Settings {
        let file = paths.configFile(fileExists: fileExists)
        let document = try file.map { url throws(ConfigError) in try entries(in: url) }
        let fileEntries = document?.entries ?? [:]
        var resolved: [ConfigKey: ResolvedSetting] = [:]
        for key in ConfigKey.allCases where ![.provider, .model, .baseURL].contains(key) {
            resolved[key] = try settle(key, flags: flags, file: file, fileEntries: fileEntries)
        }
        let model = try settleModel(flags: flags, file: file, fileEntries: fileEntries, resolved: resolved)
        resolved.merge(model.settings) { _, new in new }
        var settings = Settings(configFile: file, resolved: resolved, choice: model.choice)
        settings.choiceEnvironment = model.env
        settings.choiceConfig = model.config
        settings.alertWebhooks = document?.webhooks ?? []
        return settings
    }

    /// The file's entries by key, each checked against the known keys and their allowed values.
    private func entries(in url: URL) throws(ConfigError) -> (entries: [ConfigKey: ConfigEntry], webhooks: [AlertWebhook]) {
        let text: String
        do {
            text = try readFile(url)
        } catch {
            throw .unreadable(file: url.path, reason: (error as NSError).localizedFailureReason
                              ?? error.localizedDescription)
        }
        var result: [ConfigKey: ConfigEntry] = [:]
        let document = try ConfigFileReader.parseDocument(text, file: url.path)
        for entry in document.entries {
            guard let key = ConfigKey(rawValue: entry.key) else {
                throw .unknownKey(file: url.path, line: entry.line, key: ConfigSecrets.shownName(entry.key),
                                  suggestion: ConfigKey.suggestion(for: entry.key))
            }
            switch key.validate(entry.value) {
            case .success(let value):
                result[key] = ConfigEntry(key: entry.key, value: value, line: entry.line)
            case .failure(let expectation):
                throw .badValue(origin: "\(url.path) line \(entry.line)", key: key.name,
                                value: key.isSecret ? "(hidden)" : entry.value.description, expected: expectation.text)
            }
        }
        return (result, document.webhooks)
    }

    /// Flag, else the first environment variable set, else the file, else the default.
    private func settle(_ key: ConfigKey, flags: [ConfigKey: FlagValue], file: URL?,
                        fileEntries: [ConfigKey: ConfigEntry])
        throws(ConfigError) -> ResolvedSetting {
        if let flag = flags[key] {
            return ResolvedSetting(key: key, value: try checked(key, flag.value, origin: flag.flag), source: .flag(flag.flag))
        }
        for variable in key.environmentVariables {
            guard let text = environment[variable] else { continue }
            let value = try checked(key, key.environmentValue(text, variable: variable), origin: "$" + variable,
                                    shown: key.isSecret ? "(hidden)" : "\"\(text)\"")
            return ResolvedSetting(key: key, value: value, source: .environment(variable))
        }
        if let entry = fileEntries[key], let file {
            return ResolvedSetting(key: key, value: entry.value, source: .file(path: file.path, line: entry.line))
        }
        return ResolvedSetting(key: key, value: key.defaultValue, source: .defaultValue)
    }

    private func checked(_ key: ConfigKey, _ value: ConfigValue, origin: String, shown: String? = nil)
        throws(ConfigError) -> ConfigValue {
        switch key.validate(value) {
        case .success(let value): return value
        case .failure(let expectation):
            throw .badValue(origin: origin, key: key.name, value: shown ?? value.description, expected: expectation.text)
        }
    }

    /// The provider, model and base URL, settled by `ProviderChoice` (the one rule, DESIGN.md "Models"), with
    /// each value's source translated for the config report. Keys set in the config file's `[keys]` count
    /// like their environment variables.
    private func settleModel(flags: [ConfigKey: FlagValue], file: URL?, fileEntries: [ConfigKey: ConfigEntry],
                             resolved: [ConfigKey: ResolvedSetting])
        throws(ConfigError) -> (choice: ProviderChoice, settings: [ConfigKey: ResolvedSetting], env: [String: String], config: [String: String]) {
        for key in [ConfigKey.provider, .baseURL] {
            if let flag = flags[key] { _ = try checked(key, flag.value, origin: flag.flag) }
        }
        var env = environment.variables.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
        for key in [ConfigKey.openAIKey, .anthropicKey] {
            if let value = resolved[key]?.value?.plain, let variable = key.environmentVariables.first { env[variable] = value }
        }
        let config = fileEntries.reduce(into: [String: String]()) { result, entry in
            if [.provider, .model, .baseURL].contains(entry.key) { result[entry.key.name] = entry.value.value.plain }
        }
        let choice: ProviderChoice
        do {
            choice = try ProviderChoice.resolve(
                flagProvider: flags[.provider]?.value.plain, flagModel: flags[.model]?.value.plain,
                flagBaseURL: flags[.baseURL]?.value.plain, env: env, config: config)
        } catch {
            throw .modelChoice(message: error.errorDescription ?? "\(error)")
        }
        func source(_ origin: ProviderChoice.Origin) -> SettingSource {
            switch origin {
            case .flag(let flag): return .flag(flag)
            case .environment(let variable): return .environment(variable)
            case .config(let key):
                guard let file, let entry = fileEntries[ConfigKey(rawValue: key) ?? .model] else { return .derived("config \(key)") }
                return .file(path: file.path, line: entry.line)
            case .derived(let reason):
                // A key from the file's [keys] section, not the environment, picked the provider.
                for key in [ConfigKey.openAIKey, .anthropicKey] {
                    if let variable = key.environmentVariables.first, reason == "\(variable) is set",
                       case .file = resolved[key]?.source {
                        return .derived("\(key.name) is set in the config file")
                    }
                }
                return .derived(reason)
            case .defaultValue: return .defaultValue
            }
        }
        let settings: [ConfigKey: ResolvedSetting] = [
            .provider: ResolvedSetting(key: .provider, value: .string(choice.provider.rawValue), source: source(choice.providerOrigin)),
            .model: ResolvedSetting(key: .model, value: .string(choice.model), source: source(choice.modelOrigin)),
            .baseURL: ResolvedSetting(key: .baseURL, value: choice.baseURL.map { .string($0.absoluteString) },
                                      source: source(choice.baseURLOrigin)),
        ]
        return (choice, settings, env, config)
    }
}
