import Foundation
import Testing
@testable import AgentLoop

@Suite("Choosing the provider and model")
struct ProviderChoiceTests {
    private func resolve(
        provider: String? = nil, model: String? = nil, baseURL: String? = nil, env: [String: String] = [:], config: [String: String] = [:]
    ) throws -> ProviderChoice {
        try ProviderChoice.resolve(flagProvider: provider, flagModel: model, flagBaseURL: baseURL, env: env, config: config)
    }

    @Test("with nothing set, the offline model runs")
    func offline() throws {
        let choice = try resolve()
        #expect(choice.provider == .offline)
        #expect(choice.baseURL == nil)
        #expect(choice.qualifiedName == "offline")
    }

    @Test("an OpenAI key picks openai with its default model and URL")
    func openAIKey() throws {
        let choice = try resolve(env: ["OPENAI_API_KEY": "sk-live-secret", "ANTHROPIC_API_KEY": "sk-ant-secret"])
        #expect(choice.provider == .openai)
        #expect(choice.model == "gpt-4o-mini")
        #expect(choice.baseURL == URL(string: "https://api.openai.com/v1"))
        #expect(choice.reason.contains("OPENAI_API_KEY is set"))
        #expect(!choice.reason.contains("secret"))
        #expect(choice.apiKeyVariable == "OPENAI_API_KEY")
    }

    @Test("OPENAI_BASE_URL alone picks openai at that URL, for a keyless local server")
    func keylessLocal() throws {
        let choice = try resolve(env: ["OPENAI_BASE_URL": "http://localhost:8080/v1", "STRATCHAT_MODEL": "qwen2.5:7b"])
        #expect(choice.provider == .openai)
        #expect(choice.baseURL == URL(string: "http://localhost:8080/v1"))
        #expect(choice.model == "qwen2.5:7b", "an unknown prefix is part of the model name")
    }

    @Test("an Anthropic key alone picks anthropic")
    func anthropicKey() throws {
        let choice = try resolve(env: ["ANTHROPIC_API_KEY": "x"])
        #expect(choice.provider == .anthropic)
        #expect(choice.model == "claude-sonnet-4-5")
        #expect(choice.baseURL == URL(string: "https://api.anthropic.com"))
    }

    @Test("--provider beats STRATCHAT_PROVIDER, which beats the config")
    func precedence() throws {
        let env = ["STRATCHAT_PROVIDER": "anthropic", "OPENAI_API_KEY": "k"]
        let config = ["provider": "offline"]
        #expect(try resolve(provider: "openai", env: env, config: config).provider == .openai)
        #expect(try resolve(env: env, config: config).provider == .anthropic)
        #expect(try resolve(env: ["OPENAI_API_KEY": "k"], config: config).provider == .offline)
        #expect(try resolve(provider: "openai", env: env, config: config).reason.hasPrefix("openai: --provider says openai"))
    }

    @Test("--model provider:name sets both", arguments: [
        ("ollama:llama3.1", ProviderChoice.Provider.openai, "llama3.1", "http://localhost:11434/v1"),
        ("anthropic:claude-sonnet-4-5", .anthropic, "claude-sonnet-4-5", "https://api.anthropic.com"),
        ("ollama:llama3.1:8b", .openai, "llama3.1:8b", "http://localhost:11434/v1"),
        ("openai:gpt-4.1", .openai, "gpt-4.1", "https://api.openai.com/v1"),
    ])
    func modelPrefix(model: String, provider: ProviderChoice.Provider, name: String, url: String) throws {
        let choice = try resolve(model: model, env: ["ANTHROPIC_API_KEY": "k"])
        #expect(choice.provider == provider)
        #expect(choice.model == name)
        #expect(choice.baseURL == URL(string: url))
    }

    @Test("--base-url beats the alias URL, which beats OPENAI_BASE_URL")
    func baseURLPrecedence() throws {
        let env = ["OPENAI_BASE_URL": "http://gpu-box:8000/v1"]
        #expect(try resolve(model: "ollama:phi3", baseURL: "http://10.0.0.5:11434/v1", env: env).baseURL == URL(string: "http://10.0.0.5:11434/v1"))
        #expect(try resolve(model: "ollama:phi3", env: env).baseURL == URL(string: "http://localhost:11434/v1"))
        #expect(try resolve(model: "phi3", env: env).baseURL == URL(string: "http://gpu-box:8000/v1"))
    }

    @Test("a model prefixed for another provider is skipped at a lower level")
    func otherProvidersModel() throws {
        let choice = try resolve(provider: "anthropic", config: ["model": "openai:gpt-4.1"])
        #expect(choice.model == "claude-sonnet-4-5")
    }

    @Test("the config's model and base URL apply when nothing above names them")
    func configValues() throws {
        let choice = try resolve(env: ["OPENAI_API_KEY": "k"], config: ["model": "gpt-4.1", "base_url": "https://openrouter.ai/api/v1"])
        #expect(choice.model == "gpt-4.1")
        #expect(choice.baseURL == URL(string: "https://openrouter.ai/api/v1"))
    }

    @Test("a misspelt provider is an error with a suggestion")
    func misspelt() {
        #expect(throws: AgentError.unknownProvider(name: "antropic", suggestion: "anthropic")) {
            try resolve(provider: "antropic")
        }
    }

    @Test("a provider flag that disagrees with the model prefix is an error")
    func conflict() {
        #expect(throws: AgentError.self) { try resolve(provider: "openai", model: "anthropic:claude-sonnet-4-5") }
    }

    @Test("a base URL that is not http(s) is an error")
    func badURL() {
        #expect(throws: AgentError.invalidBaseURL("localhost:11434")) { try resolve(provider: "openai", baseURL: "localhost:11434") }
    }

    @Test("the choice builds the matching HTTP model, and none for offline")
    func makeModel() throws {
        let transport = FixtureTransport([])
        #expect(try resolve(model: "ollama:llama3.1").makeHTTPModel(apiKey: nil, transport: transport)?.name == "openai:llama3.1")
        #expect(try resolve(model: "anthropic:claude-sonnet-4-5").makeHTTPModel(apiKey: "k", transport: transport)?.name == "anthropic:claude-sonnet-4-5")
        #expect(try resolve().makeHTTPModel(apiKey: nil, transport: transport) == nil)
    }
}
