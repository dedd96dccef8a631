import AgentLoop
import Tools
import Foundation

/// Where a setting's value came from, shown by `stratchat config`.
enum SettingSource: Hashable, Sendable, CustomStringConvertible {
    case flag(String)
    case environment(String)
    case file(path: String, line: Int)
    /// Worked out from other settings, e.g. the provider from which API key is set.
    case derived(String)
    case defaultValue

    var description: String {
        switch self {
        case .flag(let flag): flag
        case .environment(let variable): "$" + variable
        case let .file(path, line): "\((path as NSString).lastPathComponent) line \(line)"
        case .derived(let reason): reason
        case .defaultValue: "default"
        }
    }
}

/// One setting in force: its value (nil for "none") and where that came from.
struct ResolvedSetting: Hashable, Sendable {
    let key: ConfigKey
    let value: ConfigValue?
    let source: SettingSource
}

/// The settings in force: command-line flags beat the environment, which beats the config file, which beats
/// the defaults (DESIGN.md, "Configuration and files").
struct Settings: Hashable, Sendable {
    /// The config file that was read, if any.
    let configFile: URL?
    private let resolved: [ConfigKey: ResolvedSetting]
    /// The model choice the provider, model and base URL settings describe.
    let choice: ProviderChoice

    init(configFile: URL?, resolved: [ConfigKey: ResolvedSetting], choice: ProviderChoice) {
        self.configFile = configFile
        self.resolved = resolved
        self.choice = choice
    }

    subscript(key: ConfigKey) -> ResolvedSetting {
        resolved[key] ?? ResolvedSetting(key: key, value: key.defaultValue, source: .defaultValue)
    }

    var model: String? { self[.model].value?.plain }
    var provider: String { self[.provider].value?.plain ?? "offline" }
    var baseURL: String? { self[.baseURL].value?.plain }
    var capital: Double { self[.capital].value?.numeric ?? 100_000 }
    var commissionPct: Double { self[.commissionPct].value?.numeric ?? 0 }
    var slippageBps: Double { self[.slippageBps].value?.numeric ?? 5 }
    var universe: String { self[.universe].value?.plain ?? "sample" }
    var color: Bool { self[.color].value == .boolean(true) }
    var ascii: Bool { self[.ascii].value == .boolean(true) }
    var maxRounds: Int { self[.maxRounds].value?.numeric.map { Int($0) } ?? 8 }
    /// The overall deadline of one chat turn, in seconds.
    var turnTimeout: Double { self[.turnTimeout].value?.numeric ?? 300 }

    /// The API key for a provider, from the environment or the config file.
    func apiKey(for key: ConfigKey) -> String? { key.isSecret ? self[key].value?.plain : nil }

    /// The key of the chosen provider, if one is set; never printed.
    var chosenAPIKey: String? {
        switch choice.provider {
        case .openai: apiKey(for: .openAIKey)
        case .anthropic: apiKey(for: .anthropicKey)
        case .offline: nil
        }
    }

    /// What `ProviderChoice` read (the environment with the keys from either place, and the config file's
    /// `provider`, `model`, `base_url`), so `/model` switches by the same rule as the start-up choice.
    var choiceEnvironment: [String: String] = [:]
    var choiceConfig: [String: String] = [:]

    /// The config file's `[[alerts.webhook]]` list: where a scan's news is sent.
    var alertWebhooks: [AlertWebhook] = []
}
