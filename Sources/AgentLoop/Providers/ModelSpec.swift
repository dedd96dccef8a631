/// A `--model` value: `name`, or `prefix:name` where the prefix is a provider or a known local server.
struct ModelSpec: Hashable {
    var provider: ProviderChoice.Provider?
    var name: String
    var baseURL: String?
    var alias: String?

    static let aliases: [String: (provider: ProviderChoice.Provider, baseURL: String?)] = [
        "openai": (.openai, nil),
        "anthropic": (.anthropic, nil),
        "ollama": (.openai, "http://localhost:11434/v1"),
        "lmstudio": (.openai, "http://localhost:1234/v1"),
        "llamacpp": (.openai, "http://localhost:8080/v1"),
        "vllm": (.openai, "http://localhost:8000/v1"),
        "openrouter": (.openai, "https://openrouter.ai/api/v1"),
    ]

    /// A prefix that is not a known name is part of the model name (`llama3:8b` is an Ollama
    /// tag, not a typo of `ollama`), so no guessing happens here.
    static func parse(_ text: String) -> ModelSpec {
        if text.lowercased() == "offline" { return ModelSpec(provider: .offline, name: "offline") }
        guard let colon = text.firstIndex(of: ":") else { return ModelSpec(provider: nil, name: text) }
        let prefix = text[..<colon].lowercased()
        let name = String(text[text.index(after: colon)...])
        if let alias = aliases[prefix] {
            return ModelSpec(provider: alias.provider, name: name, baseURL: alias.baseURL, alias: prefix)
        }
        return ModelSpec(provider: nil, name: text)
    }
}
