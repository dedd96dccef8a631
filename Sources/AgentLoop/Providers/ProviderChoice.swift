import Foundation
import Networking

/// Which model runs, and why: the rule from the design, as a pure function of flags,
/// environment and config so that `stratchat config` and tests can show the same answer.
///
/// Provider: `--provider` (or a `--model` prefix) beats `STRATCHAT_PROVIDER` (or a
/// `STRATCHAT_MODEL` prefix), which beats the config's `provider` (or `model` prefix);
/// otherwise `openai` when `OPENAI_API_KEY` or `OPENAI_BASE_URL` is set, else `anthropic` when
/// `ANTHROPIC_API_KEY` is set, else `offline`.
public struct ProviderChoice: Hashable, Sendable {
    public enum Provider: String, Hashable, Sendable, CaseIterable {
        case openai, anthropic, offline
    }

    public var provider: Provider
    public var model: String
    /// `nil` for the offline model.
    public var baseURL: URL?
    /// Where each part came from, in words, for `stratchat config`. Never contains a key.
    public var reason: String

    public static let defaultOpenAIModel = "gpt-4o-mini"
    public static let defaultAnthropicModel = "claude-sonnet-4-5"

    /// The environment variable holding this provider's key.
    public var apiKeyVariable: String? {
        switch provider {
        case .openai: "OPENAI_API_KEY"
        case .anthropic: "ANTHROPIC_API_KEY"
        case .offline: nil
        }
    }

    /// `model` with its provider, as `--model` accepts it and transcripts show it.
    public var qualifiedName: String {
        provider == .offline ? "offline" : "\(provider.rawValue):\(model)"
    }

    /// Config keys read: `provider`, `model`, `base_url`.
    public static func resolve(
        flagProvider: String?, flagModel: String?, flagBaseURL: String?, env: [String: String], config: [String: String]
    ) throws(AgentError) -> ProviderChoice {
        let levels = [
            Level(name: "--provider", modelName: "--model", baseName: "--base-url", provider: flagProvider, model: flagModel, baseURL: flagBaseURL),
            Level(name: "STRATCHAT_PROVIDER", modelName: "STRATCHAT_MODEL", baseName: nil, provider: env["STRATCHAT_PROVIDER"], model: env["STRATCHAT_MODEL"], baseURL: nil),
            Level(name: "config provider", modelName: "config model", baseName: "config base_url", provider: config["provider"], model: config["model"], baseURL: config["base_url"]),
        ]

        var chosen: (provider: Provider, why: String)?
        for level in levels {
            let explicit = try level.provider.flatMap(nonEmpty).map { text throws(AgentError) in try parseProvider(text) }
            let spec = level.model.flatMap(nonEmpty).map(ModelSpec.parse)
            if let explicit, let implied = spec?.provider, implied != explicit {
                throw .conflictingChoice("\(level.name) says \(explicit.rawValue) but \(level.modelName) \(level.model!) means \(implied.rawValue)")
            }
            if let explicit {
                chosen = (explicit, "\(level.name) says \(explicit.rawValue)")
                break
            }
            if let implied = spec?.provider {
                chosen = (implied, "\(level.modelName) \(level.model!) names it")
                break
            }
        }
        let provider: Provider
        var reason: String
        if let chosen {
            (provider, reason) = chosen
        } else if nonEmpty(env["OPENAI_API_KEY"]) != nil {
            (provider, reason) = (.openai, "OPENAI_API_KEY is set")
        } else if nonEmpty(env["OPENAI_BASE_URL"]) != nil {
            (provider, reason) = (.openai, "OPENAI_BASE_URL is set (a keyless local server)")
        } else if nonEmpty(env["ANTHROPIC_API_KEY"]) != nil {
            (provider, reason) = (.anthropic, "ANTHROPIC_API_KEY is set")
        } else {
            (provider, reason) = (.offline, "no OPENAI_API_KEY, OPENAI_BASE_URL or ANTHROPIC_API_KEY is set")
        }
        if provider == .offline {
            return ProviderChoice(provider: .offline, model: "offline", baseURL: nil, reason: "offline: \(reason)")
        }

        // The model: the highest level naming one for this provider; a prefix for another provider is skipped.
        var model = provider == .openai ? defaultOpenAIModel : defaultAnthropicModel
        var modelWhy = "the default"
        var aliasBase: (url: String, level: Int, why: String)?
        for (position, level) in levels.enumerated() {
            guard let text = level.model.flatMap(nonEmpty), case let spec = ModelSpec.parse(text),
                spec.provider == nil || spec.provider == provider, !spec.name.isEmpty
            else { continue }
            model = spec.name
            modelWhy = "from \(level.modelName)"
            if let base = spec.baseURL { aliasBase = (base, position, "the \(spec.alias ?? "") default") }
            break
        }

        // The base URL: per level, an explicit URL beats one implied by a model alias.
        let envBase = provider == .openai ? "OPENAI_BASE_URL" : "ANTHROPIC_BASE_URL"
        var candidates: [(String?, String)] = [(flagBaseURL, "--base-url")]
        if aliasBase?.level == 0 { candidates.append((aliasBase?.url, aliasBase!.why)) }
        candidates.append((env[envBase], envBase))
        if aliasBase?.level == 1 { candidates.append((aliasBase?.url, aliasBase!.why)) }
        candidates.append((config["base_url"], "config base_url"))
        if aliasBase?.level == 2 { candidates.append((aliasBase?.url, aliasBase!.why)) }
        let fallback = provider == .openai ? OpenAIChatModel.defaultBaseURL : AnthropicMessagesModel.defaultBaseURL
        var baseURL = fallback
        var baseWhy = "the default"
        if let (text, why) = candidates.first(where: { nonEmpty($0.0) != nil }), let text {
            baseURL = try parseBaseURL(text)
            baseWhy = "from \(why)"
        }
        reason = "\(provider.rawValue): \(reason); model \(model) \(modelWhy); base URL \(baseWhy)"
        return ProviderChoice(provider: provider, model: model, baseURL: baseURL, reason: reason)
    }

    /// Builds the HTTP model for this choice; `nil` for `offline`, which lives with the tools.
    /// The default transport retries 429 and 5xx with backoff, honouring `Retry-After`.
    public func makeHTTPModel(
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
