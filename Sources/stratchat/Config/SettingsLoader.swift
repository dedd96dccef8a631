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
        let fileEntries = try file.map { url throws(ConfigError) in try entries(in: url) } ?? [:]
        var resolved: [ConfigKey: ResolvedSetting] = [:]
        for key in ConfigKey.allCases where key != .provider && key != .baseURL {
            resolved[key] = try settle(key, flags: flags, file: file, fileEntries: fileEntries)
        }
        let provider = try settleProvider(flags: flags, file: file, fileEntries: fileEntries, resolved: resolved)
        resolved[.provider] = provider
        resolved[.baseURL] = try settle(.baseURL, flags: flags, file: file, fileEntries: fileEntries,
                                        variables: baseURLVariables(provider: provider.value?.plain))
        return Settings(configFile: file, resolved: resolved)
    }

    /// The file's entries by key, each checked against the known keys and their allowed values.
    private func entries(in url: URL) throws(ConfigError) -> [ConfigKey: ConfigEntry] {
        let text: String
        do {
            text = try readFile(url)
        } catch {
            throw .unreadable(file: url.path, reason: (error as NSError).localizedFailureReason
                              ?? error.localizedDescription)
        }
        var result: [ConfigKey: ConfigEntry] = [:]
        for entry in try TOMLSubset.parse(text, file: url.path) {
            guard let key = ConfigKey(rawValue: entry.key) else {
                throw .unknownKey(file: url.path, line: entry.line, key: entry.key,
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
        return result
    }

    /// Flag, else the first environment variable set, else the file, else the default.
    private func settle(_ key: ConfigKey, flags: [ConfigKey: FlagValue], file: URL?,
                        fileEntries: [ConfigKey: ConfigEntry], variables: [String]? = nil)
        throws(ConfigError) -> ResolvedSetting {
        if let flag = flags[key] {
            return ResolvedSetting(key: key, value: try checked(key, flag.value, origin: flag.flag), source: .flag(flag.flag))
        }
        for variable in variables ?? key.environmentVariables {
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

    /// The provider: set outright, or implied by `model = "provider:name"`, or chosen by which key or
    /// address is set (DESIGN.md, "Models"): OpenAI-compatible when `OPENAI_API_KEY` or `OPENAI_BASE_URL`
    /// is set, else Anthropic when its key is, else the offline model.
    private func settleProvider(flags: [ConfigKey: FlagValue], file: URL?, fileEntries: [ConfigKey: ConfigEntry],
                                resolved: [ConfigKey: ResolvedSetting]) throws(ConfigError) -> ResolvedSetting {
        let explicit = try settle(.provider, flags: flags, file: file, fileEntries: fileEntries)
        if explicit.value != nil { return explicit }
        if let model = resolved[.model]?.value?.plain, let prefix = Self.providerPrefix(of: model) {
            return ResolvedSetting(key: .provider, value: .string(prefix), source: .derived("from model \(model)"))
        }
        let openAIAddress = environment["OPENAI_BASE_URL"] != nil || fileEntries[.baseURL] != nil
        if resolved[.openAIKey]?.value != nil || openAIAddress {
            let reason = resolved[.openAIKey]?.value != nil ? "an OpenAI key is set" : "a base URL is set"
            return ResolvedSetting(key: .provider, value: .string("openai"), source: .derived(reason))
        }
        if resolved[.anthropicKey]?.value != nil {
            return ResolvedSetting(key: .provider, value: .string("anthropic"),
                                   source: .derived("an Anthropic key is set"))
        }
        return ResolvedSetting(key: .provider, value: .string("offline"), source: .derived("no API key is set"))
    }

    /// `openai:gpt-4o` names its provider; `ollama:llama3.1` is an OpenAI-compatible local server.
    static func providerPrefix(of model: String) -> String? {
        guard let colon = model.firstIndex(of: ":") else { return nil }
        let prefix = model[..<colon].lowercased()
        if prefix == "ollama" { return "openai" }
        return ConfigKey.providers.contains(prefix) ? prefix : nil
    }

    private func baseURLVariables(provider: String?) -> [String] {
        provider == "anthropic" ? ["ANTHROPIC_BASE_URL"] : ["OPENAI_BASE_URL"]
    }
}
