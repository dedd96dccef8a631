import Basics
import Foundation
import Networking

/// Which model runs, and why: the rule from the design, as a pure function of flags,
/// environment and config so that `stratchat config` and tests can show the same answer.
///
/// Provider: `--provider` (or a `--model` prefix) beats `STRATCHAT_PROVIDER` (or a
/// `STRATCHAT_MODEL` prefix), which beats the config's `provider` (or `model` prefix);
/// otherwise `openai` when `OPENAI_API_KEY` or `OPENAI_BASE_URL` (or `--base-url`, or the config's
/// `base_url`) is set, else `anthropic` when
/// `ANTHROPIC_API_KEY` is set, else `offline`.
package struct ProviderChoice: Hashable, Sendable {
    package enum Provider: String, Hashable, Sendable, CaseIterable {
        case openai, anthropic, offline
    }

    package var provider: Provider
    package var model: String
    /// `nil` for the offline model.
    package var baseURL: URL?
    /// Where each part came from, in words, for `stratchat config`. Never contains a key.
    package var reason: String
    /// Where the provider, the model and the base URL came from, one by one, for the config report.
    package var providerOrigin: Origin = .defaultValue
    package var modelOrigin: Origin = .defaultValue
    package var baseURLOrigin: Origin = .defaultValue

    /// The source of one part of the choice. `.config` carries the config key (`provider`, `model`,
    /// `base_url`); `.derived` a reason in words ("OPENAI_API_KEY is set").
    package enum Origin: Hashable, Sendable {
        case flag(String)
        case environment(String)
        case config(String)
        case derived(String)
        case defaultValue
    }

    package static let defaultOpenAIModel = "gpt-4o-mini"
    package static let defaultAnthropicModel = "claude-sonnet-4-5"

    /// The environment variable holding this provider's key.
    package var apiKeyVariable: String? {
        switch provider {
        case .openai: "OPENAI_API_KEY"
        case .anthropic: "ANTHROPIC_API_KEY"
        case .offline: nil
        }
    }

    /// `model` with its provider, as `--model` accepts it and transcripts show it.
    package var qualifiedName: String {
        provider == .offline ? "offline" : "\(provider.rawValue):\(model)"
    }

    /// Config keys read: `provider`, `model`, `base_url`.
    package static func resolve(
        flagProvider: String?, flagModel: String?, flagBaseURL: String?, env: [String: String], config: [String: String]
    ) throws(AgentError) -> ProviderChoice {
        let levels = [
            Level(name: "--provider", modelName: "--model", baseName: "--base-url", provider: flagProvider, model: flagModel, baseURL: flagBaseURL,
                  providerOrigin: .flag("--provider"), modelOrigin: .flag("--model")),
            Level(name: "STRATCHAT_PROVIDER", modelName: "STRATCHAT_MODEL", baseName: nil, provider: env["STRATCHAT_PROVIDER"], model: env["STRATCHAT_MODEL"], baseURL: nil,
                  providerOrigin: .environment("STRATCHAT_PROVIDER"), modelOrigin: .environment("STRATCHAT_MODEL")),
            Level(name: "config provider", modelName: "config model", baseName: "config base_url", provider: config["provider"], model: config["model"], baseURL: config["base_url"],
                  providerOrigin: .config("provider"), modelOrigin: .config("model")),
        ]

        var chosen: (provider: Provider, why: String, origin: Origin)?
        for level in levels {
            let explicit = try level.provider.flatMap(nonEmpty).map { text throws(AgentError) in try parseProvider(text) }
            let spec = level.model.flatMap(nonEmpty).map(ModelSpec.parse)
            if let explicit, let implied = spec?.provider, implied != explicit {
                throw .conflictingChoice("\(level.name) says \(explicit.rawValue) but \(level.modelName) \(level.model!) means \(implied.rawValue)")
            }
            if let explicit {
                chosen = (explicit, "\(level.name) says \(explicit.rawValue)", level.providerOrigin)
                break
            }
            if let implied = spec?.provider {
                chosen = (implied, "\(level.modelName) \(level.model!) names it", .derived("from \(level.modelName) \(level.model!)"))
                break
            }
        }
        let provider: Provider
        var reason: String
        let providerOrigin: Origin
        if let chosen {
            (provider, reason, providerOrigin) = chosen
        } else {
            if nonEmpty(env["OPENAI_API_KEY"]) != nil {
                (provider, reason) = (.openai, "OPENAI_API_KEY is set")
            } else if nonEmpty(env["OPENAI_BASE_URL"]) != nil {
                (provider, reason) = (.openai, "OPENAI_BASE_URL is set (a keyless local server)")
            } else if let named = [("--base-url", flagBaseURL), ("config base_url", config["base_url"])].first(where: { nonEmpty($0.1) != nil }) {
                // A base URL with no provider named is an OpenAI-compatible server, as OPENAI_BASE_URL is.
                (provider, reason) = (.openai, "\(named.0) is set (an OpenAI-compatible server)")
            } else if nonEmpty(env["ANTHROPIC_API_KEY"]) != nil {
                (provider, reason) = (.anthropic, "ANTHROPIC_API_KEY is set")
            } else {
                (provider, reason) = (.offline, "no OPENAI_API_KEY, OPENAI_BASE_URL or ANTHROPIC_API_KEY is set")
            }
            providerOrigin = .derived(reason)
        }
        if provider == .offline {
            var choice = ProviderChoice(provider: .offline, model: "offline", baseURL: nil, reason: "offline: \(reason)")
            choice.providerOrigin = providerOrigin
            choice.modelOrigin = providerOrigin
            choice.baseURLOrigin = .derived("not used offline")
            return choice
        }

        // The model: the highest level naming one for this provider; a prefix for another provider is skipped.
        var model = provider == .openai ? defaultOpenAIModel : defaultAnthropicModel
        var modelWhy = "the default"
        var modelOrigin = Origin.defaultValue
        var aliasBase: (url: String, level: Int, why: String)?
        for (position, level) in levels.enumerated() {
            guard let text = level.model.flatMap(nonEmpty), case let spec = ModelSpec.parse(text),
                spec.provider == nil || spec.provider == provider, !spec.name.isEmpty
            else { continue }
            model = spec.name
            modelWhy = "from \(level.modelName)"
            modelOrigin = level.modelOrigin
            if let base = spec.baseURL { aliasBase = (base, position, "the \(spec.alias ?? "") default") }
            break
        }

        // The base URL: per level, an explicit URL beats one implied by a model alias.
        let envBase = provider == .openai ? "OPENAI_BASE_URL" : "ANTHROPIC_BASE_URL"
        var candidates: [(String?, String, Origin)] = [(flagBaseURL, "--base-url", .flag("--base-url"))]
        if let alias = aliasBase, alias.level == 0 { candidates.append((alias.url, alias.why, .derived(alias.why))) }
        candidates.append((env[envBase], envBase, .environment(envBase)))
        if let alias = aliasBase, alias.level == 1 { candidates.append((alias.url, alias.why, .derived(alias.why))) }
        candidates.append((config["base_url"], "config base_url", .config("base_url")))
        if let alias = aliasBase, alias.level == 2 { candidates.append((alias.url, alias.why, .derived(alias.why))) }
        let fallback = provider == .openai ? OpenAIChatModel.defaultBaseURL : AnthropicMessagesModel.defaultBaseURL
        var baseURL = fallback
        var baseWhy = "the default"
        var baseOrigin = Origin.defaultValue
        if let (text, why, origin) = candidates.first(where: { nonEmpty($0.0) != nil }), let text {
            baseURL = try parseBaseURL(text)
            baseWhy = "from \(why)"
            baseOrigin = origin
        }
        reason = "\(provider.rawValue): \(reason); model \(model) \(modelWhy); base URL \(baseWhy)"
        var choice = ProviderChoice(provider: provider, model: model, baseURL: baseURL, reason: reason)
        choice.providerOrigin = providerOrigin
        choice.modelOrigin = modelOrigin
        choice.baseURLOrigin = baseOrigin
        return choice
    }

    /// Builds the HTTP model for this choice; `nil` for `offline`, which lives with the tools.
    /// The default transport retries 429 and 5xx with backoff, honouring `Retry-After`.
    package func makeHTTPModel(
        apiKey: String?, transport: any HTTPTransport = RetryingTransport(base: URLSessionTransport()), timeout: TimeInterval = 60
    ) -> (any ChatModel)? {
        switch provider {
        case .openai:
            OpenAIChatModel(model: model, baseURL: baseURL ?? OpenAIChatModel.defaultBaseURL, apiKey: apiKey, transport: transport, timeout: timeout)
        case .anthropic:
            AnthropicMessagesModel(
                model: model, baseURL: baseURL ?? AnthropicMessagesModel.defaultBaseURL, apiKey: apiKey, transport: transport, timeout: timeout)
        case .offline:
            nil
        }
    }

    private struct Level {
        var name: String
        var modelName: String
        var baseName: String?
        var provider: String?
        var model: String?
        var baseURL: String?
        var providerOrigin: Origin
        var modelOrigin: Origin
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    static func parseProvider(_ text: String) throws(AgentError) -> Provider {
        if let provider = Provider(rawValue: text.lowercased()) { return provider }
        if let alias = ModelSpec.aliases[text.lowercased()] { return alias.provider }
        let names = Provider.allCases.map(\.rawValue) + ModelSpec.aliases.keys.sorted()
        throw .unknownProvider(name: text, suggestion: EditDistance.closest(to: text, in: names))
    }

    static func parseBaseURL(_ text: String) throws(AgentError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host?.isEmpty == false
        else { throw .invalidBaseURL(text) }
        return url
    }
}
